import type { ContractRef } from '../market/quote';

/**
 * What a strategy may say, and all it may say (`signals_only`): it never creates orders, reads
 * positions it does not own, or calls risk, OMS or broker. The platform turns signals into intents.
 */
export interface StrategySignal {
  /** Unique within the session; the intent's idempotency key derives from (session, signalId). */
  signalId: string;
  strategyId: string;
  contract: ContractRef;
  /** `target` asks for a net position; `buy`/`sell` ask for a quantity. */
  direction: 'buy' | 'sell' | 'target';
  /** Contracts for buy/sell; the desired signed net position for target. */
  quantity: number;
  /** 0..1000 (per-mille), integer: how strongly the strategy holds it. */
  strength: number;
  reason: string;
  /** Optional order preferences; the intent builder applies platform defaults otherwise. */
  orderType?: 'MARKET' | 'LIMIT';
  limitPrice?: number;
  timeInForce?: 'ROD' | 'IOC' | 'FOK';
  reduceOnly?: boolean;
  /** The quote the strategy saw (its receive time), for the audit trail. */
  seenQuoteTs: number;
  /** Injected-clock time the signal was emitted, epoch ms. */
  ts: number;
}
