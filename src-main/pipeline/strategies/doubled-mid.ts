import type { Quote } from '../../../src-shared/market/quote';

/**
 * bid + ask: twice the mid, so a half-point mid stays an integer and channel and deviation
 * arithmetic never touches fractions. Null when either side is empty (no two-sided market).
 */
export function doubledMid(quote: Quote): number | null {
  if (quote.bid === null || quote.ask === null) return null;
  return quote.bid + quote.ask;
}

/** 45001 -> "22500.5": a doubled mid printed as points for reasons people read. */
export function formatDoubledMid(mid2: number): string {
  const whole = Math.trunc(mid2 / 2);
  return mid2 % 2 === 0 ? String(whole) : `${mid2 < 0 && whole === 0 ? '-' : ''}${whole}.5`;
}
