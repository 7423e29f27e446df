import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setSessionRunner } from '../../../src-main/services/sessions/session-runner-port';
import { whenSettled } from '../../../src-main/services/sessions/session-runs';
import { scriptedRunner } from '../../../src-main/services/drills/scripted-runner';
import { foldOrderTimelines } from '../../../src-main/services/views/order-timelines';
import { makeApp, TRUSTED_SENDER } from '../../support/app-fixture';
import { demoSteps, RESEARCH_LANE_CONFIG } from '../../e2e/view-fixture';

type App = ReturnType<typeof makeApp>;
// The committed fingerprint of the spec's data, so the market view's integrity check passes for the scripted log.
const FP = (
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../fixtures/market/generator/fingerprints.json'), 'utf8')) as Record<
    string,
    string
  >
)['three-contract-day.json']!;

async function call<T>(app: App, name: string, input?: unknown): Promise<T> {
  const env = (await app.registry.dispatch(name, input, TRUSTED_SENDER)) as {
    ok: boolean;
    value?: T;
    error?: { code: string; message: string };
  };
  if (!env.ok) throw new Error(`${env.error!.code}: ${env.error!.message}`);
  return env.value as T;
}

describe('read-only view calls over a real registry and session log', () => {
  let app: App;
  let sessionId: string;
  beforeEach(async () => {
    app = makeApp();
    const fixtures = await call<{ id: string; spec: Record<string, unknown> }[]>(app, 'specs.fixtures');
    const research = fixtures.find((f) => f.id === 'demo-research.yaml')!;
    await call(app, 'lanes.configure', { lane: 'paper_research', config: RESEARCH_LANE_CONFIG, actor: 'Lee', reason: 'test lane' });
    const s = await call<{ id: string }>(app, 'sessions.create', { spec: research.spec, owner: 'Lee' });
    sessionId = s.id;
    setSessionRunner(app.ctx, scriptedRunner({ steps: demoSteps(sessionId, FP) }));
    await call(app, 'sessions.start', { sessionId, actor: 'Lee' });
    await whenSettled(app.ctx, sessionId);
  });
  afterEach(() => app.cleanup());

  it('lists the fixture specs with data paths anchored to the fixtures folder', async () => {
    const fixtures = await call<{ id: string; lane: string; spec: { data: { path: string } } }[]>(app, 'specs.fixtures');
    expect(fixtures.map((f) => f.id)).toEqual(['demo-gatecheck.yaml', 'demo-research.yaml', 'signals-research.yaml']);
    expect(fixtures[1]!.lane).toBe('paper_research');
    expect(fixtures[1]!.spec.data.path).toMatch(/fixtures\/market\/generator\/three-contract-day\.json$/);
  });

  it('pages session events by type prefix', async () => {
    const page = await call<{ events: { seq: number; type: string }[]; nextAfterSeq: number | null; logSize: number }>(
      app,
      'sessions.events',
      {
        sessionId,
        typePrefix: 'oms.',
        limit: 2,
      },
    );
    expect(page.events.map((e) => e.type)).toEqual(['oms.order', 'oms.transition']);
    expect(page.nextAfterSeq).toBe(page.events[1]!.seq);
    const rest = await call<{ events: { type: string }[]; nextAfterSeq: number | null }>(app, 'sessions.events', {
      sessionId,
      typePrefix: 'oms.',
      afterSeq: page.nextAfterSeq!,
      limit: 100,
    });
    expect(rest.events.map((e) => e.type)).toEqual(['oms.order', 'oms.transition', 'oms.transition', 'oms.transition']);
    expect(rest.nextAfterSeq).toBeNull();
    const bad = await app.registry.dispatch('sessions.events', { sessionId, typePrefix: "x' OR 1=1" }, TRUSTED_SENDER);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('folds one OMS timeline per order with its reason codes', async () => {
    const { orders } = await call<{ orders: ReturnType<typeof foldOrderTimelines> }>(app, 'orders.timeline', { sessionId });
    expect(orders.map((o) => [o.orderId, o.contract, o.state, o.filled])).toEqual([
      ['O-000001', 'TMF 202612', 'DENIED', 0],
      ['O-000002', 'TX 202612', 'FILLED', 2],
    ]);
    expect(orders[0]!.steps.map((s) => s.reason)).toContain('ILLIQUID_QUOTE: spread=10, max_spread=6');
    expect(orders[1]!.steps.map((s) => s.type)).toEqual([
      'risk.decision',
      'oms.order',
      'oms.transition',
      'broker.ack',
      'oms.transition',
      'broker.fill',
      'oms.transition',
    ]);
  });

  it('states the portfolio from the last portfolio.update in integer cents', async () => {
    const p = await call<{
      positions: { contract: string; position: number; feesCents: number; unrealizedCents: number }[];
      totals: { equityCents: number; marginInUseCents: number; txEquivTwentieths: number };
      fills: number;
    }>(app, 'portfolio.view', { sessionId });
    expect(p.positions).toMatchObject([{ contract: 'TX 202612', position: 2, feesCents: 4000, unrealizedCents: -200000 }]);
    expect(p.totals).toMatchObject({ equityCents: 999_777_400, marginInUseCents: 67_600_000, txEquivTwentieths: 40 });
    expect(p.fills).toBe(1);
  });

  it('rebuilds the market path from the spec data, downsampled, with the fills on it', async () => {
    const m = await call<{
      available: boolean;
      contracts: string[];
      bars: { time: number; low: number; high: number }[];
      fills: { price: number }[];
      quoteCount: number;
    }>(app, 'market.series', { sessionId, contract: 'TX 202612', maxPoints: 200 });
    expect(m.available).toBe(true);
    expect(m.contracts).toEqual(['TX 202612', 'MTX 202612', 'TMF 202612']);
    expect(m.bars.length).toBeGreaterThan(10);
    expect(m.bars.length).toBeLessThanOrEqual(200);
    expect(m.quoteCount).toBeGreaterThan(m.bars.length);
    for (let i = 1; i < m.bars.length; i++) expect(m.bars[i]!.time).toBeGreaterThan(m.bars[i - 1]!.time);
    expect(m.fills).toEqual([expect.objectContaining({ price: 23340, quantity: 2, side: 'BUY' })]);
  });

  it('refuses a chart when the data set is not the one the session logged', async () => {
    const app2 = makeApp();
    try {
      const fixtures = await call<{ id: string; spec: Record<string, unknown> }[]>(app2, 'specs.fixtures');
      await call(app2, 'lanes.configure', { lane: 'paper_research', config: RESEARCH_LANE_CONFIG, actor: 'Lee', reason: 'test lane' });
      const s = await call<{ id: string }>(app2, 'sessions.create', {
        spec: fixtures.find((f) => f.id === 'demo-research.yaml')!.spec,
        owner: 'Lee',
      });
      setSessionRunner(app2.ctx, scriptedRunner({ steps: demoSteps(s.id, 'f'.repeat(64)) }));
      await call(app2, 'sessions.start', { sessionId: s.id, actor: 'Lee' });
      await whenSettled(app2.ctx, s.id);
      const m = await call<{ available: boolean; reason?: string }>(app2, 'market.series', { sessionId: s.id });
      expect(m).toEqual({ available: false, reason: expect.stringMatching(/^DATA_MISMATCH: logged=ffffffffffff/) });
    } finally {
      app2.cleanup();
    }
  });
});
