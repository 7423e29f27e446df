import type { ContractRef, MarketEvent } from '../../../src-shared/market/quote';
import type { StrategySignal } from '../../../src-shared/strategy/signal';

/**
 * The one thing a strategy may read besides market data: its own signed net position per contract.
 * It gets no orders, no risk state, no OMS or broker handle (`signals_only`).
 */
export interface OwnPositions {
  net(contract: ContractRef): number;
}

/** A strategy sees market events and its own state and says what it wants as signals, nothing else. */
export interface Strategy {
  readonly id: string;
  onMarket(event: MarketEvent, nowMs: number, own: OwnPositions): StrategySignal[];
}
