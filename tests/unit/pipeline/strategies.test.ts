import { describe, expect, it } from 'vitest';
import { BreakoutStrategy } from '../../../src-main/pipeline/strategies/breakout';
import { MeanReversionStrategy } from '../../../src-main/pipeline/strategies/mean-reversion';
import { PriceWindow } from '../../../src-main/pipeline/strategies/price-window';
import { SlidingExtreme } from '../../../src-main/pipeline/strategies/sliding-extreme';
import { formatDoubledMid } from '../../../src-main/pipeline/strategies/doubled-mid';
import type { StrategySignal } from '../../../src-shared/strategy/signal';
import { positions, quoteAt, T0 } from './market-helpers';

const TX = new Set(['TX 202612']);

function feed(strategy: { onMarket: BreakoutStrategy['onMarket'] }, bids: number[], own = positions()): StrategySignal[][] {
  return bids.map((b, i) => strategy.onMarket(quoteAt(i, b), 1000 + i, own));
}

describe('PriceWindow', () => {
  it('keeps the last N values, their sum, high and low', () => {
    const w = new PriceWindow(3);
    for (const v of [5, 9, 1, 4]) w.push(v);
    expect(w.full).toBe(true);
    expect(w.sum).toBe(14);
    expect(w.high()).toBe(9);
    expect(w.low()).toBe(1);
    w.push(2);
    expect([w.sum, w.high(), w.low()]).toEqual([7, 4, 1]);
  });

  it('prints half-point mids exactly', () => {
    expect(formatDoubledMid(45001)).toBe('22500.5');
    expect(formatDoubledMid(45000)).toBe('22500');
  });
});

describe('BreakoutStrategy', () => {
  it('stays silent until the channel is full, then targets +qty on a new high', () => {
    const s = new BreakoutStrategy('brk', { channel: 3, quantity: 2, margin_points: 0 }, TX);
    const out = feed(s, [100, 101, 102, 103]);
    expect(out.slice(0, 3).flat()).toEqual([]);
    expect(out[3]).toHaveLength(1);
    const sig = out[3]![0]!;
    expect(sig).toMatchObject({
      signalId: 'brk-1',
      strategyId: 'brk',
      contract: 'TX 202612',
      direction: 'target',
      quantity: 2,
      strength: 1000,
      ts: 1003,
    });
    expect(sig.reason).toBe('BREAKOUT_UP: mid=103.5, channel_high=102.5, channel_low=100.5, channel=3');
    expect(sig.seenQuoteTs).toBe(T0 + 3000);
  });

  it('does not repeat the same target, and flips on a downside break', () => {
    const s = new BreakoutStrategy('brk', { channel: 3, quantity: 1, margin_points: 0 }, TX);
    const flat = feed(s, [100, 101, 102, 103, 104, 105, 90]).flat();
    expect(flat.map((x) => [x.signalId, x.quantity])).toEqual([
      ['brk-1', 1],
      ['brk-2', -1],
    ]);
    expect(flat[1]!.reason.startsWith('BREAKOUT_DOWN:')).toBe(true);
  });

  it('requires the margin to be cleared', () => {
    const s = new BreakoutStrategy('brk', { channel: 2, quantity: 1, margin_points: 2 }, TX);
    expect(feed(s, [100, 100, 102]).flat()).toEqual([]);
    // window is now 100, 102 (mids 100.5, 102.5): 104.5 is exactly the margin, not beyond it.
    expect(feed(s, [104]).flat()).toEqual([]);
    expect(feed(s, [107]).flat()).toHaveLength(1);
  });

  it('emits nothing when the target is already held', () => {
    const s = new BreakoutStrategy('brk', { channel: 2, quantity: 1, margin_points: 0 }, TX);
    expect(feed(s, [100, 100, 105], positions({ 'TX 202612': 1 })).flat()).toEqual([]);
  });

  it('ignores contracts outside the spec and one-sided quotes', () => {
    const s = new BreakoutStrategy('brk', { channel: 2, quantity: 1, margin_points: 0 }, TX);
    const other = [100, 100, 200].map((b, i) => s.onMarket(quoteAt(i, b, 'MTX 202612'), i, positions()));
    expect(other.flat()).toEqual([]);
    const e = quoteAt(0, 100);
    if (e.kind === 'quote') e.quote.ask = null;
    expect(s.onMarket(e, 0, positions())).toEqual([]);
  });
});

describe('MeanReversionStrategy', () => {
  const params = { window: 4, entry_points: 5, exit_points: 1, quantity: 3 };

  it('fades a move of at least entry_points above the moving mid', () => {
    const s = new MeanReversionStrategy('mr', params, TX);
    // moving mid of 100,100,100,100 = 100.5; 105.5 is exactly 5 points above: the boundary counts.
    const out = feed(s, [100, 100, 100, 100, 105]).flat();
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ direction: 'target', quantity: -3, strength: 500 });
    expect(out[0]!.reason).toBe(
      'MEAN_REVERSION_SHORT: mid=105.5, moving_mid_x8=804, deviation_x8=40, entry_points=5, exit_points=1, window=4',
    );
  });

  it('does not act a hair inside the entry threshold', () => {
    const s = new MeanReversionStrategy('mr', params, TX);
    // 4 points below: inside entry (5), outside exit (1): no signal.
    expect(feed(s, [100, 100, 100, 100, 96]).flat()).toEqual([]);
  });

  it('goes long below, then flat once back within exit_points', () => {
    const s = new MeanReversionStrategy('mr', params, TX);
    const own = { pos: 0, net: () => own.pos };
    const out: StrategySignal[] = [];
    [100, 100, 100, 100, 94].forEach((b, i) => out.push(...s.onMarket(quoteAt(i, b), i, own)));
    expect(out.map((x) => x.quantity)).toEqual([3]);
    own.pos = 3;
    // window now 100,100,100,94 (mean 99.0 + .5); 99 is 0.5 below: within exit -> flat.
    out.push(...s.onMarket(quoteAt(5, 99), 5, own));
    expect(out.map((x) => x.quantity)).toEqual([3, 0]);
    expect(out[1]!.reason.startsWith('MEAN_REVERSION_FLAT:')).toBe(true);
    expect(out[1]!.signalId).toBe('mr-2');
  });
});

describe('SlidingExtreme', () => {
  it('matches a brute-force window max and min on a random-looking walk', () => {
    const size = 7;
    const hi = new SlidingExtreme(size, 'max');
    const lo = new SlidingExtreme(size, 'min');
    const seen: number[] = [];
    let x = 1000;
    for (let i = 0; i < 500; i++) {
      x += ((i * 7919) % 13) - 6;
      seen.push(x);
      hi.push(x);
      lo.push(x);
      const win = seen.slice(-size);
      expect(hi.value).toBe(Math.max(...win));
      expect(lo.value).toBe(Math.min(...win));
    }
  });
});
