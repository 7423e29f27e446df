/**
 * Names of the events governance writes. Registry log: session lifecycle, metrics, lane
 * configuration, promotions. Session log: approvals, operator actions, reconciliation, incidents.
 */
export const GOV_EVENT = {
  sessionCreated: 'session.created',
  sessionTransitioned: 'session.transitioned',
  sessionMetrics: 'session.metrics',
  /** A lead's tag on a finished session: promotion evidence, ignored by promotion, or cleared; with who and why. */
  sessionTagged: 'session.tagged',
  laneConfigured: 'lane.configured',
  promotionRequested: 'promotion.requested',
  promotionDecided: 'promotion.decided',
  approvalQueued: 'approval.queued',
  approvalDecided: 'approval.decided',
  /** An operator's halt, resume or order as requested (the runner logs what it applied as `operator.action`). */
  operatorRequested: 'operator.requested',
  reconciliationChecked: 'reconciliation.checked',
  reconciliationBreak: 'reconciliation.break',
  incidentOpened: 'incident.opened',
  incidentResolved: 'incident.resolved',
  /** The workstation's first signing key, recorded with its public key (or, for a store that predates the record, when first seen). */
  keyCreated: 'workstation.key_created',
  /** `papertape key replace`: a lost key's successor; the old public key stays recorded, so what it signed still verifies. */
  keyReplaced: 'workstation.key_replaced',
} as const;

/**
 * Governance's record of an operator request. Logs written before the request had its own name carry it as
 * `operator.action` with `actionId` (the runner's applied action says `action_id`); those still read as requests.
 */
export function isOperatorRequest(e: { type: string; payload: Record<string, unknown> }): boolean {
  if (e.type === GOV_EVENT.operatorRequested) return true;
  return e.type === 'operator.action' && typeof e.payload.actionId === 'string';
}

export const INTERRUPTED_REASON = 'INTERRUPTED: the process stopped while the session was running';
