import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src-main/cli/main';
import { loadScenarioFile, parseScenario, ScenarioFileError } from '../../../src-main/pipeline/scenario/load-scenario';
import { runScenario } from '../../../src-main/pipeline/scenario/run-scenario';
import { makeTempDir } from '../../support/temp-dir';

const DIR = path.resolve(__dirname, '../../../fixtures/scenarios');
const FILES = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

const run = (name: string) => runScenario(loadScenarioFile(path.join(DIR, `${name}.json`)));
const of = (events: ReturnType<typeof run>['events'], type: string, where: Record<string, unknown> = {}) =>
  events.filter((e) => e.type === type && Object.entries(where).every(([k, v]) => e.payload[k] === v));

describe('every fixture scenario', () => {
  it('covers every broker behaviour the issue lists', () => {
    for (const name of [
      'depth-walk',
      'price-protection',
      'ioc',
      'fok',
      'queue-position',
      'submit-latency',
      'cancel-fill-race',
      'stale-quote',
      'illiquid',
      'limits-boundary',
      'limit-is-zero',
      'kill-switch',
      'expiry',
      'ack-timeout',
      'late-fill-after-cancel',
      'duplicate-fill-id',
    ]) {
      expect(FILES).toContain(`${name}.json`);
    }
  });

  it.each(FILES)('%s meets all of its expectations', (file) => {
    const r = runScenario(loadScenarioFile(path.join(DIR, file)));
    expect(r.expectations.length).toBeGreaterThanOrEqual(2);
    expect(r.expectations.filter((x) => !x.ok).map((x) => ({ ...x.expectation, matched: x.matched }))).toEqual([]);
    // Deterministic: a second run gives the same bytes.
    expect(runScenario(loadScenarioFile(path.join(DIR, file))).lines).toEqual(r.lines);
    // Every line is canonical JSON of the event.
    for (const line of r.lines) expect(Object.keys(JSON.parse(line))).toEqual(['actor', 'payload', 'seq', 'step', 'ts', 'type']);
  });
});

describe('broker behaviour pinned by scenarios', () => {
  it('depth walk: three levels, taker, slippage vs arrival mid as exact decimals', () => {
    const fills = of(run('depth-walk').events, 'broker.fill');
    expect(
      fills.map((f) => [f.payload.price, f.payload.quantity, f.payload.liquidity, f.payload.slippage_points, f.payload.slippage_bps]),
    ).toEqual([
      [23001, 2, 'taker', '0.5', '0.22'],
      [23002, 3, 'taker', '1.5', '0.65'],
      [23003, 1, 'taker', '2.5', '1.09'],
    ]);
    expect(fills.map((f) => [f.payload.fees_ntd, f.payload.tax_ntd])).toEqual([
      ['40.00', '184.00'],
      ['60.00', '276.00'],
      ['20.00', '92.00'],
    ]);
  });

  it('price protection and depth exhaustion cancel the MARKET remainder with their reasons', () => {
    const r = run('price-protection');
    expect(of(r.events, 'broker.cancel').map((e) => e.payload.reason)).toEqual([
      'PRICE_PROTECTION: filled=3, remaining=3, bound=23002',
      'DEPTH_EXHAUSTED: filled=2, remaining=3, bound=22999',
    ]);
    expect(r.core.snapshot().positions[0]?.quantity).toBe(1);
  });

  it('queue position: prints eat the queue before the order fills', () => {
    const r = run('queue-position');
    const fills = of(r.events, 'broker.fill');
    expect(fills.map((f) => [f.ts, f.payload.quantity, f.payload.liquidity])).toEqual([
      ['2026-12-10T01:00:00.200Z', 1, 'maker'],
      ['2026-12-10T01:00:00.300Z', 1, 'maker'],
    ]);
  });

  it('latency: the cancel loses the race when a fill comes first, wins otherwise', () => {
    const r = run('cancel-fill-race');
    const o1 = of(r.events, 'oms.transition', { order_id: 'O-000001' }).map((e) => `${e.payload.from}>${e.payload.to}`);
    expect(o1).toEqual([
      'INITIALIZED>SUBMITTED',
      'SUBMITTED>ACCEPTED',
      'ACCEPTED>PENDING_CANCEL',
      'PENDING_CANCEL>FILLED',
      'FILLED>FILLED',
    ]);
    const o2 = of(r.events, 'oms.transition', { order_id: 'O-000002' }).map((e) => e.payload.to);
    expect(o2.at(-1)).toBe('CANCELED');
  });

  it('an order meets the book standing at its arrival: one replaced in flight is never used, and MARKET never waits', () => {
    const r = run('submit-latency');
    expect(of(r.events, 'broker.fill').map((f) => [f.ts, f.payload.price, f.payload.book_ts])).toEqual([
      ['2026-12-10T01:00:00.100Z', 23003, '2026-12-10T01:00:00.050Z'],
    ]);
  });

  it('kill switch cancels every working order and latches until resume', () => {
    const r = run('kill-switch');
    expect(of(r.events, 'broker.cancel').map((e) => e.payload.order_id)).toEqual(['O-000001', 'O-000002']);
    expect(r.core.snapshot().tradingState).toBe('ACTIVE');
  });

  it('duplicate fill ids count once', () => {
    const r = run('duplicate-fill-id');
    expect(r.core.snapshot().positions[0]?.quantity).toBe(1);
    expect(of(r.events, 'broker.fill_duplicate')).toHaveLength(1);
  });

  it('risk decisions record every check with its inputs', () => {
    const d = of(run('stale-quote').events, 'risk.decision', { order_id: 'O-000002' })[0];
    const checks = d?.payload.checks as { check: string; verdict: string; inputs: Record<string, unknown> }[];
    expect(checks.map((c) => c.check)).toEqual([
      'mode',
      'trading_state',
      'idempotency',
      'tradable',
      'tick_alignment',
      'daily_limit',
      'quantity',
      'quote_age',
      'liquidity',
      'notional',
      'max_position',
      'tx_equiv_exposure',
      'open_orders',
      'margin',
      'submit_rate',
      'daily_loss',
      'drawdown',
      'volatility',
      'feed_gap',
    ]);
    expect(checks.find((c) => c.check === 'quote_age')?.inputs).toMatchObject({ age_ms: 2001, max_ms: 2000 });
    expect(d?.payload.quote).toMatchObject({ bid: 23000, ask: 23001, age_ms: 2001 });
  });
});

describe('scenario files', () => {
  it('refuses unknown keys with their path', () => {
    const good = JSON.parse(fs.readFileSync(path.join(DIR, 'ioc.json'), 'utf8'));
    const bad = { ...good, steps: [good.steps[0], { ...good.steps[1], colour: 'red' }] };
    expect(() => parseScenario(bad, 'bad.json')).toThrow(ScenarioFileError);
    try {
      parseScenario(bad, 'bad.json');
    } catch (err) {
      expect((err as ScenarioFileError).problems.join('\n')).toMatch(/^steps\.1: .*colour/m);
    }
    const badRisk = { ...good, config: { ...good.config, risk: { ...good.config.risk, maxOrders: 1 } } };
    expect(() => parseScenario(badRisk)).toThrow(/config\.risk: .*maxOrders/);
    const unordered = {
      ...good,
      steps: [
        { ...good.steps[0], at: 10 },
        { ...good.steps[1], at: 5 },
      ],
    };
    expect(() => parseScenario(unordered)).toThrow(/steps\.1\.at: steps must be in time order/);
  });

  it('papertape scenario prints JSONL and exits 0; a bad file exits 2 with a clear message', async () => {
    const cap = () => {
      let out = '';
      let err = '';
      return { io: { out: (t: string) => (out += t), err: (t: string) => (err += t), isTty: false }, out: () => out, err: () => err };
    };
    const ok = cap();
    expect(await main(['node', 'papertape', 'scenario', path.join(DIR, 'fok.json')], ok.io)).toBe(0);
    const lines = ok.out().trimEnd().split('\n');
    expect(lines.length).toBe(run('fok').lines.length);
    expect(JSON.parse(lines[0] ?? '{}').type).toBe('risk.decision');

    const tmp = makeTempDir();
    try {
      const file = path.join(tmp.dir, 'broken.json');
      fs.writeFileSync(file, '{"name": "x", "start": "2026-12-10T01:00:00.000Z", "steps": []}');
      const bad = cap();
      expect(await main(['node', 'papertape', 'scenario', file], bad.io)).toBe(2);
      expect(bad.err()).toContain('is not a usable scenario');
      expect(bad.err()).toContain('config:');
      const notJson = path.join(tmp.dir, 'nope.json');
      fs.writeFileSync(notJson, '{ nope');
      const nj = cap();
      expect(await main(['node', 'papertape', 'scenario', notJson], nj.io)).toBe(2);
      expect(nj.err()).toContain('not valid JSON');
      const missing = cap();
      expect(await main(['node', 'papertape', 'scenario', path.join(tmp.dir, 'missing.json')], missing.io)).toBe(2);
      expect(missing.err()).toContain('cannot read');
    } finally {
      tmp.cleanup();
    }
  });
});
