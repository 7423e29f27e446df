import type { PipelineEvent } from '../events/pipeline-event';
import { GOV_EVENT } from './governance-event-types';
import { readGovernancePayload } from '../events/governance-catalog';

/**
 * Reconciliation breaks in a session log that no resolved incident accounts for. Recovery records each
 * break as a `reconciliation.break` followed by its own `incident.opened` (kind reconciliation_break),
 * and `incidents.resolve` appends `incident.resolved` naming that incident; a resolved one no longer
 * counts against promotion. Read from the log itself, so the number is the same from a rebuild.
 */
export function unresolvedReconciliationBreaks(events: readonly PipelineEvent[]): number {
  let breaks = 0;
  const breakIncidents = new Set<string>();
  const resolved = new Set<string>();
  for (const e of events) {
    // A break counts even when its payload is off-catalog: failing closed keeps it against promotion.
    if (e.type === GOV_EVENT.reconciliationBreak) breaks++;
    else if (e.type === GOV_EVENT.incidentOpened) {
      const opened = readGovernancePayload(GOV_EVENT.incidentOpened, e.payload);
      if (opened?.kind === 'reconciliation_break') breakIncidents.add(opened.incidentId);
    } else if (e.type === GOV_EVENT.incidentResolved) {
      const done = readGovernancePayload(GOV_EVENT.incidentResolved, e.payload);
      if (done) resolved.add(done.incidentId);
    }
  }
  let resolvedBreaks = 0;
  for (const id of breakIncidents) if (resolved.has(id)) resolvedBreaks++;
  // A resolution can only retire a break that was recorded; never below zero.
  return Math.max(0, breaks - resolvedBreaks);
}
