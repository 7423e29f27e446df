/**
 * Names of the events governance writes. Registry log: session lifecycle, metrics, lane
 * configuration, promotions. Session log: approvals, operator actions, reconciliation, incidents.
 */
export const GOV_EVENT = {
  sessionCreated: 'session.created',
  sessionTransitioned: 'session.transitioned',
  sessionMetrics: 'session.metrics',
  laneConfigured: 'lane.configured',
  promotionRequested: 'promotion.requested',
  promotionDecided: 'promotion.decided',
  approvalQueued: 'approval.queued',
  approvalDecided: 'approval.decided',
  operatorAction: 'operator.action',
  reconciliationChecked: 'reconciliation.checked',
  reconciliationBreak: 'reconciliation.break',
  incidentOpened: 'incident.opened',
  incidentResolved: 'incident.resolved',
} as const;

export const INTERRUPTED_REASON = 'INTERRUPTED: the process stopped while the session was running';
