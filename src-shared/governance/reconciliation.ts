import type { PipelineEvent } from '../events/pipeline-event';
import type { JsonValue } from '../json';

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

export const FILL_EVENT = 'broker.fill';
export const SNAPSHOT_EVENT = 'portfolio.update';

/**
 * The portfolio is a fold over fills, so after a crash it is rebuilt from the fills recorded up
 * to the last snapshot and compared with that snapshot. Fills after the snapshot are not in it yet.
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
  const fromFills = foldFills(events.slice(0, snapshotIndex + 1));
  const fromSnapshot = snapshotPositions(events[snapshotIndex]!.payload);
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
    const { contract, side, quantity } = e.payload;
    if (typeof contract !== 'string' || typeof quantity !== 'number' || (side !== 'BUY' && side !== 'SELL')) continue;
    net[contract] = (net[contract] ?? 0) + (side === 'BUY' ? quantity : -quantity);
  }
  return net;
}

/** Accepts `positions: [{ contract, quantity }]`, the shape of the trading core's PositionView. */
export function snapshotPositions(payload: Readonly<Record<string, JsonValue>>): NetPositions {
  const out: NetPositions = {};
  const positions = payload.positions;
  if (!Array.isArray(positions)) return out;
  for (const p of positions) {
    if (p === null || typeof p !== 'object' || Array.isArray(p)) continue;
    const { contract, quantity } = p;
    if (typeof contract === 'string' && typeof quantity === 'number' && quantity !== 0) out[contract] = (out[contract] ?? 0) + quantity;
  }
  return out;
}

export function describeBreak(b: ReconciliationBreak): string {
  return `RECONCILIATION_BREAK: contract=${b.contract}, from_fills=${b.fromFills}, snapshot=${b.fromSnapshot}`;
}
