import { isPipelineEventType, parsePipelineEvent } from '../../../src-shared/events/catalog';
import { describe, expect, it } from 'vitest';
import { SESSION_CHECKPOINT_EVENT } from '../../../src-shared/audit/audit-envelope';
import type { JsonObject } from '../../../src-shared/json';
import { replaySession } from '../../../src-main/services/replay/replay-session';
import { decideApproval, listApprovals } from '../../../src-main/services/approvals/approval-service';
import { haltSession } from '../../../src-main/services/operator/operator-service';
import { governanceOf } from '../../../src-main/services/sessions/governance';
import { pauseSession, resumeSession, startSession, stopSession, whenSettled } from '../../../src-main/services/sessions/session-runs';
import { createSession, getSession } from '../../../src-main/services/sessions/session-service';
import { verifyAudit } from '../../../src-main/services/verification/verify-audit';
import { laneConfig, openExecApp, smallSpec, waitFor, writeSignals } from './execution-kit';

const RESTING_BID = '2026-12-01T00:45:10.000Z,rest-1,TX 202612,buy,1,100,resting bid,LIMIT,22000,ROD';

/** Events of a catalogued type whose payload does not match its schema (governance's own types are not the pipeline's). */
function catalogProblems(events: readonly { type: string; payload: unknown }[]): string[] {
  return events.flatMap((e) => {
    if (!isPipelineEventType(e.type)) return [];
    const r = parsePipelineEvent(e.type, e.payload);
    return r.ok ? [] : [r.problem];
  });
}

describe('the pipeline session runner on a real SQLite file', () => {
  it('sessions.start runs the real pipeline into session/<id>: completed, metrics, sealed, and the audit verifies', async () => {
    const app = openExecApp();
    try {
      const s = createSession(app.ctx, { spec: smallSpec() as JsonObject, owner: 'ann' });
      startSession(app.ctx, s.id, 'ann');
      await whenSettled(app.ctx, s.id);
      const view = getSession(app.ctx, s.id);
      expect(view.session.status).toBe('completed');
      const events = app.sessionEvents(s.id);
      expect(events[0]!.type).toBe('session.started');
      expect(events[0]!.payload).toMatchObject({ session_id: s.id, lane: 'paper_research', spec_hash: s.specHash, mode: 'paper' });
      const completed = events.find((e) => e.type === 'session.completed')!;
      const summary = completed.payload.summary as JsonObject;
      expect(summary.stopped_early).toBe(false);
      expect(Number(summary.market_events)).toBeGreaterThan(1000);
      expect(view.session.metrics!.events).toBe(events.length);
      expect(view.session.metrics!.fills).toBe(summary.fills);
      // The final checkpoint of the session log is recorded in the registry log.
      const sealed = app.registryEvents().filter((e) => e.type === SESSION_CHECKPOINT_EVENT && e.payload.log === `session/${s.id}`);
      expect(sealed.at(-1)!.payload.size).toBe(events.length);
      const report = verifyAudit(governanceOf(app.ctx).store, { mode: 'full' });
      expect(report.failures).toEqual([]);
      expect(report.ok).toBe(true);
    } finally {
      app.cleanup();
    }
  });

  it('the lane is a ceiling: a smaller lane capital and position limit replace the spec values, recorded at start', async () => {
    const app = openExecApp({ lane: laneConfig(500_000_000, 1) });
    try {
      const s = createSession(app.ctx, { spec: smallSpec() as JsonObject, owner: 'ann' });
      startSession(app.ctx, s.id, 'ann');
      await whenSettled(app.ctx, s.id);
      const events = app.sessionEvents(s.id);
      const ceiling = events.find((e) => e.type === 'session.lane_ceiling')!;
      expect(catalogProblems(events)).toEqual([]);
      expect(ceiling.payload.applied).toEqual([
        'LANE_CEILING: field=risk.maxPositionPerContract, spec=3, lane=1',
        'LANE_CEILING: field=paper_capital, spec=10000000.00, lane=5000000.00',
      ]);
      const summary = events.find((e) => e.type === 'session.completed')!.payload.summary as JsonObject;
      expect(summary.start_equity).toBe('5000000.00');
      for (const p of summary.positions as JsonObject[]) expect(Math.abs(Number(p.quantity))).toBeLessThanOrEqual(1);
    } finally {
      app.cleanup();
    }
  });

  it('refuses a stored spec that fails RunSpecSchema: aborted with the field and the reason', async () => {
    const app = openExecApp();
    try {
      const s = createSession(app.ctx, { spec: smallSpec({ run_mode: 'fast', colour: 'red' }) as JsonObject, owner: 'ann' });
      startSession(app.ctx, s.id, 'ann');
      await whenSettled(app.ctx, s.id);
      const view = getSession(app.ctx, s.id).session;
      expect(view.status).toBe('aborted');
      expect(view.statusReason).toContain('SPEC_INVALID: field=run_mode');
      expect(view.statusReason).toContain('SPEC_INVALID: field=colour, reason=unknown key');
      expect(app.sessionEvents(s.id)).toEqual([]);
    } finally {
      app.cleanup();
    }
  });

  it('halting a running session through operator.halt: one writer per log, the audit verifies, the log shows the kill switch', async () => {
    const app = openExecApp();
    try {
      writeSignals(app.dir, [RESTING_BID]);
      const spec = smallSpec({ strategy: { kind: 'signal_file', id: 'file', params: { path: 'signals.csv' } } });
      const s = createSession(app.ctx, { spec: spec as JsonObject, owner: 'ann' });
      startSession(app.ctx, s.id, 'ann');
      await waitFor('the resting order to be accepted', () => app.logHas(s.id, '"to":"ACCEPTED"'));
      // Pause so the halt lands while the order still rests; the pause itself seals the log so far.
      pauseSession(app.ctx, s.id, 'ann', 'look at the book');
      const action = haltSession(app.ctx, { sessionId: s.id, operator: 'olga', reason: 'integration halt' });
      expect(action.delivered).toBe(true);
      resumeSession(app.ctx, s.id, 'ann', 'go on');
      await whenSettled(app.ctx, s.id);

      const events = app.sessionEvents(s.id);
      // The request is in the registry log; the session log holds only what the runner applied.
      expect(app.registryEvents().some((e) => e.type === 'operator.requested' && e.payload.actionId === action.actionId)).toBe(true);
      expect(events.some((e) => e.type === 'operator.requested')).toBe(false);
      const applied = events.findIndex((e) => e.type === 'operator.action' && e.payload.action_id === action.actionId);
      expect(applied).toBeGreaterThan(0);
      expect(events[applied]!.payload).toMatchObject({ kind: 'halt', reason: 'integration halt' });
      expect(events.slice(applied).some((e) => e.type === 'operator.halt')).toBe(true);
      expect(events.slice(applied).some((e) => JSON.stringify(e.payload).includes('KILL_SWITCH_CANCEL: trigger=operator'))).toBe(true);
      const summary = events.find((e) => e.type === 'session.completed')!.payload.summary as JsonObject;
      expect(summary.trading_state).toBe('HALTED');
      const view = getSession(app.ctx, s.id).session;
      expect(view).toMatchObject({ status: 'completed', halted: true });
      // Pause sealed the log once mid-run, completion sealed it again.
      const seals = app.registryEvents().filter((e) => e.type === SESSION_CHECKPOINT_EVENT && e.payload.log === `session/${s.id}`);
      expect(seals.length).toBeGreaterThanOrEqual(2);
      expect(seals.at(-1)!.payload.size).toBe(events.length);
      const report = verifyAudit(governanceOf(app.ctx).store, { mode: 'full' });
      expect(report.failures).toEqual([]);
    } finally {
      app.cleanup();
    }
  });

  it('stop ends the run cleanly as aborted with the operator reason; the log ends with session.completed (stopped early)', async () => {
    const app = openExecApp();
    try {
      const s = createSession(app.ctx, { spec: smallSpec() as JsonObject, owner: 'ann' });
      startSession(app.ctx, s.id, 'ann');
      await waitFor('the first fill', () => app.logHas(s.id, '"type":"broker.fill"'));
      stopSession(app.ctx, s.id, 'ann', 'enough');
      await whenSettled(app.ctx, s.id);
      const view = getSession(app.ctx, s.id).session;
      expect(view.status).toBe('aborted');
      expect(view.statusReason).toBe('STOPPED_BY_OPERATOR: operator=ann, reason=enough');
      const events = app.sessionEvents(s.id);
      const last = events.at(-1)!;
      expect(last.type).toBe('session.completed');
      expect((last.payload.summary as JsonObject).stopped_early).toBe(true);
      expect(view.metrics!.events).toBe(events.length);
      expect(verifyAudit(governanceOf(app.ctx).store, { mode: 'full' }).failures).toEqual([]);
    } finally {
      app.cleanup();
    }
  });

  it('requiresApproval: intents wait in the queue; only a fully approved intent is submitted', async () => {
    const app = openExecApp();
    try {
      writeSignals(app.dir, [
        '2026-12-01T00:46:00.000Z,buy-1,TX 202612,buy,1,500,approve me,,,',
        '2026-12-01T00:47:00.000Z,buy-2,MTX 202612,buy,1,500,reject me,,,',
      ]);
      const spec = smallSpec({ approvals_required: true, strategy: { kind: 'signal_file', id: 'file', params: { path: 'signals.csv' } } });
      const s = createSession(app.ctx, { spec: spec as JsonObject, owner: 'ann' });
      expect(s.requiresApproval).toBe(true);
      startSession(app.ctx, s.id, 'ann');
      await waitFor('two queued approvals', () => listApprovals(app.ctx, { sessionId: s.id }).length === 2);
      pauseSession(app.ctx, s.id, 'ann', 'review the intents');
      const [first, second] = listApprovals(app.ctx, { sessionId: s.id });
      expect(first!.intent.contract).toBe('TX 202612');
      decideApproval(app.ctx, { approvalId: first!.id, stage: 'research', reviewer: 'rita', outcome: 'approved', reason: 'fine' });
      decideApproval(app.ctx, { approvalId: first!.id, stage: 'risk', reviewer: 'rick', outcome: 'approved', reason: 'fine' });
      decideApproval(app.ctx, { approvalId: second!.id, stage: 'research', reviewer: 'rita', outcome: 'rejected', reason: 'no' });
      resumeSession(app.ctx, s.id, 'ann', 'reviewed');
      await whenSettled(app.ctx, s.id);

      const events = app.sessionEvents(s.id);
      expect(events.filter((e) => e.type === 'approval.requested').length).toBe(2);
      const released = events.filter((e) => e.type === 'approval.released');
      expect(catalogProblems(events)).toEqual([]);
      expect(released.map((e) => e.payload.intent_id)).toEqual([first!.intent.intent_id]);
      // Exactly one order reached risk and the OMS: the approved TX intent; the rejected MTX one never did.
      const decisions = events.filter((e) => e.type === 'risk.decision');
      expect(decisions.map((e) => e.payload.intent_id)).toEqual([first!.intent.intent_id]);
      expect(getSession(app.ctx, s.id).session.status).toBe('completed');
      expect(verifyAudit(governanceOf(app.ctx).store, { mode: 'full' }).failures).toEqual([]);

      // The release points are in the log: a replay hands the approved intent back at the same step.
      const replay = await replaySession({ kind: 'store', ctx: app.ctx, sessionId: s.id, specBaseDir: app.dir });
      expect(replay.divergence).toBeNull();
      expect(replay.status).toBe('identical');
    } finally {
      app.cleanup();
    }
  });
});
