import { describe, expect, it } from 'vitest';
import { continuousSeries, type DatedBar } from '../../../src-shared/market/continuous';

const bar = (contract: string, ts: number, close: number): DatedBar => ({
  contract,
  ts,
  open: close,
  high: close + 2,
  low: close - 2,
  close,
  volume: 10,
});
const DEC = 'TX 202612';
const JAN = 'TX 202701';
const FEB = 'TX 202702';
const bars: DatedBar[] = [
  bar(DEC, 1, 20000),
  bar(DEC, 2, 20010),
  bar(DEC, 3, 20020),
  bar(DEC, 4, 20000),
  bar(DEC, 5, 19990),
  bar(JAN, 3, 20110),
  bar(JAN, 4, 20100),
  bar(JAN, 5, 20120),
  bar(JAN, 6, 20130),
  bar(FEB, 6, 20230),
  bar(FEB, 7, 20250),
];
const rolls = [
  { atTs: 5, from: DEC, to: JAN },
  { atTs: 7, from: JAN, to: FEB },
];

describe('continuous series', () => {
  it('back-adjusts earlier segments by the sum of later differences and returns the roll schedule', () => {
    const s = continuousSeries('TX1!', bars, rolls, 'back_adjusted');
    expect(s.researchOnly).toBe(true);
    expect(s.rolls.map((r) => [r.from, r.to, r.fromPrice, r.toPrice, r.difference])).toEqual([
      [DEC, JAN, 20000, 20100, 100],
      [JAN, FEB, 20130, 20230, 100],
    ]);
    expect(s.bars.map((b) => [b.ts, b.source, b.close])).toEqual([
      [1, DEC, 20200],
      [2, DEC, 20210],
      [3, DEC, 20220],
      [4, DEC, 20200],
      [5, JAN, 20220],
      [6, JAN, 20230],
      [7, FEB, 20250],
    ]);
    expect(s.bars[0]).toMatchObject({ high: 20202, low: 20198, open: 20200 });
  });

  it('ratio-adjusts with exact fractions, rounding each price once half-up', () => {
    const s = continuousSeries(
      'TX1!',
      [bar(DEC, 1, 100), bar(DEC, 2, 20000), bar(JAN, 2, 20100), bar(JAN, 3, 20100)],
      [{ atTs: 3, from: DEC, to: JAN }],
      'ratio_adjusted',
    );
    expect(s.rolls[0]?.ratio).toEqual({ numerator: 20100, denominator: 20000 });
    // 100 * 201/200 = 100.5 -> 101; 98 * 201/200 = 98.49 -> 98; 102 * 201/200 = 102.51 -> 103.
    expect(s.bars.map((b) => [b.low, b.close, b.high])).toEqual([
      [98, 101, 103],
      [20098, 20100, 20102],
      [20098, 20100, 20102],
    ]);
  });

  it('compounds ratios across several rolls without float drift', () => {
    const s = continuousSeries('TX1!', bars, rolls, 'ratio_adjusted');
    // 20000 * (20100/20000) * (20230/20130) = 20199.85... -> 20200
    expect(s.bars[0]?.close).toBe(20200);
    expect(s.bars.at(-1)?.close).toBe(20250);
  });

  it('refuses a broken roll chain or a roll without prices', () => {
    expect(() =>
      continuousSeries(
        'x',
        bars,
        [
          { atTs: 5, from: DEC, to: JAN },
          { atTs: 7, from: DEC, to: FEB },
        ],
        'back_adjusted',
      ),
    ).toThrow(/series holds TX 202701/);
    expect(() => continuousSeries('x', bars, [{ atTs: 3, from: DEC, to: FEB }], 'back_adjusted')).toThrow(
      /no TX 202702 bar before the roll/,
    );
    expect(() => continuousSeries('x', bars, [], 'back_adjusted')).toThrow(/at least one roll/);
  });
});
