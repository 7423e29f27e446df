import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INSTRUMENTS, type Root } from '../../../src-shared/instruments/instruments';
import { bpsDecimal, ratioToDecimal } from '../../../src-shared/portfolio/decimal';
import {
  applyMark,
  avgPriceDecimal,
  foldFills,
  midDecimal,
  positionOf,
  totals,
  unrealizedCents,
  type FillFacts,
} from '../../../src-shared/portfolio/portfolio';

const fill = (side: 'BUY' | 'SELL', price: number, quantity: number, root: Root = 'TX', fees = 0, tax = 0): FillFacts => ({
  contract: `${root} 202701`,
  root,
  side,
  price,
  quantity,
  feesCents: fees,
  taxCents: tax,
});

describe('decimal strings', () => {
  it('are exact when they terminate and rounded half-up otherwise', () => {
    expect(ratioToDecimal(45, 2)).toBe('22.5');
    expect(ratioToDecimal(-45, 2)).toBe('-22.5');
    expect(ratioToDecimal(301, 3)).toBe('100.333333');
    expect(ratioToDecimal(2, 3)).toBe('0.666667');
    expect(ratioToDecimal(-1, 3)).toBe('-0.333333');
    expect(ratioToDecimal(0, 7)).toBe('0');
    expect(ratioToDecimal(19999999, 10000000, 6)).toBe('2');
    expect(bpsDecimal(1, 46001)).toBe('0.22');
  });
});

describe('portfolio (NETTING)', () => {
  it('averages, realizes the closed share exactly and flips', () => {
    const s = foldFills(0, [fill('BUY', 100, 1), fill('BUY', 100, 1), fill('BUY', 101, 1)]);
    const p = positionOf(s, 'TX 202701', 'TX');
    expect(avgPriceDecimal(p)).toBe('100.333333');
    const s2 = foldFills(0, [fill('BUY', 100, 1), fill('BUY', 100, 1), fill('BUY', 101, 1), fill('SELL', 102, 1)]);
    expect(positionOf(s2, 'TX 202701', 'TX').realizedCents).toBe(33_333); // 102 x 20000 - round(301 x 20000 / 3)
    const s3 = foldFills(0, [fill('BUY', 100, 1), fill('BUY', 100, 1), fill('BUY', 101, 1), fill('SELL', 102, 1), fill('SELL', 102, 2)]);
    const p3 = positionOf(s3, 'TX 202701', 'TX');
    expect([p3.quantity, p3.realizedCents, p3.costCents]).toEqual([0, 100_000, 0]); // (306 - 301) x NT$200
    const flip = foldFills(0, [fill('BUY', 100, 2), fill('SELL', 110, 3)]);
    const pf = positionOf(flip, 'TX 202701', 'TX');
    expect([pf.quantity, pf.realizedCents, avgPriceDecimal(pf)]).toEqual([-1, 400_000, '110']);
  });

  it('marks longs at the bid and shorts at the ask, shows the mid', () => {
    const s = foldFills(0, [fill('BUY', 100, 2, 'MTX')]);
    const p = positionOf(s, 'MTX 202701', 'MTX');
    expect(unrealizedCents(p)).toBe(0);
    applyMark(p, 98, 103);
    expect(unrealizedCents(p)).toBe(-2 * 2 * 50 * 100);
    expect(midDecimal(p)).toBe('100.5');
    const short = foldFills(0, [fill('SELL', 100, 1, 'TMF')]);
    const ps = positionOf(short, 'TMF 202701', 'TMF');
    applyMark(ps, 98, 103);
    expect(unrealizedCents(ps)).toBe(-3 * 10 * 100);
  });

  it('totals: equity = start + realized + unrealized - fees - tax; exposure in twentieths', () => {
    const s = foldFills(1_000_000, [
      fill('BUY', 100, 1, 'TX', 2000, 9200),
      fill('SELL', 100, 2, 'MTX', 2500, 4600),
      fill('BUY', 100, 3, 'TMF', 2400, 1500),
    ]);
    const t = totals(s);
    expect(t.txEquivTwentieths).toBe(20 + 10 + 3);
    expect(t.equityCents).toBe(1_000_000 - 2000 - 9200 - 2500 - 4600 - 2400 - 1500);
  });

  const fillArb = fc.record({
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    price: fc.integer({ min: 15_000, max: 30_000 }),
    quantity: fc.integer({ min: 1, max: 7 }),
    fees: fc.integer({ min: 0, max: 5000 }),
    tax: fc.integer({ min: 0, max: 10_000 }),
  });

  it('property: position = signed sum of fills; PnL is conserved exactly; equity identity holds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Root>('TX', 'MTX', 'TMF'),
        fc.array(fillArb, { maxLength: 40 }),
        fc.integer({ min: 15_000, max: 30_000 }),
        (root, fills, mark) => {
          const facts = fills.map((f) => fill(f.side, f.price, f.quantity, root, f.fees, f.tax));
          const s = foldFills(5_000_000_000, facts);
          const p = positionOf(s, `${root} 202701`, root);
          const signed = facts.reduce((n, f) => n + (f.side === 'BUY' ? f.quantity : -f.quantity), 0);
          expect(p.quantity).toBe(signed);
          applyMark(p, mark, mark);
          const unit = INSTRUMENTS[root].multiplier * 100;
          const cashFlow = facts.reduce((n, f) => n - (f.side === 'BUY' ? 1 : -1) * f.quantity * f.price * unit, 0);
          expect(p.realizedCents + unrealizedCents(p)).toBe(cashFlow + signed * mark * unit);
          const t = totals(s);
          expect(t.equityCents).toBe(5_000_000_000 + t.realizedCents + t.unrealizedCents - t.feesCents - t.taxCents);
          expect(t.feesCents).toBe(fills.reduce((n, f) => n + f.fees, 0));
        },
      ),
    );
  });
});
