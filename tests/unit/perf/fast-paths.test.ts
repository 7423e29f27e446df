import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDailyLoss, checkDrawdown, checkFeedGap, checkVolatility } from '../../../src-shared/risk/breakers';
import { RiskEnvelopeSchema } from '../../../src-shared/risk/envelope';
import { applyFill, applyMark, emptyPortfolio, equityCents, positionOf, totals } from '../../../src-shared/portfolio/portfolio';
import { RiskEngine } from '../../../src-main/pipeline/core/risk-engine';
import { VolatilityWindow } from '../../../src-main/pipeline/core/volatility-window';

/**
 * The hot-path shortcuts (allocation-free deques, early allow tests, the feed-freshness bound, equity
 * without totals) must answer exactly what the plain definitions answer.
 */

const envelope = (over: Record<string, unknown>) =>
  RiskEnvelopeSchema.parse({
    maxOrderQuantity: 5,
    maxQuoteAgeMs: 2000,
    maxSpreadPoints: 6,
    minTopSize: 1,
    maxNotionalPerOrderCents: 1e10,
    maxPositionPerContract: 3,
    maxTxEquivExposure: '2',
    maxOpenOrders: 10,
    maxSubmitsPerWindow: 30,
    submitWindowMs: 60000,
    maxDailyLossCents: 0,
    maxDrawdownBps: 0,
    volatilityMoveBps: 0,
    volatilityWindowMs: 0,
    feedLossMs: 0,
    breakerCooldownMs: 0,
    ...over,
  });

describe('VolatilityWindow', () => {
  it('gives the min/max reference of a naive scan over the inclusive window, across deque compaction', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 40_000, max: 50_000 })), {
          minLength: 1,
          maxLength: 3000,
          size: 'max',
        }),
        (windowMs, steps) => {
          const w = new VolatilityWindow(windowMs);
          const seen: { ts: number; v: number }[] = [];
          let ts = 0;
          for (const [dt, v] of steps) {
            ts += dt;
            w.push(ts, v);
            seen.push({ ts, v });
            const inside = seen.filter((p) => ts - p.ts <= windowMs).map((p) => p.v);
            const lo = Math.min(...inside);
            const hi = Math.max(...inside);
            expect(w.farthestFrom(v)).toBe(v - lo >= hi - v ? lo : hi);
          }
        },
      ),
      { numRuns: 10 },
    );
  });

  it('is empty before the first point', () => {
    expect(new VolatilityWindow(1000).farthestFrom(5)).toBeNull();
  });
});

describe('RiskEngine monitors', () => {
  it('observeQuote trips exactly when checkVolatility denies against the window reference', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 20_000, max: 24_000 }), { minLength: 1, maxLength: 200 }), (mids) => {
        const risk = new RiskEngine(envelope({ volatilityMoveBps: 100, volatilityWindowMs: 5000 }), 1e9);
        const ref = new VolatilityWindow(5000);
        mids.forEach((bid, i) => {
          const ts = i * 100;
          ref.push(ts, bid + bid + 1);
          const expected = checkVolatility(ref.farthestFrom(bid + bid + 1) as number, bid + bid + 1, 100, 5000);
          expect(risk.observeQuote('TX 202612', bid, bid + 1, ts)).toEqual(expected.verdict === 'DENY' ? expected : null);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('observeEquity returns the first denying loss or drawdown check, else null', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50_000, max: 50_000 }), { minLength: 1, maxLength: 50 }), (moves) => {
        const risk = new RiskEngine(envelope({ maxDailyLossCents: 60_000, maxDrawdownBps: 3 }), 1e8);
        let equity = 1e8;
        let peak = 1e8;
        for (const m of moves) {
          equity += m;
          peak = Math.max(peak, equity);
          const loss = checkDailyLoss(1e8, equity, 60_000);
          const dd = checkDrawdown(peak, equity, 3);
          expect(risk.observeEquity(equity)).toEqual(loss.verdict === 'DENY' ? loss : dd.verdict === 'DENY' ? dd : null);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('never calls the feed fresh while a contract is past the feed-loss limit, even with quotes out of order', () => {
    const contracts = [{ contract: 'TX 202612' }, { contract: 'MTX 202612' }];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: -3000, max: 6000 })), { minLength: 1, maxLength: 80 }),
        (steps) => {
          const risk = new RiskEngine(envelope({ feedLossMs: 2000 }), 1e9);
          let now = 1_000_000;
          risk.touch(now);
          const last = new Map<string, number>();
          for (const [which, dt] of steps) {
            now += Math.max(0, dt);
            const c = contracts[which]?.contract;
            if (c !== undefined) {
              const ts = now + Math.min(0, dt);
              risk.observeQuote(c, null, null, ts);
              last.set(c, ts);
            }
            const lost = contracts.map(({ contract }) => checkFeedGap(last.get(contract) ?? 1_000_000, now, 2000).verdict === 'DENY');
            if (risk.feedSurelyFresh(now)) expect(lost).toEqual([false, false]);
            expect(contracts.map(({ contract }) => risk.feedLost(contract, 0, now) !== null)).toEqual(lost);
            if (!lost.includes(true)) risk.noteFeedChecked(contracts);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('equityCents', () => {
  it('equals totals().equityCents through fills, flips and marks', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            contract: fc.constantFrom('TX 202612', 'MTX 202612', 'TMF 202612'),
            buy: fc.boolean(),
            price: fc.integer({ min: 20_000, max: 25_000 }),
            quantity: fc.integer({ min: 1, max: 4 }),
            fees: fc.integer({ min: 0, max: 5000 }),
            bid: fc.integer({ min: 20_000, max: 25_000 }),
          }),
          { maxLength: 40 },
        ),
        (fills) => {
          const book = emptyPortfolio(1_000_000_000);
          for (const f of fills) {
            const root = f.contract.split(' ')[0] as 'TX' | 'MTX' | 'TMF';
            applyFill(book, {
              contract: f.contract,
              root,
              side: f.buy ? 'BUY' : 'SELL',
              price: f.price,
              quantity: f.quantity,
              feesCents: f.fees,
              taxCents: 7,
            });
            applyMark(positionOf(book, f.contract, root), f.bid, f.bid + 1);
            expect(equityCents(book)).toBe(totals(book).equityCents);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
