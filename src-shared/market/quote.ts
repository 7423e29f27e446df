/** Market data as the pipeline sees it. Prices are integer index points; sizes are integer contracts. */

export type Regime = 'normal' | 'trending' | 'volatile' | 'illiquid' | 'stale_quote' | 'gap' | 'limit_move' | 'imported';
export type TradingSessionKind = 'regular' | 'after_hours';

export interface DepthLevel {
  price: number;
  size: number;
}

/** A dated contract reference such as `TX 202612` (root + YYYYMM). */
export type ContractRef = string;

export interface Quote {
  contract: ContractRef;
  bid: number | null;
  bidSize: number;
  ask: number | null;
  askSize: number;
  last: number | null;
  lastSize: number;
  /** Exchange timestamp and the time our feed received it, epoch milliseconds UTC. */
  exchangeTs: number;
  receiveTs: number;
  session: TradingSessionKind;
  /** Best first; up to 5 levels per side when the source has or synthesizes them. */
  bids: DepthLevel[];
  asks: DepthLevel[];
  regime: Regime;
  /** Exchange trading day the quote belongs to (after-hours quotes belong to the next trading day). */
  tradingDay?: string;
  /**
   * Present when the source had no book and this one was built from a print under the session's stated
   * book model (src-shared/market/book-model.ts); absent for a source's own quotes.
   */
  book?: 'synthesized';
}

/** A trade print. Aggressor side is unknown for imported TAIFEX ticks. */
export interface TradePrint {
  contract: ContractRef;
  price: number;
  size: number;
  exchangeTs: number;
  receiveTs: number;
  session: TradingSessionKind;
  /** True for opening-auction prints (TAIFEX `開盤集合競價` flag). */
  auction: boolean;
  /** Exchange trading day the print belongs to (after-hours prints belong to the next trading day). */
  tradingDay?: string;
}

export type MarketEvent = { kind: 'quote'; quote: Quote } | { kind: 'trade'; trade: TradePrint };
