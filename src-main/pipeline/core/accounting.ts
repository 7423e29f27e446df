import { isoMillis } from '../../../src-shared/events/pipeline-event';
import { brokerFill, type BrokerFillPayload } from '../../../src-shared/events/broker-fill';
import { portfolioUpdate, type PortfolioUpdatePayload } from '../../../src-shared/events/portfolio-update';
import { chargesOn, fillCharges, type FillCharges } from '../../../src-shared/fees/fees';
import type { Quote } from '../../../src-shared/market/quote';
import { centsToDecimal } from '../../../src-shared/money';
import { bpsDecimal, ratioToDecimal } from '../../../src-shared/portfolio/decimal';
import {
  applyFill,
  applyMark,
  avgPriceDecimal,
  emptyPortfolio,
  equityCents,
  midDecimal,
  positionOf,
  totals,
  unrealizedCents,
  type PortfolioState,
  type PositionState,
} from '../../../src-shared/portfolio/portfolio';
import type { PositionView } from '../trading-core';
import { chargesFor, type TradingCoreConfig } from './config';
import type { OmsOrder } from './oms';

export interface FillFacts {
  fillId: string;
  price: number;
  quantity: number;
  liquidity: 'maker' | 'taker';
  why: string;
  bookTs: number;
}

/**
 * Fill -> charges -> portfolio -> margin and equity. The only owner of the book, of the fill ids seen
 * (so a duplicate is recognised) and of the arrival mids slippage is measured against.
 */
export class Accounting {
  readonly book: PortfolioState;
  private readonly fillIds = new Set<string>();
  private readonly arrivalMids = new Map<string, number>();
  private fillCount = 0;

  constructor(private readonly cfg: TradingCoreConfig) {
    this.book = emptyPortfolio(cfg.startEquityCents);
  }

  get fills(): number {
    return this.fillCount;
  }

  /** The mid (doubled, so it stays an integer) the order met at the venue: its slippage is measured from it. */
  noteArrivalMid(orderId: string, mid2: number): void {
    this.arrivalMids.set(orderId, mid2);
  }

  seen(fillId: string): boolean {
    return this.fillIds.has(fillId);
  }

  /** The `broker.fill` payload and the charges it carries; the fill id is recorded as seen. */
  fill(order: OmsOrder, f: FillFacts, day: string): { payload: BrokerFillPayload; charges: FillCharges } {
    this.fillIds.add(f.fillId);
    this.fillCount += 1;
    const i = order.intent;
    const ch = fillCharges(order.root, f.price, f.quantity, chargesFor(this.cfg, order.root), day, this.cfg.taxRounding);
    const mid2 = this.arrivalMids.get(order.orderId) ?? null;
    const signedNum = mid2 === null ? null : i.side === 'BUY' ? 2 * f.price - mid2 : mid2 - 2 * f.price;
    const payload = brokerFill({
      fill_id: f.fillId,
      order_id: order.orderId,
      contract: i.contract,
      side: i.side,
      price: f.price,
      quantity: f.quantity,
      liquidity: f.liquidity,
      arrival_mid: mid2 === null ? null : ratioToDecimal(mid2, 2),
      slippage_points: signedNum === null ? null : ratioToDecimal(signedNum, 2),
      slippage_bps: signedNum === null || mid2 === null ? null : bpsDecimal(signedNum, mid2),
      exchange_fee_ntd: centsToDecimal(ch.exchangeFeeCents),
      clearing_fee_ntd: centsToDecimal(ch.clearingFeeCents),
      commission_ntd: centsToDecimal(ch.commissionCents),
      fees_ntd: centsToDecimal(ch.feesCents),
      tax_ntd: centsToDecimal(ch.taxCents),
      tax_rounding: ch.taxRounding,
      charges_effective: ch.chargesEffective,
      trading_day: day,
      book_ts: isoMillis(f.bookTs),
      reason: f.why,
      explanation: `${f.liquidity === 'taker' ? 'took' : 'filled resting'} ${f.quantity} at ${f.price} (${i.side} ${i.contract}); ${f.why}`,
    });
    return { payload, charges: ch };
  }

  /** Books a fill into the portfolio (marked at the latest quote) and returns the `portfolio.update` payload. */
  post(order: OmsOrder, f: FillFacts, charges: FillCharges, quote: Quote | undefined, day: string): PortfolioUpdatePayload {
    const i = order.intent;
    const realized = applyFill(this.book, {
      contract: i.contract,
      root: order.root,
      side: i.side,
      price: f.price,
      quantity: f.quantity,
      feesCents: charges.feesCents,
      taxCents: charges.taxCents,
    });
    const p = positionOf(this.book, i.contract, order.root);
    if (quote !== undefined) applyMark(p, quote.bid, quote.ask);
    const t = totals(this.book);
    return portfolioUpdate({
      contract: i.contract,
      fill_id: f.fillId,
      position: p.quantity,
      avg_price: avgPriceDecimal(p),
      realized_delta_ntd: centsToDecimal(realized),
      realized_ntd: centsToDecimal(p.realizedCents),
      unrealized_ntd: centsToDecimal(unrealizedCents(p)),
      mark_bid: p.markBid,
      mark_ask: p.markAsk,
      mark_mid: midDecimal(p),
      fees_ntd: centsToDecimal(p.feesCents),
      tax_ntd: centsToDecimal(p.taxCents),
      equity_ntd: centsToDecimal(t.equityCents),
      margin_in_use_ntd: centsToDecimal(this.marginInUse(day)),
      tx_equiv_twentieths: t.txEquivTwentieths,
    });
  }

  /** Marks a held contract at a new quote; the position, or undefined when none was ever opened. */
  mark(contract: string, bid: number | null, ask: number | null): PositionState | undefined {
    const p = this.book.positions.get(contract);
    if (p !== undefined) applyMark(p, bid, ask);
    return p;
  }

  position(contract: string): number {
    return this.book.positions.get(contract)?.quantity ?? 0;
  }

  equity(): number {
    return equityCents(this.book);
  }

  marginInUse(day: string): number {
    let m = 0;
    for (const p of this.book.positions.values()) {
      if (p.quantity !== 0) m += Math.abs(p.quantity) * chargesOn(chargesFor(this.cfg, p.root), day).initialMargin;
    }
    return m;
  }

  positionsView(): PositionView[] {
    return [...this.book.positions.values()]
      .sort((a, b) => (a.contract < b.contract ? -1 : a.contract > b.contract ? 1 : 0))
      .map((p) => ({
        contract: p.contract,
        quantity: p.quantity,
        avgPrice: avgPriceDecimal(p),
        realizedCents: p.realizedCents,
        unrealizedCents: unrealizedCents(p),
        feesCents: p.feesCents,
        taxCents: p.taxCents,
      }));
  }
}
