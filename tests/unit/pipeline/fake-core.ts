import { isoMillis, type PipelineEvent } from '../../../src-shared/events/pipeline-event';
import type { MarketEvent } from '../../../src-shared/market/quote';
import type { PaperOrderIntent } from '../../../src-shared/orders/intent';
import type { TradingCore, TradingSnapshot } from '../../../src-main/pipeline/trading-core';

/**
 * A stand-in for the trading core that follows the TradingCore interface only: it fills every intent
 * in full at once and records every call, so runner tests see exactly what the runner did.
 */
export class RecordingCore implements TradingCore {
  readonly calls: string[] = [];
  readonly positions = new Map<string, number>();
  state: TradingSnapshot['tradingState'] = 'ACTIVE';
  private orders = 0;

  private ev(type: string, now: number, payload: PipelineEvent['payload'] = {}): PipelineEvent {
    return { type, ts: isoMillis(now), actor: 'fake', payload };
  }

  onMarket(event: MarketEvent, now: number): PipelineEvent[] {
    this.calls.push(`market@${now}`);
    return event.kind === 'trade' ? [this.ev('fake.trade', now)] : [];
  }
  onTime(now: number): PipelineEvent[] {
    this.calls.push(`time@${now}`);
    return [this.ev('fake.tick', now)];
  }
  submit(intent: PaperOrderIntent, now: number): PipelineEvent[] {
    this.calls.push(`submit:${intent.side}${intent.quantity}@${now}`);
    if (this.state === 'HALTED') return [this.ev('fake.denied', now, { intent_id: intent.intentId })];
    this.orders++;
    const signed = intent.side === 'BUY' ? intent.quantity : -intent.quantity;
    this.positions.set(intent.contract, (this.positions.get(intent.contract) ?? 0) + signed);
    return [this.ev('fake.fill', now, { intent_id: intent.intentId, quantity: intent.quantity })];
  }
  cancel(): PipelineEvent[] {
    return [];
  }
  halt(operator: string, reason: string, now: number): PipelineEvent[] {
    this.calls.push(`halt:${operator}@${now}`);
    this.state = 'HALTED';
    return [this.ev('fake.halt', now, { reason }), this.ev('fake.cancel', now, { reason: 'KILL_SWITCH_CANCEL: working=0' })];
  }
  resume(operator: string, _reason: string, now: number): PipelineEvent[] {
    this.calls.push(`resume:${operator}@${now}`);
    this.state = 'ACTIVE';
    return [this.ev('fake.resume', now)];
  }
  endSession(now: number): PipelineEvent[] {
    this.calls.push(`end@${now}`);
    return [this.ev('fake.end', now)];
  }
  snapshot(): TradingSnapshot {
    return {
      tradingState: this.state,
      positions: [...this.positions].map(([contract, quantity]) => ({
        contract,
        quantity,
        avgPrice: '0',
        realizedCents: 1000,
        unrealizedCents: -250,
        feesCents: 100,
        taxCents: 50,
      })),
      openOrders: 0,
      equityCents: 0,
      startEquityCents: 0,
      marginInUseCents: 0,
      txEquivTwentieths: 0,
      counts: {
        orders: this.orders,
        fills: this.orders,
        denied: 0,
        rejected: 0,
        canceled: 0,
        expired: 0,
        filled: this.orders,
        partiallyFilled: 0,
      },
      maxDrawdownCents: 0,
      breaches: [],
    };
  }
}
