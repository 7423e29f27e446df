import { parseContractRef } from '../../../src-shared/instruments/contract-codes';
import { INSTRUMENTS, type Root } from '../../../src-shared/instruments/instruments';
import type { Quote } from '../../../src-shared/market/quote';
import { isWorking } from '../../../src-shared/oms/order-state-machine';
import type { PaperOrderIntent } from '../../../src-shared/orders/intent';
import type { OmsOrder } from './oms';
import type { ContractInfo } from './session-calendar';

/** Everything the pre-trade checks look at, computed once per intent from the parts' current state. */
export interface PreTradeFacts {
  mode: string;
  known: boolean;
  sessionKind: string | null;
  tick: number;
  multiplier: number;
  band: { lower: number; upper: number } | null;
  quote: Quote | undefined;
  position: number;
  openOrders: number;
  equityCents: number;
  committedMarginCents: number;
  currentTwentieths: number;
  projectedPosition: (quantity: number) => number;
  projectedTwentieths: (quantity: number) => number;
  orderMarginCents: (quantity: number) => number;
}

/** The root an intent trades: its configured contract's, or parsed from the text; TX only labels an unreadable one. */
export function intentRoot(contract: string, info: ContractInfo | undefined): Root {
  if (info !== undefined) return info.root;
  try {
    return parseContractRef(contract).root;
  } catch {
    // Unknown contract text: the tradable check denies it; the root only labels the record.
    return 'TX';
  }
}

/**
 * Pure: the facts for one intent. Working orders count against the position (same side) and against
 * margin (all), so a burst of orders cannot each pass alone what they break together.
 */
export function preTradeFacts(a: {
  intent: PaperOrderIntent;
  mode: string;
  info: ContractInfo | undefined;
  root: Root;
  sessionKind: string | null;
  quote: Quote | undefined;
  position: number;
  workingOrders: Iterable<OmsOrder>;
  equityCents: number;
  twentieths: number;
  marginInUseCents: number;
  initialMargin: (root: Root) => number;
}): PreTradeFacts {
  const { intent, position: pos } = a;
  const spec = INSTRUMENTS[a.root];
  let workingSameSide = 0;
  let open = 0;
  let committed = a.marginInUseCents;
  for (const o of a.workingOrders) {
    if (!isWorking(o.state)) continue;
    open++;
    const rest = o.quantity - o.filled;
    committed += rest * a.initialMargin(o.root);
    if (o.intent.contract === intent.contract && o.intent.side === intent.side) workingSameSide += rest;
  }
  const margin = a.initialMargin(a.root);
  const projected = (qty: number) => (intent.side === 'BUY' ? pos + workingSameSide + qty : pos - workingSameSide - qty);
  return {
    mode: a.mode,
    known: a.info !== undefined,
    sessionKind: a.sessionKind,
    tick: spec.tick,
    multiplier: spec.multiplier,
    band: a.info?.band ?? null,
    quote: a.quote,
    position: pos,
    openOrders: open,
    equityCents: a.equityCents,
    committedMarginCents: committed,
    currentTwentieths: a.twentieths,
    projectedPosition: projected,
    projectedTwentieths: (qty) => a.twentieths - Math.abs(pos) * spec.txEquivTwentieths + Math.abs(projected(qty)) * spec.txEquivTwentieths,
    orderMarginCents: (qty) => Math.max(0, Math.abs(projected(qty)) - Math.abs(projected(0))) * margin,
  };
}
