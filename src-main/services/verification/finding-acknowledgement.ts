import { REGISTRY_LOG } from '../../../src-shared/audit/audit-envelope';
import { ServiceError } from '../../../src-shared/envelope';
import {
  assertGovernanceEvent,
  FINDING_ACKNOWLEDGED_EVENT,
  governanceEvent,
  readGovernancePayload,
} from '../../../src-shared/events/governance-catalog';
import type { AuditStore } from '../../store/audit-log';
import { lastVerification, type LastVerification } from './verification-state';

export interface FindingAcknowledgement {
  check: string | null;
  log: string | null;
  seq: number | null;
  verifiedAt: string;
  by: string;
  reason: string;
}

function sameFinding(a: { check: string | null; log: string | null; seq: number | null }, v: LastVerification): boolean {
  return a.check === v.failedCheck && a.log === v.failedLog && a.seq === v.failedSeq;
}

function acknowledgements(store: AuditStore): FindingAcknowledgement[] {
  const out: FindingAcknowledgement[] = [];
  if (store.size(REGISTRY_LOG) === 0) return out;
  for (const ev of store.readEvents(REGISTRY_LOG)) {
    const e = JSON.parse(ev.canonical) as { type: string; payload: unknown };
    const a = e.type === FINDING_ACKNOWLEDGED_EVENT ? readGovernancePayload(FINDING_ACKNOWLEDGED_EVENT, e.payload) : null;
    if (a) out.push(a);
  }
  return out;
}

/**
 * The last recorded verification, when it failed and no one acknowledged that finding. Matching is
 * by finding (check, log, seq), not by run: every open re-verifies and records a run, and the same
 * known break must not need a new acknowledgement each time, while a new finding does.
 */
export function unacknowledgedFailure(store: AuditStore): LastVerification | null {
  const last = lastVerification(store.db);
  if (!last || last.ok) return null;
  return acknowledgements(store).some((a) => sameFinding(a, last)) ? null : last;
}

export function describeFailure(v: LastVerification): string {
  return `check=${v.failedCheck ?? '-'}, log=${v.failedLog ?? '-'}, seq=${v.failedSeq ?? '-'}, at=${v.at}`;
}

/** Fail closed: no new session on a store whose last verification failed, until someone acknowledges the finding. */
export function refuseOnFailedVerification(store: AuditStore): void {
  const v = unacknowledgedFailure(store);
  if (!v) return;
  throw new ServiceError(
    'REFUSED',
    `STORE_VERIFICATION_FAILED: ${describeFailure(v)}; no new session starts on a store that failed verification. ` +
      'See it with papertape verify; to go on anyway, acknowledge it: papertape incidents acknowledge-verification --by NAME --reason TEXT.',
  );
}

/** Records who decided to go on past the current finding, and why; refuses when there is nothing to acknowledge. */
export function acknowledgeFinding(store: AuditStore, by: string, reason: string): FindingAcknowledgement {
  if (!by.trim() || !reason.trim()) throw new ServiceError('INVALID_INPUT', 'REASON_REQUIRED: an acknowledgement needs --by and --reason.');
  const v = unacknowledgedFailure(store);
  if (!v)
    throw new ServiceError('CONFLICT', 'NOTHING_TO_ACKNOWLEDGE: the last verification passed or its finding is already acknowledged.');
  const payload: FindingAcknowledgement = { check: v.failedCheck, log: v.failedLog, seq: v.failedSeq, verifiedAt: v.at, by, reason };
  store.append(REGISTRY_LOG, null, [
    {
      ...assertGovernanceEvent(governanceEvent(FINDING_ACKNOWLEDGED_EVENT, `operator:${by}`, payload)),
      ts: new Date(store.clock()).toISOString(),
    },
  ]);
  return payload;
}
