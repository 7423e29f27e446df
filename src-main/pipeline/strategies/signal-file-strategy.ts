import type { ContractRef, MarketEvent } from '../../../src-shared/market/quote';
import type { StrategySignal } from '../../../src-shared/strategy/signal';
import { SignalFileError, type FileSignal } from './signal-file';
import type { Strategy } from './strategy';

/**
 * Replays signals from outside research at their times: each row fires at the first market event
 * whose time is at or after the row's `ts`. No outside code runs; only the rows enter.
 */
export class SignalFileStrategy implements Strategy {
  private next = 0;
  private readonly lastSeen = new Map<ContractRef, number>();

  constructor(
    readonly id: string,
    private readonly rows: readonly FileSignal[],
    file: string,
    contracts: ReadonlySet<ContractRef>,
  ) {
    for (const row of rows) {
      if (!contracts.has(row.contract))
        throw new SignalFileError(file, row.line, `contract "${row.contract}" is not in the run spec's contracts`);
    }
  }

  onMarket(event: MarketEvent, nowMs: number): StrategySignal[] {
    const seen = event.kind === 'quote' ? event.quote : event.trade;
    this.lastSeen.set(seen.contract, seen.receiveTs);
    const out: StrategySignal[] = [];
    while (this.next < this.rows.length) {
      const row = this.rows[this.next];
      if (!row || row.tsMs > nowMs) break;
      this.next++;
      out.push({
        signalId: row.signalId,
        strategyId: this.id,
        contract: row.contract,
        direction: row.direction,
        quantity: row.quantity,
        strength: row.strength,
        reason: row.reason,
        ...(row.orderType !== undefined ? { orderType: row.orderType } : {}),
        ...(row.limitPrice !== undefined ? { limitPrice: row.limitPrice } : {}),
        ...(row.timeInForce !== undefined ? { timeInForce: row.timeInForce } : {}),
        ...(row.reduceOnly !== undefined ? { reduceOnly: row.reduceOnly } : {}),
        seenQuoteTs: this.lastSeen.get(row.contract) ?? nowMs,
        ts: nowMs,
      });
    }
    return out;
  }
}
