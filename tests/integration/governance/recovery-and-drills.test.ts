import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentView } from '../../../src-shared/governance/incident-view';
import type { SessionDetail, SessionView } from '../../../src-shared/governance/session-view';
import { createAppContext } from '../../../src-main/app-context';
import { main } from '../../../src-main/cli/main';
import { sessionRow } from '../../../src-main/services/sessions/session-rows';
import { runDrill } from '../../../src-main/services/drills/drill-service';
import { sampleSteps, scriptedRunner } from '../../../src-main/services/drills/scripted-runner';
import { governanceOf } from '../../../src-main/services/sessions/governance';
import { readLog } from '../../../src-main/services/sessions/log-reader';
import { verifyAudit } from '../../../src-main/services/verification/verify-audit';
import { makeTempDir } from '../../support/temp-dir';
import { LANE_CONFIG, openGovApp, SPEC, type GovApp } from './governance-kit';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function crashWith(snapshotQuantity: number): Promise<{ app: GovApp; sessionId: string }> {
  const first = openGovApp({ runner: scriptedRunner({ steps: sampleSteps({ snapshotQuantity }), hang: true }) });
  await first.ok('lanes.configure', { lane: 'paper_research', config: LANE_CONFIG, actor: 'lead', reason: 'r' });
  const s = await first.ok<SessionView>('sessions.create', { spec: SPEC, owner: 'ann' });
  await first.ok('sessions.start', { sessionId: s.id, actor: 'ann' });
  await new Promise((r) => setImmediate(r));
  const app = first.reopen();
  cleanups.push(() => app.cleanup());
  return { app, sessionId: s.id };
}

describe('recovery on open', () => {
  it('is wired by the workstation context only: a bare context (as the worker opens) leaves the crashed session as it was', async () => {
    const first = openGovApp({ runner: scriptedRunner({ steps: sampleSteps({ snapshotQuantity: 2 }), hang: true }) });
    await first.ok('lanes.configure', { lane: 'paper_research', config: LANE_CONFIG, actor: 'lead', reason: 'r' });
    const s = await first.ok<SessionView>('sessions.create', { spec: SPEC, owner: 'ann' });
    await first.ok('sessions.start', { sessionId: s.id, actor: 'ann' });
    await new Promise((r) => setImmediate(r));
    first.ctx.close();
    const bare = createAppContext({ dataDir: first.dataDir });
    expect(sessionRow(governanceOf(bare).db, s.id).status).toBe('running');
    bare.close();
    const app = first.reopen();
    cleanups.push(() => app.cleanup());
    expect((await app.ok<SessionDetail>('sessions.get', { sessionId: s.id })).session.status).toBe('aborted');
  });

  it('marks a running session aborted (interrupted) and finds no break when the snapshot matches', async () => {
    const { app, sessionId } = await crashWith(2);
    const d = await app.ok<SessionDetail>('sessions.get', { sessionId });
    expect(d.session.status).toBe('aborted');
    expect(d.session.statusReason).toBe('INTERRUPTED: the process stopped while the session was running (was running)');
    expect(d.session.metrics?.fills).toBe(2);
    const types = readLog(governanceOf(app.ctx).store, `session/${sessionId}`).map((e) => e.type);
    expect(types).toEqual([
      'risk.decision',
      'broker.fill',
      'portfolio.update',
      'risk.decision',
      'broker.fill',
      'portfolio.update',
      'incident.opened',
      'reconciliation.checked',
    ]);
    const incidents = await app.ok<IncidentView[]>('incidents.list', { sessionId });
    expect(incidents.map((i) => i.kind)).toEqual(['interrupted_session']);
    expect(verifyAudit(governanceOf(app.ctx).store).ok).toBe(true);
  });

  it('records a reconciliation break and an open incident on a mismatch', async () => {
    const { app, sessionId } = await crashWith(3);
    const incidents = await app.ok<IncidentView[]>('incidents.list', { status: 'open' });
    expect(incidents.map((i) => [i.kind, i.detail])).toEqual([
      ['interrupted_session', `INTERRUPTED: session=${sessionId}, was=running`],
      ['reconciliation_break', 'RECONCILIATION_BREAK: contract=TX 202612, from_fills=2, snapshot=3'],
    ]);
    const brk = readLog(governanceOf(app.ctx).store, `session/${sessionId}`).find((e) => e.type === 'reconciliation.break');
    expect(brk?.payload).toMatchObject({ contract: 'TX 202612', fromFills: 2, fromSnapshot: 3 });
  });

  it('a reconciliation break whose incident is resolved no longer counts against promotion', async () => {
    const { app, sessionId } = await crashWith(3);
    const strategyId = (await app.ok<SessionDetail>('sessions.get', { sessionId })).session.strategyId!;
    const breaksCriterion = async () => {
      const r = await app.ok<{ evaluation: { results: { criterion: string; actual: number; pass: boolean }[] } }>('promotions.evaluate', {
        strategyId,
      });
      return r.evaluation.results.find((c) => c.criterion === 'maxUnresolvedBreaks');
    };
    expect(await breaksCriterion()).toMatchObject({ actual: 1, pass: false });
    const open = await app.ok<IncidentView[]>('incidents.list', { sessionId, status: 'open' });
    const brk = open.find((i) => i.kind === 'reconciliation_break')!;
    const other = open.find((i) => i.kind === 'interrupted_session')!;
    // Resolving the other incident leaves the break counted: only the break's own incident retires it.
    await app.ok('incidents.resolve', { incidentId: other.id, actor: 'mei', reason: 'the OS restarted the machine' });
    expect(await breaksCriterion()).toMatchObject({ actual: 1, pass: false });
    await app.ok('incidents.resolve', {
      incidentId: brk.id,
      actor: 'mei',
      reason: 'snapshot written before the last fill; checked by hand',
    });
    expect(await breaksCriterion()).toMatchObject({ actual: 0, pass: true });
    expect(verifyAudit(governanceOf(app.ctx).store).ok).toBe(true);
  });

  it('recovery runs once: a second reopen changes nothing', async () => {
    const { app, sessionId } = await crashWith(2);
    const size = governanceOf(app.ctx).store.size('registry');
    const again = app.reopen();
    cleanups.push(() => again.cleanup());
    expect(governanceOf(again.ctx).store.size('registry')).toBe(size);
    expect((await again.ok<SessionDetail>('sessions.get', { sessionId })).session.status).toBe('aborted');
  });
});

describe('drills', () => {
  for (const drill of ['stale-data', 'reconciliation-mismatch', 'restart-recovery'] as const) {
    it(`${drill} passes every check`, async () => {
      const { dir, cleanup } = makeTempDir('papertape-drill-');
      cleanups.push(cleanup);
      const report = await runDrill(dir, drill);
      expect(report.checks.filter((c) => !c.ok)).toEqual([]);
      expect(report.checks.length).toBeGreaterThanOrEqual(4);
      expect(report.ok).toBe(true);
    });
  }

  it('the CLI exits 0 for a passing drill, 2 for an unknown one, and lists sessions', async () => {
    const { dir, cleanup } = makeTempDir('papertape-drill-cli-');
    cleanups.push(cleanup);
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t), isTty: false };
    expect(await main(['node', 'papertape', '--data-dir', dir, 'drill', 'restart-recovery'], io)).toBe(0);
    expect(out.join('')).toContain('The system behaved as designed.');
    expect(await main(['node', 'papertape', '--data-dir', dir, 'drill', 'meteor-strike'], io)).toBe(2);
    out.length = 0;
    expect(await main(['node', 'papertape', '--data-dir', dir, 'sessions', 'list'], io)).toBe(0);
    expect(out.join('')).toBe('No sessions yet.\n');
    expect(await main(['node', 'papertape', '--data-dir', dir, 'sessions', 'show', 'S-20261216-1'], io)).toBe(2);
  });
});
