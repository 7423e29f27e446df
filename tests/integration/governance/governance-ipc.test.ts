import { afterEach, describe, expect, it } from 'vitest';
import type { ApprovalView } from '../../../src-shared/governance/approval-view';
import type { LaneView } from '../../../src-shared/governance/lane-view';
import type { PromotionEvaluation } from '../../../src-shared/governance/promotion-criteria';
import type { PromotionView } from '../../../src-shared/governance/promotion-view';
import type { SessionDetail, SessionView } from '../../../src-shared/governance/session-view';
import { requestIntentApproval, releasedIntents } from '../../../src-main/services/approvals/approval-service';
import { sampleSteps, scriptedRunner } from '../../../src-main/services/drills/scripted-runner';
import { governanceOf, rebuildGovernanceProjections } from '../../../src-main/services/sessions/governance';
import { readLog } from '../../../src-main/services/sessions/log-reader';
import { verifyAudit } from '../../../src-main/services/verification/verify-audit';
import { whenSettled } from '../../../src-main/services/sessions/session-runs';
import { LANE_CONFIG, openGovApp, SPEC, type GovApp } from './governance-kit';

let app: GovApp;
afterEach(() => app?.cleanup());

async function configured(runner = scriptedRunner({ steps: sampleSteps() })): Promise<GovApp> {
  app = openGovApp({ runner });
  await app.ok('lanes.configure', { lane: 'paper_research', config: LANE_CONFIG, actor: 'lead', reason: 'research budget' });
  return app;
}

describe('lanes', () => {
  it('fail closed until configured, and configuration is an event', async () => {
    app = openGovApp();
    const lanes = await app.ok<LaneView[]>('lanes.list');
    expect(lanes.map((l) => [l.lane, l.isDefault, l.config.paperCapitalCents, l.config.riskEnvelope.maxOpenOrders])).toEqual([
      ['paper_research', true, 0, 0],
      ['paper_gatecheck', true, 0, 0],
    ]);
    const v = await app.ok<LaneView>('lanes.configure', { lane: 'paper_research', config: LANE_CONFIG, actor: 'lead', reason: 'budget' });
    expect(v).toMatchObject({ isDefault: false, configuredBy: 'lead', attribution: 'local' });
    const reg = readLog(governanceOf(app.ctx).store, 'registry');
    // The first opening recorded the signing key (issue 14 item 9).
    expect(reg.map((e) => e.type)).toEqual(['workstation.key_created', 'lane.configured']);
  });

  it('refuses to start a session in an unconfigured lane', async () => {
    app = openGovApp({ runner: scriptedRunner({ steps: [] }) });
    const s = await app.ok<SessionView>('sessions.create', { spec: SPEC, owner: 'ann' });
    const r = await app.call('sessions.start', { sessionId: s.id, actor: 'ann' });
    expect(r).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    if (!r.ok) expect(r.error.message).toMatch(/^LIMIT_IS_ZERO: lane=paper_research, paper_capital=0/);
  });
});

describe('sessions', () => {
  it('create -> start -> complete, with events in the registry and the session log', async () => {
    await configured();
    const created = await app.ok<SessionView>('sessions.create', { spec: SPEC, owner: 'ann' });
    expect(created).toMatchObject({ id: 'S-20261216-1', lane: 'paper_research', status: 'scheduled', owner: 'ann', attribution: 'local' });
    expect(created.specHash).toMatch(/^[0-9a-f]{64}$/);
    expect(created.strategyId).toMatch(/^breakout:[0-9a-f]{12}$/);
    const started = await app.ok<SessionView>('sessions.start', { sessionId: created.id, actor: 'ann' });
    expect(started.status).toBe('running');
    await whenSettled(app.ctx, created.id);
    const detail = await app.ok<SessionDetail>('sessions.get', { sessionId: created.id });
    expect(detail.session.status).toBe('completed');
    expect(detail.session.metrics).toEqual({
      events: 6,
      fills: 2,
      orders: 2,
      peakEquityCents: 100_000_000,
      troughEquityCents: 99_000_000,
      lastEquityCents: 99_000_000,
    });
    expect(detail.logSize).toBe(6);
    expect(detail.spec).toEqual(SPEC);
    const reg = readLog(governanceOf(app.ctx).store, 'registry').map((e) => `${e.type}:${String(e.payload.to ?? '')}`);
    expect(reg).toEqual([
      'workstation.key_created:',
      'lane.configured:',
      'session.created:',
      'session.transitioned:running',
      'session.transitioned:completed',
      'audit.session_checkpoint:',
      'session.metrics:',
    ]);
    const report = verifyAudit(governanceOf(app.ctx).store);
    expect(report.failures ?? []).toEqual([]);
    const second = await app.ok<SessionView>('sessions.create', { spec: SPEC, owner: 'ann' });
    expect(second.id).toBe('S-20261216-2');
    const list = await app.ok<SessionView[]>('sessions.list', { status: 'completed' });
    expect(list.map((s) => s.id)).toEqual(['S-20261216-1']);
  });

  it('pause, resume and stop follow the table; illegal moves are CONFLICT', async () => {
    await configured(scriptedRunner({ steps: [], hang: true }));
    const s = await app.ok<SessionView>('sessions.create', { spec: SPEC, owner: 'ann' });
    expect(await app.call('sessions.pause', { sessionId: s.id, actor: 'ann' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await app.ok('sessions.start', { sessionId: s.id, actor: 'ann' });
    expect((await app.ok<SessionView>('sessions.pause', { sessionId: s.id, actor: 'ann' })).status).toBe('paused');
    expect(await app.call('sessions.pause', { sessionId: s.id, actor: 'ann' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await app.ok<SessionView>('sessions.resume', { sessionId: s.id, actor: 'ann' })).status).toBe('running');
    const stopped = await app.ok<SessionView>('sessions.stop', { sessionId: s.id, actor: 'ann', reason: 'wrong parameters' });
    expect(stopped).toMatchObject({ status: 'aborted', statusReason: 'STOPPED_BY_OPERATOR: operator=ann, reason=wrong parameters' });
    const again = await app.call('sessions.start', { sessionId: s.id, actor: 'ann' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!again.ok) expect(again.error.message).toContain('ILLEGAL_TRANSITION: from=aborted, action=start');
  });

  it('validates input and names missing things', async () => {
    app = openGovApp();
    expect(await app.call('sessions.get', { sessionId: 'S-20261216-9' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await app.call('sessions.get', { sessionId: 'x; drop' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await app.call('sessions.stop', { sessionId: 'S-20261216-1', actor: 'ann' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await app.call('sessions.create', { spec: { ...SPEC, mode: 'real' }, owner: 'ann' })).toMatchObject({
      ok: false,
      error: { code: 'REFUSED' },
    });
    expect(await app.call('sessions.create', { spec: { name: 'x' }, owner: 'ann' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await app.call('sessions.create', { spec: SPEC, owner: 'ann', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('the projections rebuild from the logs to the same tables', async () => {
    await configured();
    const s = await app.ok<SessionView>('sessions.create', { spec: SPEC, owner: 'ann' });
    await app.ok('sessions.start', { sessionId: s.id, actor: 'ann' });
    await whenSettled(app.ctx, s.id);
    const s2 = await app.ok<SessionView>('sessions.create', { spec: { ...SPEC, approvals_required: true }, owner: 'ann' });
    requestIntentApproval(app.ctx, s2.id, { idempotencyKey: 'k1', side: 'BUY' });
    await app.ok('operator.halt', { sessionId: s2.id, operator: 'ann', reason: 'check' });
    const gov = governanceOf(app.ctx);
    const dump = () =>
      ['gov_sessions', 'gov_lanes', 'gov_approvals', 'gov_promotions', 'gov_operator_actions', 'gov_incidents'].map((t) =>
        gov.db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all(),
      );
    const before = dump();
    rebuildGovernanceProjections(gov);
    expect(dump()).toEqual(before);
    expect(before[0]).toHaveLength(2);
  });
});

describe('approvals', () => {
  it('release only after research then risk approve; out of order refused', async () => {
    await configured();
    const s = await app.ok<SessionView>('sessions.create', { spec: SPEC, owner: 'ann', requiresApproval: true });
    const seen: unknown[] = [];
    app.ctx.events.subscribe((name, payload) => name === 'approvals.changed' && seen.push(payload));
    const a = requestIntentApproval(app.ctx, s.id, { idempotencyKey: `${s.id}:sig-1`, side: 'BUY', quantity: 1 });
    expect(requestIntentApproval(app.ctx, s.id, { idempotencyKey: `${s.id}:sig-1`, side: 'BUY', quantity: 1 }).id).toBe(a.id);
    const pending = await app.ok<ApprovalView[]>('approvals.list', { sessionId: s.id });
    expect(pending.map((p) => [p.id, p.status, p.attribution])).toEqual([[a.id, 'pending_research', 'local']]);

    const early = await app.call('approvals.decide', {
      approvalId: a.id,
      stage: 'risk',
      reviewer: 'rita',
      outcome: 'approved',
      reason: 'ok',
    });
    expect(early).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!early.ok) expect(early.error.message).toMatch(/^OUT_OF_ORDER_REVIEW: stage=risk, due=research/);
    expect(releasedIntents(app.ctx, s.id)).toEqual([]);

    await app.ok('approvals.decide', { approvalId: a.id, stage: 'research', reviewer: 'rob', outcome: 'approved', reason: 'signal sound' });
    expect(releasedIntents(app.ctx, s.id)).toEqual([]);
    const done = await app.ok<ApprovalView>('approvals.decide', {
      approvalId: a.id,
      stage: 'risk',
      reviewer: 'rita',
      outcome: 'approved',
      reason: 'in limits',
    });
    expect(done.status).toBe('released');
    expect(done.decisions.map((d) => [d.stage, d.reviewer, d.outcome])).toEqual([
      ['research', 'rob', 'approved'],
      ['risk', 'rita', 'approved'],
    ]);
    expect(releasedIntents(app.ctx, s.id).map((r) => r.approvalId)).toEqual([a.id]);
    expect(seen).toEqual([
      { sessionId: s.id, approvalId: a.id, status: 'pending_research' },
      { sessionId: s.id, approvalId: a.id, status: 'pending_risk' },
      { sessionId: s.id, approvalId: a.id, status: 'released' },
    ]);
    const types = readLog(governanceOf(app.ctx).store, `session/${s.id}`).map((e) => e.type);
    expect(types).toEqual(['approval.queued', 'approval.decided', 'approval.decided']);
  });

  it('a rejected or needs-data-review intent is never released', async () => {
    await configured();
    const s = await app.ok<SessionView>('sessions.create', { spec: SPEC, owner: 'ann' });
    const a = requestIntentApproval(app.ctx, s.id, { idempotencyKey: 'k-a' });
    const b = requestIntentApproval(app.ctx, s.id, { idempotencyKey: 'k-b' });
    await app.ok('approvals.decide', {
      approvalId: a.id,
      stage: 'research',
      reviewer: 'rob',
      outcome: 'needs_data_review',
      reason: 'gap in data',
    });
    await app.ok('approvals.decide', { approvalId: b.id, stage: 'research', reviewer: 'rob', outcome: 'approved', reason: 'ok' });
    await app.ok('approvals.decide', { approvalId: b.id, stage: 'risk', reviewer: 'rita', outcome: 'rejected', reason: 'too big' });
    expect(releasedIntents(app.ctx, s.id)).toEqual([]);
    const late = await app.call('approvals.decide', {
      approvalId: a.id,
      stage: 'risk',
      reviewer: 'rita',
      outcome: 'approved',
      reason: 'x',
    });
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('promotion', () => {
  async function completedSession(): Promise<SessionView> {
    const s = await app.ok<SessionView>('sessions.create', { spec: SPEC, owner: 'ann' });
    await app.ok('sessions.start', { sessionId: s.id, actor: 'ann' });
    await whenSettled(app.ctx, s.id);
    return s;
  }

  it('is evaluated from the logs, requested, and decided by another person', async () => {
    await configured();
    const s = await completedSession();
    const evalOne = await app.ok<{ evaluation: PromotionEvaluation }>('promotions.evaluate', { strategyId: s.strategyId });
    expect(evalOne.evaluation.eligible).toBe(false);
    expect(evalOne.evaluation.results.filter((r) => !r.pass).map((r) => r.reason)).toEqual([
      'NOT_ENOUGH_SESSIONS: actual=1, min=2',
      'NOT_ENOUGH_FILLS: actual=2, min=4',
    ]);

    const req = await app.ok<PromotionView>('promotions.request', { strategyId: s.strategyId, requestedBy: 'ann', reason: 'looks good' });
    expect(req).toMatchObject({ status: 'pending', fromLane: 'paper_research', toLane: 'paper_gatecheck', attribution: 'local' });
    const tooEarly = await app.call('promotions.decide', { promotionId: req.id, reviewer: 'lee', decision: 'approved', reason: 'fine' });
    expect(tooEarly).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    if (!tooEarly.ok)
      expect(tooEarly.error.message).toBe('CRITERIA_NOT_MET: NOT_ENOUGH_SESSIONS: actual=1, min=2; NOT_ENOUGH_FILLS: actual=2, min=4');

    const gate = await app.call('sessions.create', { spec: { ...SPEC, lane: 'paper_gatecheck' }, owner: 'ann' });
    expect(gate).toMatchObject({ ok: false, error: { code: 'REFUSED' } });

    await completedSession();
    const self = await app.call('promotions.decide', { promotionId: req.id, reviewer: 'ann', decision: 'approved', reason: 'mine' });
    expect(self).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    const decided = await app.ok<PromotionView>('promotions.decide', {
      promotionId: req.id,
      reviewer: 'lee',
      decision: 'approved',
      reason: 'two clean runs',
    });
    expect(decided.status).toBe('approved');
    expect(decided.decision).toMatchObject({ reviewer: 'lee', decision: 'approved', evaluation: { eligible: true } });
    expect(await app.call('promotions.decide', { promotionId: req.id, reviewer: 'lee', decision: 'rejected', reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const gated = await app.ok<SessionView>('sessions.create', { spec: { ...SPEC, lane: 'paper_gatecheck' }, owner: 'ann' });
    expect(gated.lane).toBe('paper_gatecheck');
    const list = await app.ok<PromotionView[]>('promotions.list', {});
    expect(list.map((p) => p.status)).toEqual(['approved']);
  });
});

describe('operator actions', () => {
  it('halt and resume are recorded and delivered to a running session; resume needs a halt', async () => {
    await configured(scriptedRunner({ steps: [], hang: true }));
    const s = await app.ok<SessionView>('sessions.create', { spec: SPEC, owner: 'ann' });
    const offline = await app.ok<{ delivered: boolean }>('operator.halt', { sessionId: s.id, operator: 'ann', reason: 'before start' });
    expect(offline.delivered).toBe(false);
    await app.ok('operator.resume', { sessionId: s.id, operator: 'ann', reason: 'ready' });
    expect(await app.call('operator.resume', { sessionId: s.id, operator: 'ann', reason: 'again' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await app.call('operator.resume', { sessionId: s.id, operator: 'ann', reason: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });

    await app.ok('sessions.start', { sessionId: s.id, actor: 'ann' });
    const halt = await app.ok<{ delivered: boolean; attribution: string }>('operator.halt', {
      sessionId: s.id,
      operator: 'ann',
      reason: 'spike',
    });
    expect(halt).toMatchObject({ delivered: true, attribution: 'local' });
    expect((await app.ok<SessionDetail>('sessions.get', { sessionId: s.id })).session.halted).toBe(true);
    const order = {
      contract: 'TX 202612',
      side: 'SELL',
      quantity: 1,
      orderType: 'LIMIT',
      limitPrice: 23000,
      timeInForce: 'ROD',
      reduceOnly: true,
    };
    await app.ok('operator.order', { sessionId: s.id, operator: 'ann', reason: 'flatten', order });
    expect(
      await app.call('operator.order', { sessionId: s.id, operator: 'ann', reason: 'x', order: { ...order, limitPrice: undefined } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const fs = await import('node:fs');
    const path = await import('node:path');
    const inbox = path.join(app.dataDir, 'operator-inbox', s.id);
    const files = fs
      .readdirSync(inbox)
      .filter((f) => f.endsWith('.json'))
      .sort();
    const kinds = files.map((f) => (JSON.parse(fs.readFileSync(path.join(inbox, f), 'utf8')) as { kind: string }).kind);
    expect(kinds).toEqual(['halt', 'order']);
    const logged = readLog(governanceOf(app.ctx).store, `session/${s.id}`).map((e) => String(e.payload.kind));
    // Before the run the session log takes the actions; while a runner writes that log, requests go to the
    // registry log (one writer per log) and the runner records what it applied.
    expect(logged).toEqual(['halt', 'resume']);
    const requested = readLog(governanceOf(app.ctx).store, 'registry')
      .filter((e) => e.type === 'operator.requested')
      .map((e) => String(e.payload.kind));
    expect(requested).toEqual(['halt', 'order']);
  });
});
