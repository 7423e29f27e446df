import type { ContractRef } from '../../../src-shared/market/quote';
import type { OwnPositions } from '../strategies/strategy';
import type { TradingCore, TradingSnapshot } from '../trading-core';

/**
 * The strategy's read-only view of its own net positions. The snapshot is taken only when asked
 * and dropped after every core call that can change it, so quiet steps cost nothing.
 */
export class OwnPositionsView implements OwnPositions {
  private snap: TradingSnapshot | null = null;

  constructor(private readonly core: TradingCore) {}

  net(contract: ContractRef): number {
    this.snap ??= this.core.snapshot();
    for (const p of this.snap.positions) if (p.contract === contract) return p.quantity;
    return 0;
  }

  invalidate(): void {
    this.snap = null;
  }
}
