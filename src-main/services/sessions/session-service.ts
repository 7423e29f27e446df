import { governanceEvent } from '../../../src-shared/events/governance-catalog';
import { codeStamp } from '../../version';
import { refuseOnFailedVerification } from '../verification/finding-acknowledgement';
import { sessionLogId } from '../../../src-shared/audit/audit-envelope';
import { ServiceError } from '../../../src-shared/envelope';
import { GOV_EVENT } from '../../../src-shared/governance/governance-event-types';
import { LaneId } from '../../../src-shared/governance/lanes';
import { sessionDay, formatSessionId } from '../../../src-shared/governance/session-id';
import { isTerminal, sessionTransition, type SessionAction, type SessionStatus } from '../../../src-shared/governance/session-lifecycle';
import { summarizeSessionLog } from '../../../src-shared/governance/session-metrics';
import type { SessionCreateInput, SessionDetail, SessionTagInput, SessionView } from '../../../src-shared/governance/session-view';
import type { JsonObject } from '../../../src-shared/json';
import type { AppContext } from '../../app-context';
import { canonicalHash } from '../../pipeline/runner/canonical';
import { hasApprovedPromotion } from '../promotion/promotion-service';
import { governanceOf, registryLog, sealSessionLog, type Governance } from './governance';
import { readLog } from './log-reader';
import { hasExternalWriter } from './session-runner-port';
import { listSessionRows, sessionRow, sessionSpec, toSessionView } from './session-rows';
import { strategyIdOf } from './strategy-identity';

export function listSessions(ctx: AppContext, filter: { lane?: LaneId; status?: SessionStatus } = {}): SessionView[] {
  return listSessionRows(governanceOf(ctx).db, filter).map(toSessionView);
}

export function getSession(ctx: AppContext, sessionId: string): SessionDetail {
  const gov = governanceOf(ctx);
  const row = sessionRow(gov.db, sessionId);
  return { session: toSessionView(row), spec: sessionSpec(row), logSize: gov.store.size(sessionLogId(sessionId)) };
}

/**
 * Registers a session from a run spec. The spec is stored verbatim with its canonical hash; the
 * lane comes from the input or the spec, and the gatecheck lane admits only promoted strategies.
 */
export function createSession(ctx: AppContext, input: SessionCreateInput): SessionView {
  const gov = governanceOf(ctx);
  refuseOnFailedVerification(gov.store);
  const spec = input.spec;
  if (spec.mode !== undefined && spec.mode !== 'paper') {
    throw new ServiceError('REFUSED', `PAPER_ONLY: mode=${JSON.stringify(spec.mode)}; Papertape runs paper sessions only.`);
  }
  const laneParsed = LaneId.safeParse(input.lane ?? spec.lane);
  if (!laneParsed.success) {
    throw new ServiceError(
      'INVALID_INPUT',
      `The session needs a lane (paper_research or paper_gatecheck), in the input or as the spec's "lane".`,
    );
  }
  const lane = laneParsed.data;
  if (input.lane && spec.lane !== undefined && spec.lane !== input.lane) {
    throw new ServiceError('INVALID_INPUT', `The spec names lane ${JSON.stringify(spec.lane)} but the request asks for ${input.lane}.`);
  }
  const strategyId = strategyIdOf(spec);
  if (lane === 'paper_gatecheck' && (strategyId === null || !hasApprovedPromotion(gov, strategyId, 'paper_gatecheck'))) {
    throw new ServiceError(
      'REFUSED',
      `NOT_PROMOTED: strategy=${strategyId ?? '-'}, lane=paper_gatecheck; a strategy enters the gatecheck lane only through an approved promotion.`,
    );
  }
  const specHash = canonicalHash(spec);
  const ts = gov.now();
  const day = sessionDay(ts);
  const last = gov.db.prepare('SELECT MAX(day_no) AS n FROM gov_sessions WHERE day = ?').get(day) as { n: number | null };
  const dayNo = (last.n ?? 0) + 1;
  const sessionId = formatSessionId(day, dayNo);
  gov.record(registryLog(), null, [
    governanceEvent(GOV_EVENT.sessionCreated, `operator:${input.owner}`, {
      sessionId,
      day,
      dayNo,
      lane,
      owner: input.owner,
      specHash,
      spec,
      strategyId,
      dataFingerprints: input.dataFingerprints ?? [],
      codeVersion: codeStamp(),
      requiresApproval: input.requiresApproval ?? spec.approvals_required === true,
      log: sessionLogId(sessionId),
    }),
  ]);
  gov.store.checkpoint(registryLog());
  const view = toSessionView(sessionRow(gov.db, sessionId));
  ctx.events.emit('sessions.changed', { sessionId, status: view.status, statusReason: null });
  return view;
}

/**
 * The one way a session changes status: check the transition table, record it in the registry
 * log, sign checkpoints of the registry (and of the session log when it stops moving), and tell the UI.
 */
export function transitionSession(
  gov: Governance,
  sessionId: string,
  action: SessionAction,
  actor: string,
  reason: string | null,
): SessionView {
  const row = sessionRow(gov.db, sessionId);
  const t = sessionTransition(row.status, action, reason);
  if (!t.ok) {
    const code = t.reason.startsWith('REASON_REQUIRED') ? 'INVALID_INPUT' : 'CONFLICT';
    throw new ServiceError(code, `${t.reason}; session ${sessionId} is ${row.status}.`);
  }
  gov.record(registryLog(), null, [
    governanceEvent(GOV_EVENT.sessionTransitioned, actor, { sessionId, from: row.status, to: t.to, action, reason }),
  ]);
  // A worker writing this session log signs its own checkpoints (and reports them); signing here would race it.
  if (t.to !== 'running' && !hasExternalWriter(gov.ctx, sessionId)) sealSessionLog(gov, sessionId);
  gov.store.checkpoint(registryLog());
  gov.ctx.events.emit('sessions.changed', { sessionId, status: t.to, statusReason: reason });
  return toSessionView(sessionRow(gov.db, sessionId));
}

/** Summarises the session log into the registry once the session has ended. */
export function recordSessionMetrics(gov: Governance, sessionId: string): void {
  const s = summarizeSessionLog(readLog(gov.store, sessionLogId(sessionId)));
  gov.record(registryLog(), null, [
    governanceEvent(GOV_EVENT.sessionMetrics, 'system', {
      sessionId,
      metrics: {
        events: s.events,
        fills: s.fills,
        orders: s.orders,
        peakEquityCents: s.peakEquityCents,
        troughEquityCents: s.troughEquityCents,
        lastEquityCents: s.lastEquityCents,
      },
    }),
  ]);
}

export function specOf(gov: Governance, sessionId: string): JsonObject {
  return sessionSpec(sessionRow(gov.db, sessionId));
}

/**
 * A lead's tag on a finished session, recorded as `session.tagged` in the registry with who and why:
 * `promotion_evidence` marks it as evidence for a promotion, `ignored` leaves it out of every promotion
 * criterion (a run on bad data, a rehearsal), `none` clears the tag. Only a completed or aborted session
 * is tagged: a running one's evidence is not in yet.
 */
export function tagSession(ctx: AppContext, input: SessionTagInput): SessionView {
  const gov = governanceOf(ctx);
  const row = sessionRow(gov.db, input.sessionId);
  if (!isTerminal(row.status)) {
    throw new ServiceError(
      'CONFLICT',
      `SESSION_NOT_ENDED: session=${input.sessionId}, status=${row.status}; only a finished session is tagged.`,
    );
  }
  const current = row.tag ?? 'none';
  if (current === input.tag) {
    throw new ServiceError('CONFLICT', `ALREADY_TAGGED: session=${input.sessionId}, tag=${current}.`);
  }
  gov.record(registryLog(), null, [
    governanceEvent(GOV_EVENT.sessionTagged, `operator:${input.by}`, {
      sessionId: input.sessionId,
      tag: input.tag,
      by: input.by,
      reason: input.reason,
      attribution: 'local',
    }),
  ]);
  gov.store.checkpoint(registryLog());
  const view = toSessionView(sessionRow(gov.db, input.sessionId));
  ctx.events.emit('sessions.changed', { sessionId: view.id, status: view.status, statusReason: view.statusReason });
  return view;
}
