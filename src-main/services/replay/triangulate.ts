import type { JsonObject } from '../../../src-shared/json';
import { formatScaled, parseDecimal } from './exact-decimal';
import { TimedOperatorInbox } from './replay-inbox';
import { runPipeline, type ReplayInputs } from './replay-run';
import { outcomeOf, OutcomeSink, weightedMean, type FillRecord, type RunOutcome } from './run-outcome';

export interface OrderSide {
  orderId: string;
  filledQuantity: number;
  avgSlippagePoints: string | null;
}

export interface OrderComparison {
  idempotencyKey: string;
  paper: OrderSide | null;
  backtest: OrderSide | null;
  /** backtest - paper, exact; null when either side has no slippage. */
  slippageDeltaPoints: string | null;
}

export interface TriangulationReport {
  sessionId: string;
  paper: RunOutcome;
  backtest: RunOutcome;
  deltas: { fills: number; avgSlippagePoints: string | null; grossPnl: string; netPnl: string };
  orders: OrderComparison[];
  /** Orders present on one side only. */
  unmatched: number;
}

function side(orderId: string | undefined, fills: readonly FillRecord[]): OrderSide | null {
  if (orderId === undefined) return null;
  const mine = fills.filter((f) => f.orderId === orderId);
  return {
    orderId,
    filledQuantity: mine.reduce((a, f) => a + f.quantity, 0),
    avgSlippagePoints: weightedMean(mine, (f) => f.slippagePoints),
  };
}

function delta(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return null;
  return formatScaled(parseDecimal(b) - parseDecimal(a), 2);
}

/**
 * The recorded session (paper) against a backtest of the same spec and data window: orders matched by
 * idempotency key (the key is derived from the signal, so the same decision has the same key in both).
 */
export async function triangulate(r: ReplayInputs): Promise<TriangulationReport> {
  const paper = new OutcomeSink();
  for (const e of r.recorded.events()) paper.take(e);
  const summary = (r.inputs.completed?.summary ?? {}) as JsonObject;
  const bt = new OutcomeSink();
  const result = await runPipeline(r, {
    spec: { ...r.spec, run_mode: 'backtest' },
    sink: bt,
    inbox: (clock) => new TimedOperatorInbox(r.inputs.operator, clock),
  });
  const keys = [...new Set([...paper.orderByKey.keys(), ...bt.orderByKey.keys()])].sort();
  const orders = keys.map((k) => {
    const p = side(paper.orderByKey.get(k), paper.fills);
    const b = side(bt.orderByKey.get(k), bt.fills);
    return {
      idempotencyKey: k,
      paper: p,
      backtest: b,
      slippageDeltaPoints: delta(p?.avgSlippagePoints ?? null, b?.avgSlippagePoints ?? null),
    };
  });
  const po = outcomeOf(summary, paper.fills);
  const bo = outcomeOf(result.summary, bt.fills);
  return {
    sessionId: r.sessionId,
    paper: po,
    backtest: bo,
    deltas: {
      fills: bo.fills - po.fills,
      avgSlippagePoints: delta(po.avgSlippagePoints, bo.avgSlippagePoints),
      grossPnl: delta(po.grossPnl, bo.grossPnl)!,
      netPnl: delta(po.netPnl, bo.netPnl)!,
    },
    orders,
    unmatched: orders.filter((o) => o.paper === null || o.backtest === null).length,
  };
}
