import type { Regime, TradingSessionKind } from '../../../src-shared/market/quote';

/** An inclusive range a measured figure must fall in. */
export interface Band {
  min: number;
  max: number;
}

export interface ReferenceFigures {
  session: TradingSessionKind;
  regime: Regime;
  oneMinuteVolBps: Band;
  /** Whole-session (high - low) / open of a session spent entirely in the regime, bps. */
  sessionRangeBps: Band;
  meanSpreadTicks: Band;
  medianTopSize: Band;
  quotesPerMinute: Band;
}

/**
 * Reference figures for the TX front month that the generator is calibrated against. Where each number
 * comes from, and how far to trust it, is in docs/market-data.md ("Calibration"); the generator test
 * measures generated days against this table.
 */
export const TX_REFERENCE: readonly ReferenceFigures[] = [
  {
    session: 'regular',
    regime: 'normal',
    oneMinuteVolBps: { min: 3, max: 8 },
    sessionRangeBps: { min: 50, max: 300 },
    meanSpreadTicks: { min: 1, max: 1.2 },
    medianTopSize: { min: 5, max: 30 },
    quotesPerMinute: { min: 40, max: 120 },
  },
  {
    session: 'after_hours',
    regime: 'normal',
    oneMinuteVolBps: { min: 1, max: 4 },
    sessionRangeBps: { min: 40, max: 200 },
    meanSpreadTicks: { min: 1, max: 1.5 },
    medianTopSize: { min: 2, max: 15 },
    quotesPerMinute: { min: 20, max: 60 },
  },
  {
    session: 'regular',
    regime: 'volatile',
    oneMinuteVolBps: { min: 8, max: 20 },
    sessionRangeBps: { min: 150, max: 700 },
    meanSpreadTicks: { min: 1.5, max: 4 },
    medianTopSize: { min: 1, max: 10 },
    quotesPerMinute: { min: 60, max: 240 },
  },
];
