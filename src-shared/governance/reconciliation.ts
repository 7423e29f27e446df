import type { PipelineEvent } from '../events/pipeline-event';
import { BROKER_FILL, readBrokerFill } from '../events/broker-fill';
import { PORTFOLIO_UPDATE, readPortfolioUpdate } from '../events/portfolio-update';

/** Net signed contracts per contract, the one thing a restart must get right. */
export type NetPositions = Record<string, number>;

export interface ReconciliationBreak {
  contract: string;
  fromFills: number;
  fromSnapshot: number;
}

export interface ReconciliationResult {
  /** Seq-free index of the snapshot used, or null when the log holds no snapshot yet. */
  snapshotIndex: number | null;
  fromFills: NetPositions;
  fromSnapshot: NetPositions;
  breaks: ReconciliationBreak[];
}

export const FILL_EVENT = BROKER_FILL;
export const SNAPSHOT_EVENT = PORTFOLIO_UPDATE;

/**
 * The portfolio is a fold over fills, so after a crash it is rebuilt from the fills recorded up
 * to the last `portfolio.update` and compared with what the updates up to there stated: each
 * contract's position is the one its latest update gave. Fills after the last update are not in it yet.
 */
export function reconcilePortfolio(events: readonly PipelineEvent[]): ReconciliationResult {
  let snapshotIndex: number | null = null;
  for (let i = events.length - 1; i >= 0; i--) {
    if (events[i]!.type === SNAPSHOT_EVENT) {
      snapshotIndex = i;
      break;
    }
  }
  if (snapshotIndex === null) return { snapshotIndex, fromFills: {}, fromSnapshot: {}, breaks: [] };
  const upTo = events.slice(0, snapshotIndex + 1);
  const fromFills = foldFills(upTo);
  const fromSnapshot = statedPositions(upTo);
  const contracts = [...new Set([...Object.keys(fromFills), ...Object.keys(fromSnapshot)])].sort();
  const breaks = contracts
    .map((contract) => ({ contract, fromFills: fromFills[contract] ?? 0, fromSnapshot: fromSnapshot[contract] ?? 0 }))
    .filter((b) => b.fromFills !== b.fromSnapshot);
  return { snapshotIndex, fromFills, fromSnapshot, breaks };
}

export function foldFills(events: readonly PipelineEvent[]): NetPositions {
  const net: NetPositions = {};
  for (const e of events) {
    if (e.type !== FILL_EVENT) continue;
    const fill = readBrokerFill(e.payload);
    if (!fill) continue;
    net[fill.contract] = (net[fill.contract] ?? 0) + (fill.side === 'BUY' ? fill.quantity : -fill.quantity);
  }
  return net;
}

/** Each contract's position as its latest `portfolio.update` stated it (flat contracts left out). */
export function statedPositions(events: readonly PipelineEvent[]): NetPositions {
  const latest = new Map<string, number>();
  for (const e of events) {
    if (e.type !== SNAPSHOT_EVENT) continue;
    const update = readPortfolioUpdate(e.payload);
    if (update) latest.set(update.contract, update.position);
  }
  const out: NetPositions = {};
  for (const [contract, position] of [...latest.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
    if (position !== 0) out[contract] = position;
  return out;
}

export function describeBreak(b: ReconciliationBreak): string {
  return `RECONCILIATION_BREAK: contract=${b.contract}, from_fills=${b.fromFills}, snapshot=${b.fromSnapshot}`;
}
