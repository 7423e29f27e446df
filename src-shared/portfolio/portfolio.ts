import { INSTRUMENTS, type Root } from '../instruments/instruments';
import type { Side } from '../orders/intent';
import { divRoundHalfUp, type Cents } from '../money';
import { ratioToDecimal } from './decimal';

/** What the portfolio needs from a fill: the fold's only input besides marks. */
export interface FillFacts {
  contract: string;
  root: Root;
  side: Side;
  price: number;
  quantity: number;
  feesCents: Cents;
  taxCents: Cents;
}

/** One contract under NETTING. Cost is signed (long positive) and in cents so every split is exact. */
export interface PositionState {
  contract: string;
  root: Root;
  quantity: number;
  costCents: Cents;
  realizedCents: Cents;
  feesCents: Cents;
  taxCents: Cents;
  markBid: number | null;
  markAsk: number | null;
}

export interface PortfolioState {
  startEquityCents: Cents;
  positions: Map<string, PositionState>;
}

export function emptyPortfolio(startEquityCents: Cents): PortfolioState {
  return { startEquityCents, positions: new Map() };
}

export function positionOf(state: PortfolioState, contract: string, root: Root): PositionState {
  let p = state.positions.get(contract);
  if (p === undefined) {
    p = { contract, root, quantity: 0, costCents: 0, realizedCents: 0, feesCents: 0, taxCents: 0, markBid: null, markAsk: null };
    state.positions.set(contract, p);
  }
  return p;
}

/**
 * Apply one fill (mutates the position; returns the PnL it realized). A closing fill realizes the
 * closed share of the cost basis; a flip closes everything and opens the rest at the fill price.
 */
export function applyFill(state: PortfolioState, fill: FillFacts): Cents {
  const p = positionOf(state, fill.contract, fill.root);
  const unit = INSTRUMENTS[fill.root].multiplier * 100;
  const signed = fill.side === 'BUY' ? fill.quantity : -fill.quantity;
  p.feesCents += fill.feesCents;
  p.taxCents += fill.taxCents;
  let realized = 0;
  if (p.quantity === 0 || Math.sign(p.quantity) === Math.sign(signed)) {
    p.quantity += signed;
    p.costCents += signed * fill.price * unit;
    return 0;
  }
  const closed = Math.min(Math.abs(signed), Math.abs(p.quantity));
  const closedSigned = Math.sign(p.quantity) * closed;
  const costShare = closed === Math.abs(p.quantity) ? p.costCents : divRoundHalfUp(p.costCents * closed, Math.abs(p.quantity));
  realized = closedSigned * fill.price * unit - costShare;
  p.realizedCents += realized;
  p.costCents -= costShare;
  p.quantity -= closedSigned;
  const opened = Math.abs(signed) - closed;
  if (opened > 0) {
    p.quantity = Math.sign(signed) * opened;
    p.costCents = p.quantity * fill.price * unit;
  }
  return realized;
}

/** Latest usable marks; a missing side keeps the previous mark. */
export function applyMark(p: PositionState, bid: number | null, ask: number | null): void {
  if (bid !== null) p.markBid = bid;
  if (ask !== null) p.markAsk = ask;
}

/** Longs are marked at the bid, shorts at the ask (what closing would get); no mark yet = 0. */
export function unrealizedCents(p: PositionState): Cents {
  if (p.quantity === 0) return 0;
  const mark = p.quantity > 0 ? p.markBid : p.markAsk;
  if (mark === null) return 0;
  return p.quantity * mark * INSTRUMENTS[p.root].multiplier * 100 - p.costCents;
}

export function avgPriceDecimal(p: PositionState): string {
  if (p.quantity === 0) return '0';
  // Cost carries the position's sign, so the average is always positive.
  return ratioToDecimal(Math.abs(p.costCents), Math.abs(p.quantity) * INSTRUMENTS[p.root].multiplier * 100);
}

export function midDecimal(p: PositionState): string | null {
  if (p.markBid === null || p.markAsk === null) return null;
  return ratioToDecimal(p.markBid + p.markAsk, 2);
}

export interface PortfolioTotals {
  realizedCents: Cents;
  unrealizedCents: Cents;
  feesCents: Cents;
  taxCents: Cents;
  equityCents: Cents;
  txEquivTwentieths: number;
}

/** equity = start + realized + unrealized - fees - tax. */
export function totals(state: PortfolioState): PortfolioTotals {
  let realized = 0;
  let unrealized = 0;
  let fees = 0;
  let tax = 0;
  let twentieths = 0;
  for (const p of state.positions.values()) {
    realized += p.realizedCents;
    unrealized += unrealizedCents(p);
    fees += p.feesCents;
    tax += p.taxCents;
    twentieths += Math.abs(p.quantity) * INSTRUMENTS[p.root].txEquivTwentieths;
  }
  return {
    realizedCents: realized,
    unrealizedCents: unrealized,
    feesCents: fees,
    taxCents: tax,
    equityCents: state.startEquityCents + realized + unrealized - fees - tax,
    txEquivTwentieths: twentieths,
  };
}

/** `totals(state).equityCents` without building the totals record: the core asks on every quote while a position is open. */
export function equityCents(state: PortfolioState): Cents {
  let equity = state.startEquityCents;
  for (const p of state.positions.values()) equity += p.realizedCents + unrealizedCents(p) - p.feesCents - p.taxCents;
  return equity;
}

/** Rebuild from scratch: the portfolio is a fold over fills, so any prefix of the fills gives the state at that point. */
export function foldFills(startEquityCents: Cents, fills: readonly FillFacts[]): PortfolioState {
  const state = emptyPortfolio(startEquityCents);
  for (const f of fills) applyFill(state, f);
  return state;
}
