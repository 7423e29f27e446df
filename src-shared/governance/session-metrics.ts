import type { PipelineEvent } from '../events/pipeline-event';
import { PORTFOLIO_UPDATE, readPortfolioUpdate } from '../events/portfolio-update';
import { FILL_EVENT } from './reconciliation';
import { GOV_EVENT } from './governance-event-types';

export interface SessionLogSummary {
  events: number;
  fills: number;
  orders: number;
  /** The peak before the worst drawdown and the trough after it, integer cents (0/0 without snapshots). */
  peakEquityCents: number;
  troughEquityCents: number;
  lastEquityCents: number | null;
  reconciliationBreaks: number;
}

/** Orders are counted at the risk decision: every intent gets exactly one, allowed or not. */
const ORDER_EVENT = 'risk.decision';

/** One pass over a session log; equity is the `equity_ntd` of each `portfolio.update` the core emitted. */
export function summarizeSessionLog(events: readonly PipelineEvent[]): SessionLogSummary {
  let fills = 0;
  let orders = 0;
  let breaks = 0;
  let runningPeak: number | null = null;
  let worst = { peak: 0, trough: 0 };
  let last: number | null = null;
  for (const e of events) {
    if (e.type === FILL_EVENT) fills++;
    else if (e.type === ORDER_EVENT) orders++;
    else if (e.type === GOV_EVENT.reconciliationBreak) breaks++;
    else if (e.type === PORTFOLIO_UPDATE) {
      const update = readPortfolioUpdate(e.payload);
      if (!update) continue;
      const eq = update.equityCents;
      last = eq;
      if (runningPeak === null || eq > runningPeak) runningPeak = eq;
      // Compare drawdowns exactly: (peak - trough) / peak as a cross-multiplication, never as floats.
      if (isDeeper(runningPeak, eq, worst.peak, worst.trough)) worst = { peak: runningPeak, trough: eq };
    }
  }
  if (runningPeak !== null && worst.peak === 0 && worst.trough === 0) worst = { peak: runningPeak, trough: runningPeak };
  return {
    events: events.length,
    fills,
    orders,
    peakEquityCents: worst.peak,
    troughEquityCents: worst.trough,
    lastEquityCents: last,
    reconciliationBreaks: breaks,
  };
}

function isDeeper(peak: number, trough: number, wPeak: number, wTrough: number): boolean {
  if (peak <= 0) return false;
  if (wPeak <= 0) return trough < peak;
  return BigInt(peak - trough) * BigInt(wPeak) > BigInt(wPeak - wTrough) * BigInt(peak);
}
