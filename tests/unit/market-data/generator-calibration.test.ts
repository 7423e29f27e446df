import { describe, expect, it } from 'vitest';
import { TX_REFERENCE, type Band } from '../../../src-main/pipeline/market-data/calibration-reference';
import { dayStatistics } from '../../../src-main/pipeline/market-data/day-statistics';
import { generateMarket, type GeneratorSpec } from '../../../src-main/pipeline/market-data/generator';
import type { Regime, TradingSessionKind } from '../../../src-shared/market/quote';

/** A TX day spent entirely in one regime, in one session. */
function day(seed: number, session: TradingSessionKind, regime: Regime): GeneratorSpec {
  const schedule = [{ atMinute: 0, regime: regime as 'normal' }];
  return {
    id: `calibration-${seed}`,
    seed,
    tradingDay: '2026-12-01',
    contracts: [{ contract: 'TX 202612', prevSettlement: 23150 }],
    sessions: [session],
    regimes: { after_hours: schedule, regular: schedule },
  };
}

const within = (value: number, band: Band) => value >= band.min && value <= band.max;

describe('generated TX days against the reference figures (docs/market-data.md, Calibration)', () => {
  for (const ref of TX_REFERENCE) {
    it(`${ref.session} session, ${ref.regime} regime`, () => {
      // Five seeds: the range of one day is itself random, so each seed's day must be a plausible day.
      for (const seed of [20261201, 1, 2, 3, 4]) {
        const [stats] = dayStatistics(generateMarket(day(seed, ref.session, ref.regime)).events(), 'TX 202612');
        const r = stats!.byRegime[ref.regime]!;
        const measured = {
          oneMinuteVolBps: r.oneMinuteVolBps ?? NaN,
          sessionRangeBps: stats!.rangeBps,
          meanSpreadTicks: r.meanSpreadTicks,
          medianTopSize: r.medianTopSize,
          quotesPerMinute: r.quotesPerMinute,
        };
        for (const [figure, value] of Object.entries(measured)) {
          const band = ref[figure as keyof typeof measured];
          expect(within(value, band), `seed ${seed}: ${figure} ${value.toFixed(2)} outside ${band.min}-${band.max}`).toBe(true);
        }
      }
    });
  }
});
