import type { ContractRef, MarketEvent } from '../../../src-shared/market/quote';
import type { BreakoutParams } from '../../../src-shared/run-spec/strategy-params';
import type { StrategySignal } from '../../../src-shared/strategy/signal';
import { doubledMid, formatDoubledMid } from './doubled-mid';
import { SlidingExtreme } from './sliding-extreme';
import type { OwnPositions, Strategy } from './strategy';
import { TargetTracker } from './target-tracker';

/**
 * Channel breakout: when the mid clears the high (low) of the previous `channel` quotes by more than
 * `margin_points`, target +quantity (-quantity). It stays in the position until the opposite break.
 */
export class BreakoutStrategy implements Strategy {
  private readonly channels = new Map<ContractRef, { high: SlidingExtreme; low: SlidingExtreme; seen: number }>();
  private readonly targets = new TargetTracker();
  private seq = 0;

  constructor(
    readonly id: string,
    private readonly params: BreakoutParams,
    private readonly contracts: ReadonlySet<ContractRef>,
  ) {}

  onMarket(event: MarketEvent, nowMs: number, own: OwnPositions): StrategySignal[] {
    if (event.kind !== 'quote' || !this.contracts.has(event.quote.contract)) return [];
    const quote = event.quote;
    const mid2 = doubledMid(quote);
    if (mid2 === null) return [];
    let channel = this.channels.get(quote.contract);
    if (!channel) {
      channel = { high: new SlidingExtreme(this.params.channel, 'max'), low: new SlidingExtreme(this.params.channel, 'min'), seen: 0 };
      this.channels.set(quote.contract, channel);
    }
    let want: number | null = null;
    let up = false;
    let hi = mid2;
    let lo = mid2;
    if (channel.seen >= this.params.channel) {
      hi = channel.high.value ?? mid2;
      lo = channel.low.value ?? mid2;
      const margin2 = this.params.margin_points * 2;
      up = mid2 > hi + margin2;
      if (up) want = this.params.quantity;
      else if (mid2 < lo - margin2) want = -this.params.quantity;
    }
    channel.high.push(mid2);
    channel.low.push(mid2);
    channel.seen++;
    if (want === null || !this.targets.shouldEmit(quote.contract, want, own)) return [];
    // The reason text is built only for a signal that is sent: most quotes break nothing.
    const ch = `mid=${formatDoubledMid(mid2)}, channel_high=${formatDoubledMid(hi)}, channel_low=${formatDoubledMid(lo)}, channel=${this.params.channel}`;
    const reason = `${up ? 'BREAKOUT_UP' : 'BREAKOUT_DOWN'}: ${ch}`;
    this.seq++;
    return [
      {
        signalId: `${this.id}-${this.seq}`,
        strategyId: this.id,
        contract: quote.contract,
        direction: 'target',
        quantity: want,
        strength: 1000,
        reason,
        seenQuoteTs: quote.receiveTs,
        ts: nowMs,
      },
    ];
  }
}
