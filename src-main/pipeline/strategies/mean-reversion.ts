import type { ContractRef, MarketEvent } from '../../../src-shared/market/quote';
import type { MeanReversionParams } from '../../../src-shared/run-spec/strategy-params';
import type { StrategySignal } from '../../../src-shared/strategy/signal';
import { doubledMid, formatDoubledMid } from './doubled-mid';
import { PriceWindow } from './price-window';
import type { OwnPositions, Strategy } from './strategy';
import { TargetTracker } from './target-tracker';

/**
 * Fades deviations from the moving mid of the previous `window` quotes: at or beyond `entry_points`
 * above it, target -quantity; at or beyond below, +quantity; within `exit_points`, flat.
 * All comparisons are on integers scaled by 2 x window, so no fraction is ever rounded.
 */
export class MeanReversionStrategy implements Strategy {
  private readonly windows = new Map<ContractRef, PriceWindow>();
  private readonly targets = new TargetTracker();
  private seq = 0;

  constructor(
    readonly id: string,
    private readonly params: MeanReversionParams,
    private readonly contracts: ReadonlySet<ContractRef>,
  ) {}

  onMarket(event: MarketEvent, nowMs: number, own: OwnPositions): StrategySignal[] {
    if (event.kind !== 'quote' || !this.contracts.has(event.quote.contract)) return [];
    const quote = event.quote;
    const mid2 = doubledMid(quote);
    if (mid2 === null) return [];
    let window = this.windows.get(quote.contract);
    if (!window) this.windows.set(quote.contract, (window = new PriceWindow(this.params.window)));
    let want: number | null = null;
    let deviation = 0;
    let scale = 1;
    if (window.full) {
      const n = this.params.window;
      // deviation x 2n, in points: (2 x mid) x n - sum of the n doubled mids.
      deviation = mid2 * n - window.sum;
      scale = 2 * n;
      const entry = this.params.entry_points * scale;
      const exit = this.params.exit_points * scale;
      if (deviation >= entry) want = -this.params.quantity;
      else if (deviation <= -entry) want = this.params.quantity;
      else if (Math.abs(deviation) <= exit) want = 0;
    }
    const movingSum = window.sum;
    window.push(mid2);
    if (want === null || !this.targets.shouldEmit(quote.contract, want, own)) return [];
    this.seq++;
    const entry = this.params.entry_points * scale;
    const code = want < 0 ? 'MEAN_REVERSION_SHORT' : want > 0 ? 'MEAN_REVERSION_LONG' : 'MEAN_REVERSION_FLAT';
    return [
      {
        signalId: `${this.id}-${this.seq}`,
        strategyId: this.id,
        contract: quote.contract,
        direction: 'target',
        quantity: want,
        strength: want === 0 ? 0 : Math.min(1000, Math.trunc((Math.abs(deviation) * 500) / entry)),
        reason:
          `${code}: mid=${formatDoubledMid(mid2)}, moving_mid_x${scale}=${movingSum}, deviation_x${scale}=${deviation}, ` +
          `entry_points=${this.params.entry_points}, exit_points=${this.params.exit_points}, window=${this.params.window}`,
        seenQuoteTs: quote.receiveTs,
        ts: nowMs,
      },
    ];
  }
}
