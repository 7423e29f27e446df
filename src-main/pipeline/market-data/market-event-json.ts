import canonicalize from 'canonicalize';
import type { MarketEvent } from '../../../src-shared/market/quote';

/**
 * RFC 8785 JSON of one market event, byte for byte what `canonicalize` returns, without its generic
 * machinery (cycle set, per-object key sort, frame stack). The member order of quotes, trades and depth
 * levels is known, so it is sorted once here. Anything outside that plain shape (an extra key, a nested
 * object where a primitive belongs, a non-finite number, a lone surrogate) is handed to
 * `canonicalize` itself, so the answer is always canonicalize's: the fast path only skips work.
 */
export function marketEventJson(event: MarketEvent): string {
  const fast = fastEventJson(event);
  if (fast !== null) return fast;
  const slow = canonicalize(event);
  if (slow === undefined) throw new Error('Market event cannot be canonicalized');
  return slow;
}

// Sorted by UTF-16 code unit, as RFC 8785 requires (Array.prototype.sort's default order).
const QUOTE_KEYS = [
  'contract',
  'bid',
  'bidSize',
  'ask',
  'askSize',
  'last',
  'lastSize',
  'exchangeTs',
  'receiveTs',
  'session',
  'bids',
  'asks',
  'regime',
  'tradingDay',
  'book',
].sort();
const TRADE_KEYS = ['contract', 'price', 'size', 'exchangeTs', 'receiveTs', 'session', 'auction', 'tradingDay'].sort();
const QUOTE_PREFIXES = QUOTE_KEYS.map((k) => `${JSON.stringify(k)}:`);
const TRADE_PREFIXES = TRADE_KEYS.map((k) => `${JSON.stringify(k)}:`);
const DEPTH_KEYS = new Set(['asks', 'bids']);

type Loose = Record<string, unknown>;

function fastEventJson(event: MarketEvent): string | null {
  const e = event as unknown as Loose;
  if (ownKeyCount(e) !== 2) return null;
  if (e.kind === 'quote') {
    const body = objectJson(e.quote, QUOTE_KEYS, QUOTE_PREFIXES);
    return body === null ? null : `{"kind":"quote","quote":${body}}`;
  }
  if (e.kind === 'trade') {
    const body = objectJson(e.trade, TRADE_KEYS, TRADE_PREFIXES);
    return body === null ? null : `{"kind":"trade","trade":${body}}`;
  }
  return null;
}

/** Keys a for-in walk sees; a plain data object has no inherited enumerable keys, so these are its own. */
function ownKeyCount(o: Loose): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}

function isPlainObject(v: unknown): v is Loose {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as Loose).toJSON !== 'function';
}

/** An object whose keys are all among `keys` (already sorted); primitives and depth ladders only. */
function objectJson(v: unknown, keys: readonly string[], prefixes: readonly string[]): string | null {
  if (!isPlainObject(v)) return null;
  let out = '{';
  let seen = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const value = v[key];
    if (value === undefined) {
      // An own key holding undefined is dropped, as JSON does; it still counts against the key total.
      if (key in v) seen++;
      continue;
    }
    seen++;
    const json = DEPTH_KEYS.has(key) && Array.isArray(value) ? ladderJson(value) : primitiveJson(value);
    if (json === null) return null;
    out += out.length === 1 ? (prefixes[i] as string) + json : `,${prefixes[i] as string}${json}`;
  }
  if (seen !== ownKeyCount(v)) return null;
  return `${out}}`;
}

function ladderJson(levels: readonly unknown[]): string | null {
  let out = '[';
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i];
    if (!isPlainObject(level) || ownKeyCount(level) !== 2) return null;
    const price = primitiveJson(level.price);
    const size = primitiveJson(level.size);
    if (price === null || size === null) return null;
    out += `${i === 0 ? '' : ','}{"price":${price},"size":${size}}`;
  }
  return `${out}]`;
}

/** A JSON primitive in RFC 8785 form, or null when canonicalize must decide (it may throw). */
function primitiveJson(v: unknown): string | null {
  switch (typeof v) {
    case 'number':
      // ECMAScript Number-to-String is RFC 8785's number form (integers as plain decimal, -0 as 0).
      return Number.isFinite(v) ? String(v) : null;
    case 'string':
      return plainString(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      return v === null ? 'null' : null;
    default:
      return null;
  }
}

/**
 * RFC 8785 strings are ECMAScript JSON.stringify strings; canonicalize refuses lone surrogates (null
 * sends those to it). The scan skips JSON.stringify for the common text that needs no escaping.
 */
function plainString(s: string): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return s.isWellFormed() ? JSON.stringify(s) : null;
  }
  return `"${s}"`;
}
