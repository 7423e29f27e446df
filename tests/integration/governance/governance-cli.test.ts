import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApprovalView } from '../../../src-shared/governance/approval-view';
import type { IncidentView } from '../../../src-shared/governance/incident-view';
import type { LaneView } from '../../../src-shared/governance/lane-view';
import type { PromotionView } from '../../../src-shared/governance/promotion-view';
import type { SessionView } from '../../../src-shared/governance/session-view';
import { main } from '../../../src-main/cli/main';
import { requestIntentApproval } from '../../../src-main/services/approvals/approval-service';
import { sampleSteps, scriptedRunner } from '../../../src-main/services/drills/scripted-runner';
import { governanceOf, rebuildGovernanceProjections } from '../../../src-main/services/sessions/governance';
import { readLog } from '../../../src-main/services/sessions/log-reader';
import { whenSettled } from '../../../src-main/services/sessions/session-runs';
import { verifyAudit } from '../../../src-main/services/verification/verify-audit';
import { makeTempDir } from '../../support/temp-dir';
import { LANE_CONFIG, openGovApp, SPEC, type GovApp } from './governance-kit';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function dataDir(): string {
  const t = makeTempDir('papertape-govcli-');
  cleanups.push(t.cleanup);
  return t.dir;
}

async function cli(dir: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'papertape', '--data-dir', dir, ...args], {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    isTty: false,
  });
  return { code, out, err };
}

/** The app's own context over the same data directory, for setting up and for checking what the CLI stored. */
function app(dir: string, runner = scriptedRunner({ steps: sampleSteps() })): GovApp {
  const a = openGovApp({ dataDir: dir, runner });
  cleanups.push(() => a.ctx.close());
  return a;
}

function registryTypes(a: GovApp): string[] {
  return readLog(governanceOf(a.ctx).store, 'registry').map((e) => e.type);
}

function writeConfig(dir: string, config: unknown): string {
  const file = path.join(dir, 'lane.json');
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

describe('papertape lanes', () => {
  it('lists fail-closed lanes, configures one from a file as a registry event, and shows it', async () => {
    const dir = dataDir();
    const list = await cli(dir, ['lanes', 'list', '--json']);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.out) as LaneView[]).map((l) => [l.lane, l.isDefault])).toEqual([
      ['paper_research', true],
      ['paper_gatecheck', true],
    ]);
    const conf = await cli(dir, [
      'lanes',
      'configure',
      'paper_research',
      '--config',
      writeConfig(dir, LANE_CONFIG),
      '--actor',
      'lead',
      '--reason',
      'budget',
    ]);
    expect(conf).toMatchObject({ code: 0 });
    expect(conf.out).toMatch(/^lane paper_research configured by lead \(local attribution\)/);
    const show = await cli(dir, ['lanes', 'show', 'paper_research']);
    expect(show.code).toBe(0);
    expect(show.out).toContain('paper capital NT$1000000 (simulated)');
    expect(show.out).toContain('minFills                   4');
    const a = app(dir);
    expect(registryTypes(a)).toContain('lane.configured');
  });

  it('refuses a bad lane, a bad config and a missing file with exit 2, and stores nothing', async () => {
    const dir = dataDir();
    const badLane = await cli(dir, ['lanes', 'show', 'live']);
    expect(badLane.code).toBe(2);
    expect(badLane.err).toMatch(/lane: Invalid option/);
    const bad = { ...LANE_CONFIG, paperCapitalCents: -1 };
    const r = await cli(dir, [
      'lanes',
      'configure',
      'paper_research',
      '--config',
      writeConfig(dir, bad),
      '--actor',
      'lead',
      '--reason',
      'x',
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('config.paperCapitalCents');
    const noReason = await cli(dir, [
      'lanes',
      'configure',
      'paper_research',
      '--config',
      writeConfig(dir, LANE_CONFIG),
      '--actor',
      'lead',
      '--reason',
      ' ',
    ]);
    expect(noReason.code).toBe(2);
    expect(noReason.err).toContain('reason: a reason is required');
    const missing = await cli(dir, [
      'lanes',
      'configure',
      'paper_research',
      '--config',
      path.join(dir, 'nope.json'),
      '--actor',
      'l',
      '--reason',
      'x',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read .*nope\.json/);
    expect((await cli(dir, ['lanes', 'configure', 'paper_research', '--actor', 'l', '--reason', 'x'])).code).toBe(2);
    const after = JSON.parse((await cli(dir, ['lanes', 'list', '--json'])).out) as LaneView[];
    expect(after.every((l) => l.isDefault)).toBe(true);
  });
});

describe('papertape promote', () => {
  async function completedSession(a: GovApp): Promise<SessionView> {
    const s = await a.ok<SessionView>('sessions.create', { spec: SPEC, owner: 'ann' });
    await a.ok('sessions.start', { sessionId: s.id, actor: 'ann' });
    await whenSettled(a.ctx, s.id);
    return s;
  }

  it('refuses approval while a criterion fails, naming it; another name reviews; both are registry events', async () => {
    const dir = dataDir();
    let a = app(dir);
    await a.ok('lanes.configure', { lane: 'paper_research', config: LANE_CONFIG, actor: 'lead', reason: 'r' });
    const s = await completedSession(a);
    a.ctx.close();

    const req = await cli(dir, ['promote', 'request', s.strategyId!, '--by', 'ann', '--reason', 'looks good', '--json']);
    expect(req.code).toBe(0);
    const p = JSON.parse(req.out) as PromotionView;
    expect(p).toMatchObject({ status: 'pending', fromLane: 'paper_research', toLane: 'paper_gatecheck', requestedBy: 'ann' });
    const text = await cli(dir, ['lanes', 'show', 'paper_research']);
    expect(text.out).toContain('FAIL minFills               2 / 4  (NOT_ENOUGH_FILLS: actual=2, min=4)');

    const early = await cli(dir, ['promote', 'review', p.id, '--by', 'lee', '--decision', 'approved', '--reason', 'fine']);
    expect(early.code).toBe(1);
    expect(early.err).toContain('CRITERIA_NOT_MET: NOT_ENOUGH_SESSIONS: actual=1, min=2; NOT_ENOUGH_FILLS: actual=2, min=4');
    const self = await cli(dir, ['promote', 'review', p.id, '--by', 'ann', '--decision', 'approved', '--reason', 'mine']);
    expect(self.code).toBe(2);
    expect(self.err).toContain('SAME_REVIEWER');
    const badDecision = await cli(dir, ['promote', 'review', p.id, '--by', 'lee', '--decision', 'maybe', '--reason', 'x']);
    expect(badDecision.code).toBe(2);
    expect(badDecision.err).toContain('decision:');
    expect((await cli(dir, ['promote', 'review', 'P-nope', '--by', 'lee', '--decision', 'rejected', '--reason', 'x'])).code).toBe(2);

    a = app(dir);
    await completedSession(a);
    a.ctx.close();
    const ok = await cli(dir, ['promote', 'review', p.id, '--by', 'lee', '--decision', 'approved', '--reason', 'two clean runs']);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('approved, requested by ann');
    expect(ok.out).toContain('decided by lee: approved (two clean runs)');
    const again = await cli(dir, ['promote', 'review', p.id, '--by', 'lee', '--decision', 'rejected', '--reason', 'x']);
    expect(again.code).toBe(2);
    expect(again.err).toContain('PROMOTION_DECIDED');
    a = app(dir);
    const types = registryTypes(a);
    expect(types.filter((t) => t.startsWith('promotion.'))).toEqual(['promotion.requested', 'promotion.decided']);
  });
});

describe('papertape approvals', () => {
  it('enforces research then risk review with a reason, and releases the intent', async () => {
    const dir = dataDir();
    const a = app(dir);
    await a.ok('lanes.configure', { lane: 'paper_research', config: LANE_CONFIG, actor: 'lead', reason: 'r' });
    const s = await a.ok<SessionView>('sessions.create', { spec: SPEC, owner: 'ann', requiresApproval: true });
    const q = requestIntentApproval(a.ctx, s.id, { idempotencyKey: `${s.id}:sig-1`, side: 'BUY', quantity: 1, contract: 'TX 202612' });
    a.ctx.close();

    const list = await cli(dir, ['approvals', 'list', '--session', s.id]);
    expect(list.code).toBe(0);
    expect(list.out).toContain(`${q.id} ${s.id} pending_research  BUY 1 TX 202612`);
    const decide = (stage: string, by: string, outcome: string, reason: string) =>
      cli(dir, ['approvals', 'decide', q.id, '--stage', stage, '--by', by, '--outcome', outcome, '--reason', reason]);
    const early = await decide('risk', 'rita', 'approved', 'ok');
    expect(early.code).toBe(2);
    expect(early.err).toContain('OUT_OF_ORDER_REVIEW: stage=risk, due=research');
    const noReason = await decide('research', 'rob', 'approved', '');
    expect(noReason.code).toBe(2);
    expect(noReason.err).toContain('reason: a reason is required');
    expect((await decide('research', 'rob', 'maybe', 'x')).code).toBe(2);
    expect((await decide('research', 'rob', 'approved', 'signal sound')).code).toBe(0);
    const done = await cli(dir, [
      'approvals',
      'decide',
      q.id,
      '--stage',
      'risk',
      '--by',
      'rita',
      '--outcome',
      'approved',
      '--reason',
      'in limits',
      '--json',
    ]);
    expect(done.code).toBe(0);
    const v = JSON.parse(done.out) as ApprovalView;
    expect(v.status).toBe('released');
    expect(v.decisions.map((d) => [d.stage, d.reviewer, d.outcome])).toEqual([
      ['research', 'rob', 'approved'],
      ['risk', 'rita', 'approved'],
    ]);
    const released = JSON.parse((await cli(dir, ['approvals', 'list', '--status', 'released', '--json'])).out) as ApprovalView[];
    expect(released.map((r) => r.id)).toEqual([q.id]);
    expect((await cli(dir, ['approvals', 'list', '--status', 'granted'])).code).toBe(2);
  });
});

describe('papertape incidents and incidents.resolve', () => {
  async function crashed(dir: string): Promise<string> {
    const first = app(dir, scriptedRunner({ steps: sampleSteps({ snapshotQuantity: 2 }), hang: true }));
    await first.ok('lanes.configure', { lane: 'paper_research', config: LANE_CONFIG, actor: 'lead', reason: 'r' });
    const s = await first.ok<SessionView>('sessions.create', { spec: SPEC, owner: 'ann' });
    await first.ok('sessions.start', { sessionId: s.id, actor: 'ann' });
    await new Promise((r) => setImmediate(r));
    first.ctx.close();
    return s.id;
  }

  it('lists the open incident, resolves it with a reason as a session-log event, and refuses a second resolve', async () => {
    const dir = dataDir();
    const sessionId = await crashed(dir);
    const open = await cli(dir, ['incidents', 'list', '--status', 'open', '--json']);
    expect(open.code).toBe(0);
    const [inc] = JSON.parse(open.out) as IncidentView[];
    expect(inc).toMatchObject({ sessionId, kind: 'interrupted_session', status: 'open', resolvedBy: null });

    const noReason = await cli(dir, ['incidents', 'resolve', inc!.id, '--by', 'mei', '--reason', '']);
    expect(noReason.code).toBe(2);
    expect(noReason.err).toContain('reason: a reason is required');
    expect((await cli(dir, ['incidents', 'resolve', 'I-nope', '--by', 'mei', '--reason', 'x'])).code).toBe(2);

    const res = await cli(dir, ['incidents', 'resolve', inc!.id, '--by', 'mei', '--reason', 'process was killed by the OS update']);
    expect(res.code).toBe(0);
    expect(res.out).toContain('resolved by mei (local attribution)');
    const again = await cli(dir, ['incidents', 'resolve', inc!.id, '--by', 'mei', '--reason', 'x']);
    expect(again.code).toBe(2);
    expect(again.err).toContain('INCIDENT_RESOLVED');
    expect(JSON.parse((await cli(dir, ['incidents', 'list', '--status', 'open', '--json'])).out)).toEqual([]);

    const a = app(dir);
    const log = readLog(governanceOf(a.ctx).store, `session/${sessionId}`);
    expect(log.at(-1)).toMatchObject({
      type: 'incident.resolved',
      actor: 'operator:mei',
      payload: { incidentId: inc!.id, reason: 'process was killed by the OS update' },
    });
    expect(verifyAudit(governanceOf(a.ctx).store).ok).toBe(true);
    const before = await a.ok<IncidentView[]>('incidents.list', {});
    rebuildGovernanceProjections(governanceOf(a.ctx));
    expect(await a.ok<IncidentView[]>('incidents.list', {})).toEqual(before);
    expect(before[0]).toMatchObject({ status: 'resolved', resolvedBy: 'mei', resolvedReason: 'process was killed by the OS update' });
  });

  it('incidents.resolve over IPC validates its input and answers with the resolved incident', async () => {
    const dir = dataDir();
    await crashed(dir);
    const a = app(dir);
    const [inc] = await a.ok<IncidentView[]>('incidents.list', {});
    expect(await a.call('incidents.resolve', { incidentId: inc!.id, actor: 'mei' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await a.call('incidents.resolve', { incidentId: inc!.id, actor: 'mei', reason: 'ok', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const r = await a.ok<{ incident: IncidentView }>('incidents.resolve', { incidentId: inc!.id, actor: 'mei', reason: 'checked' });
    expect(r.incident).toMatchObject({ id: inc!.id, status: 'resolved', resolvedBy: 'mei', resolvedReason: 'checked' });
  });
});
