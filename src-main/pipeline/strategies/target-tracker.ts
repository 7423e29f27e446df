import type { ContractRef } from '../../../src-shared/market/quote';
import type { OwnPositions } from './strategy';

/**
 * Remembers the last net position a strategy asked for per contract, so a strategy that keeps
 * wanting the same thing does not emit a new target on every quote while an order is still working.
 */
export class TargetTracker {
  private readonly last = new Map<ContractRef, number>();

  /** True when `want` is news: neither already asked for nor already held. */
  shouldEmit(contract: ContractRef, want: number, own: OwnPositions): boolean {
    if (this.last.get(contract) === want) return false;
    this.last.set(contract, want);
    return own.net(contract) !== want;
  }
}
