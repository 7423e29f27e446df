import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src-main/cli/main';
import { nearestRank, SessionStatisticsFold } from '../../../src-main/pipeline/runner/session-statistics';
import { createAppContext } from '../../../src-main/app-context';
import { governanceOf } from '../../../src-main/services/sessions/governance';
import { sessionLogId } from '../../../src-shared/audit/audit-envelope';
import type { JsonObject } from '../../../src-shared/json';
import { makeTempDir } from '../../support/temp-dir';

const ROOT = path.resolve(__dirname, '../../..');
const RISK = JSON.parse(
  JSON.stringify({
    maxOrderQuantity: 5,
    maxQuoteAgeMs: 2000,
    maxSpreadPoints: 6,
    minTopSize: 1,
    maxNotionalPerOrderCents: 2500000000,
    maxPositionPerContract: 4,
    maxTxEquivExposure: '2',
    maxOpenOrders: 10,
    maxSubmitsPerWindow: 30,
    submitWindowMs: 60000,
    maxDailyLossCents: 1_000_000,
    maxDrawdownBps: 500,
    volatilityMoveBps: 400,
    volatilityWindowMs: 60000,
    feedLossMs: 15000,
    feedLossAction: 'REDUCING',
    breakerCooldownMs: 0,
  }),
) as JsonObject;

const obs = (...xs: number[]) => xs.map((v) => ({ value: v, text: v.toFixed(2) }));

describe('session statistics', () => {
  it('nearest-rank percentiles are observations', () => {
    const sorted = obs(-1, 0, 0.5, 1, 2, 3, 4, 5, 6, 10);
    expect(nearestRank(sorted, 50)).toBe('2.00');
    expect(nearestRank(sorted, 90)).toBe('6.00');
    expect(nearestRank(sorted, 100)).toBe('10.00');
    expect(nearestRank(obs(7), 50)).toBe('7.00');
    expect(nearestRank([], 50)).toBeNull();
  });

  it('folds slippage per contract and strategy, hit rate, envelope usage and codes', () => {
    const f = new SessionStatisticsFold(10_000_000, RISK);
    const order = (id: string, intent: string, strategy: string | null) => {
      f.observe('intent.created', {
        intent_id: intent,
        source: strategy ? { kind: 'strategy', strategy_id: strategy } : { kind: 'operator', operator: 'lin' },
      });
      f.observe('oms.order', { order_id: id, intent_id: intent });
    };
    order('O-1', 'I-1', 'breakout');
    order('O-2', 'I-2', null);
    f.observe('broker.fill', { order_id: 'O-1', contract: 'TX 202612', slippage_points: '0.50', slippage_bps: '0.22' });
    f.observe('broker.fill', { order_id: 'O-1', contract: 'TX 202612', slippage_points: '2.00', slippage_bps: '0.86' });
    f.observe('broker.fill', { order_id: 'O-2', contract: 'MTX 202612', slippage_points: '-1.00', slippage_bps: '-0.43' });
    const pu = (contract: string, position: number, realized: string, equity: string, tw: number) =>
      f.observe('portfolio.update', { contract, position, realized_delta_ntd: realized, equity_ntd: equity, tx_equiv_twentieths: tw });
    pu('TX 202612', 2, '0.00', '99990.00', 40);
    pu('TX 202612', 1, '500.00', '100400.00', 20);
    pu('MTX 202612', -3, '-200.00', '97000.00', 35);
    f.observe('risk.breach', { code: 'MAX_DAILY_LOSS' });
    f.observe('risk.decision', { verdict: 'DENY', reason: 'ILLIQUID_QUOTE: spread=10, max_spread=6' });
    f.observe('risk.decision', { verdict: 'REDUCE', reason: 'MAX_POSITION: position=3, max=4' });
    f.observe('risk.decision', { verdict: 'ALLOW', reason: 'OK' });
    const r = f.result({ equityCents: 9_500_000, maxDrawdownCents: 340_000 });
    expect(r.slippage_by_contract).toEqual({
      'MTX 202612': {
        fills: 1,
        p50_points: '-1.00',
        p90_points: '-1.00',
        max_points: '-1.00',
        p50_bps: '-0.43',
        p90_bps: '-0.43',
        max_bps: '-0.43',
      },
      'TX 202612': {
        fills: 2,
        p50_points: '0.50',
        p90_points: '2.00',
        max_points: '2.00',
        p50_bps: '0.22',
        p90_bps: '0.86',
        max_bps: '0.86',
      },
    });
    expect(Object.keys(r.slippage_by_strategy as JsonObject)).toEqual(['operator', 'strategy:breakout']);
    expect(r.hit_rate).toEqual({ closing_fills: 2, winning: 1, losing: 1, percent: '50.0' });
    expect(r.risk_envelope_usage).toEqual({
      max_position_per_contract: { peak: 3, limit: 4, percent: '75.0' },
      max_tx_equiv_exposure_twentieths: { peak: 40, limit: 40, percent: '100.0' },
      // Worst of the fills (NT$97,000 equity = 300,000 cents below the start) and the end (500,000 below).
      max_daily_loss_cents: { peak: 500_000, limit: 1_000_000, percent: '50.0' },
      max_drawdown_bps: { peak: 340, limit: 500, percent: '68.0' },
    });
    expect(r.breaches_by_code).toEqual({ MAX_DAILY_LOSS: 1 });
    expect(r.denials_by_code).toEqual({ ILLIQUID_QUOTE: 1, MAX_POSITION: 1 });
  });

  it('papertape run --json carries the statistics, the Merkle root and the signed checkpoint; metrics export them', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      let out = '';
      const io = { out: (t: string) => void (out += t), err: () => {}, isTty: false };
      const spec = path.join(ROOT, 'fixtures/specs/demo-research.yaml');
      expect(await main(['node', 'papertape', '--data-dir', dir, 'run', spec, '--json'], io)).toBe(0);
      const run = JSON.parse(out) as {
        session_id: string;
        merkle_root: string;
        checkpoint: { size: number; root: string; signed_note: string };
        log_size: number;
        summary: { statistics: JsonObject; fills: number };
      };
      expect(run.merkle_root).toMatch(/^[0-9a-f]{64}$/);
      expect(run.checkpoint.root).toBe(run.merkle_root);
      expect(run.checkpoint.size).toBe(run.log_size);
      expect(run.checkpoint.signed_note).toContain(`\n${run.log_size}\n${Buffer.from(run.merkle_root, 'hex').toString('base64')}\n`);
      // The statistics agree with the fills in the log.
      const ctx = createAppContext({ dataDir: dir });
      const slips = new Map<string, number[]>();
      try {
        const store = governanceOf(ctx).store;
        expect(store.root(sessionLogId(run.session_id))).toBe(run.merkle_root);
        for (const r of store.readEvents(sessionLogId(run.session_id))) {
          const e = JSON.parse(r.canonical) as { type: string; payload: JsonObject };
          if (e.type !== 'broker.fill' || e.payload.slippage_points === null) continue;
          const c = String(e.payload.contract);
          slips.set(c, [...(slips.get(c) ?? []), Number(e.payload.slippage_points)]);
        }
      } finally {
        ctx.close();
      }
      const byContract = run.summary.statistics.slippage_by_contract as Record<string, JsonObject>;
      expect(Object.keys(byContract).sort()).toEqual([...slips.keys()].sort());
      for (const [c, xs] of slips) {
        expect(byContract[c]!.fills).toBe(xs.length);
        expect(Number(byContract[c]!.max_points)).toBe(Math.max(...xs));
      }
      let prom = '';
      const mio = { out: (t: string) => void (prom += t), err: () => {}, isTty: false };
      expect(await main(['node', 'papertape', '--data-dir', dir, 'metrics', run.session_id, '--prometheus', '-'], mio)).toBe(0);
      const max = byContract['TX 202612']!.max_points as string;
      expect(prom).toContain(
        `papertape_slippage_points{session="${run.session_id}",lane="paper_research",contract="TX 202612",quantile="1"} ${max}`,
      );
      expect(prom).toMatch(/papertape_risk_envelope_usage_percent\{[^}]*limit="max_position_per_contract"\} \d+\.\d/);
      expect(prom).toMatch(/papertape_risk_denials_by_code_total\{[^}]*code="ILLIQUID_QUOTE"\} \d+/);
      // The evidence report shows them.
      const bundle = path.join(dir, 'bundle');
      expect(await main(['node', 'papertape', '--data-dir', dir, 'export', run.session_id, '--out', bundle], mio)).toBe(0);
      const html = fs.readFileSync(path.join(bundle, 'report.html'), 'utf8');
      expect(html).toContain('<h2>Session statistics</h2>');
      expect(html).toContain(`<tr><td>TX 202612</td><td class="n">${String(byContract['TX 202612']!.fills)}</td>`);
      expect(html).toMatch(/Hit rate: \d+\.\d%/);
    } finally {
      cleanup();
    }
  });
});
