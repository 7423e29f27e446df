import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src-main/pipeline/scenario/load-scenario';
import { runScenario } from '../../../src-main/pipeline/scenario/run-scenario';

/**
 * The arrival rule (DESIGN section 4): an order is matched against the latest book with time <= its
 * arrival, a book that changed in flight is matched as changed, and MARKET / IOC / FOK never wait for
 * a later quote. Random quote times, prices and latencies over the submit-latency fixture's config.
 */
const base = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/scenarios/submit-latency.json'), 'utf8')) as {
  start: string;
  config: { fillModel: Record<string, unknown> };
};
const ISO = (ms: number) => new Date(Date.parse(base.start) + ms).toISOString();

describe('arrival rule', () => {
  it('the fill is at arrival, against the latest quote stamped at or before it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { maxLength: 6 }).map((a) => a.sort((x, y) => x - y)),
        fc.array(fc.integer({ min: 23001, max: 23004 }), { minLength: 7, maxLength: 7 }),
        fc.constantFrom(['MARKET', 'ROD'], ['LIMIT', 'IOC'], ['LIMIT', 'FOK']),
        (latency, quoteTimes, asks, [type, tif]) => {
          const quote = (at: number, ask: number) => ({
            at,
            action: 'quote',
            contract: 'TX 202701',
            bids: [[23000, 4]],
            asks: [[ask, 5]],
          });
          const steps = [
            quote(0, asks[0]!),
            {
              at: 0,
              action: 'submit',
              contract: 'TX 202701',
              side: 'BUY',
              quantity: 1,
              type,
              tif,
              ...(type === 'LIMIT' ? { limitPrice: 23010 } : {}),
            },
            ...quoteTimes.filter((t) => t !== latency).map((t, i) => quote(t, asks[i + 1]!)),
          ]
            .map((s, i) => ({ s, i }))
            .sort((a, b) => a.s.at - b.s.at || a.i - b.i)
            .map(({ s }) => s);
          const scenario = parseScenario({
            ...base,
            name: 'arrival-property',
            config: { ...base.config, fillModel: { ...base.config.fillModel, submitLatencyMs: latency } },
            steps: [...steps, { at: 1000, action: 'advance' }],
            expect: [],
          });
          const r = runScenario(scenario);
          const fills = r.events.filter((e) => e.type === 'broker.fill');
          expect(fills).toHaveLength(1);
          const standing = [0, ...quoteTimes.filter((t) => t < latency)].at(-1)!;
          expect(fills[0]!.ts).toBe(ISO(latency));
          expect(fills[0]!.payload.book_ts).toBe(ISO(standing));
        },
      ),
      { numRuns: 150 },
    );
  });
});
