import type { ContractRef } from '../market/quote';

export type Side = 'BUY' | 'SELL';
export type OrderType = 'MARKET' | 'LIMIT';
/** ROD = rest of session (expires at session end), IOC = immediate or cancel, FOK = fill or kill. */
export type TimeInForce = 'ROD' | 'IOC' | 'FOK';

/**
 * A platform-owned request to trade, built from a signal or an operator's manual order.
 * It goes through risk, then OMS, then the paper broker; nothing bypasses that path.
 */
export interface PaperOrderIntent {
  intentId: string;
  /** Derived from (session, signal id) or (session, operator action id): a replay produces the same key. */
  idempotencyKey: string;
  sessionId: string;
  source: { kind: 'strategy'; strategyId: string; signalId: string } | { kind: 'operator'; operator: string; actionId: string };
  contract: ContractRef;
  side: Side;
  quantity: number;
  orderType: OrderType;
  /** Required for LIMIT; for MARKET the price-protection bound is computed by the broker from its config. */
  limitPrice?: number;
  timeInForce: TimeInForce;
  reduceOnly: boolean;
  /** Injected-clock time, epoch ms. */
  createdTs: number;
}
