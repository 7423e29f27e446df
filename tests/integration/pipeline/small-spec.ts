import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

/**
 * A short paper session on generated data: one regular session of TX and MTX, small enough to run
 * twice in a test. Strategy and envelope are those of the demo, scaled down.
 */
export function smallSpec(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    name: 'integration',
    lane: 'paper_research',
    mode: 'paper',
    run_mode: 'backtest',
    owner: 'tests',
    seed: 11,
    contracts: [{ contract: 'TX 202612' }, { contract: 'MTX 202612' }],
    paper_capital: '10000000',
    data: {
      kind: 'generator',
      spec: {
        id: 'integration-day',
        seed: 11,
        tradingDay: '2026-12-01',
        contracts: [
          { contract: 'TX 202612', prevSettlement: 23150 },
          { contract: 'MTX 202612', prevSettlement: 23148 },
        ],
        sessions: ['regular'],
        quoteIntervalMs: 1000,
        regimes: {
          regular: [
            { atMinute: 0, regime: 'normal' },
            { atMinute: 30, regime: 'trending', trendPointsPerHour: 200 },
            { atMinute: 60, regime: 'volatile' },
            { atMinute: 80, regime: 'trending', trendPointsPerHour: -300 },
          ],
        },
      },
    },
    window: { end: '2026-12-01T02:45:00.000Z' },
    strategy: { kind: 'breakout', id: 'brk', params: { channel: 60, quantity: 1, margin_points: 1 } },
    risk: {
      maxOrderQuantity: 5,
      maxQuoteAgeMs: 3000,
      maxSpreadPoints: 6,
      minTopSize: 1,
      maxNotionalPerOrderCents: 2500000000,
      maxPositionPerContract: 3,
      maxTxEquivExposure: '2',
      maxOpenOrders: 10,
      maxSubmitsPerWindow: 30,
      submitWindowMs: 60000,
      maxDailyLossCents: 50000000,
      maxDrawdownBps: 500,
      volatilityMoveBps: 400,
      volatilityWindowMs: 60000,
      feedLossMs: 15000,
    },
    fill_model: { submitLatencyMs: 20, cancelLatencyMs: 20, marketProtectionPoints: 10 },
    ...over,
  };
}

/**
 * Writes `s.csv` with these signal rows and `spec.yaml` (the small spec trading that file) into
 * `dir`; returns the spec's path.
 */
export function writeSignalFileSpec(dir: string, rows: readonly string[]): string {
  fs.writeFileSync(path.join(dir, 's.csv'), ['ts,signal_id,contract,direction,quantity,strength,reason', ...rows].join('\n') + '\n');
  const file = path.join(dir, 'spec.yaml');
  fs.writeFileSync(file, stringify(smallSpec({ strategy: { kind: 'signal_file', id: 'f', params: { path: 's.csv' } } })));
  return file;
}
