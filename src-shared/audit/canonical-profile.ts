import type { JsonValue } from '../json';
import { ENVELOPE_KEYS, GENESIS_PREV_HASH } from './audit-envelope';

/** One reason a value falls outside the strict profile; `path` is a JSON-pointer-like location. */
export interface ProfileViolation {
  path: string;
  reason: string;
}

const MAX_SAFE = 2 ** 53;
const RFC3339_UTC_MS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}Z$/;
const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;
const ENVELOPE_KEY_SET: ReadonlySet<string> = new Set(ENVELOPE_KEYS);
// Printable ASCII only: keys are compared byte-wise by every verifier, so no Unicode normalisation questions.
// In u-mode a surrogate class matches only unpaired halves.
export const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const ASCII_KEY = /^[\x20-\x7e]+$/;
/**
 * Deepest nesting of objects and arrays an event may have (the envelope is level 1, its payload 2).
 * Real events stay below 8; the cap keeps every verifier's walk bounded, so a hostile line is a finding.
 */
export const MAX_NESTING = 32;

/**
 * The strict profile on top of RFC 8785: integers only (|n| < 2^53), no -0, no NaN or infinities,
 * decimals travel as strings, keys are printable ASCII, no undefined anywhere, no lone surrogates.
 * Returns the first violation, or null when the value fits.
 */
export function profileViolation(value: unknown, path = '', depth = 1): ProfileViolation | null {
  if (value === null || typeof value === 'boolean') return null;
  if (typeof value === 'object' && depth > MAX_NESTING) return { path, reason: `nested deeper than ${MAX_NESTING} levels` };
  if (typeof value === 'string') return !LONE_SURROGATE.test(value) ? null : { path, reason: 'lone surrogate in string' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { path, reason: 'non-finite number' };
    if (!Number.isInteger(value)) return { path, reason: 'non-integer number (decimals must be strings)' };
    if (Object.is(value, -0)) return { path, reason: 'negative zero' };
    if (Math.abs(value) >= MAX_SAFE) return { path, reason: 'integer not below 2^53' };
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return { path: `${path}/${i}`, reason: 'hole in array' };
      const v = profileViolation(value[i], `${path}/${i}`, depth + 1);
      if (v) return v;
    }
    return null;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return { path, reason: 'not a plain object' };
    for (const k of Object.keys(value)) {
      if (!ASCII_KEY.test(k)) return { path: `${path}/${k}`, reason: 'non-ASCII or empty key' };
      const v = (value as Record<string, unknown>)[k];
      // Scalars are checked inline so the common case builds no path strings.
      if (typeof v === 'string' || typeof v === 'boolean' || v === null) {
        if (typeof v === 'string' && LONE_SURROGATE.test(v)) return { path: `${path}/${k}`, reason: 'lone surrogate in string' };
        continue;
      }
      const inner = profileViolation(v, `${path}/${k}`, depth + 1);
      if (inner) return inner;
    }
    return null;
  }
  return { path, reason: `${typeof value} is not JSON` };
}

export function isRfc3339UtcMillis(ts: string): boolean {
  if (!RFC3339_UTC_MS.test(ts)) return false;
  // Checked field by field: Date.parse would roll 2026-02-30 over to March, and this runs once per verified event.
  // The pattern pinned every field to ASCII digits at fixed offsets, so they are read in place.
  const year = digits(ts, 0, 4);
  const month = digits(ts, 5, 2);
  const day = digits(ts, 8, 2);
  const hour = digits(ts, 11, 2);
  const minute = digits(ts, 14, 2);
  const second = digits(ts, 17, 2);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) n = n * 10 + (s.charCodeAt(i) - 0x30);
  return n;
}

export function isHash(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/** The envelope shape itself: every key present, no extra keys, each field of its type. */
export function envelopeViolation(value: unknown): ProfileViolation | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { path: '', reason: 'envelope is not an object' };
  const env = value as Record<string, JsonValue>;
  const keys = Object.keys(env);
  if (keys.length !== ENVELOPE_KEYS.length || !keys.every((k) => ENVELOPE_KEY_SET.has(k))) {
    for (const k of keys) if (!ENVELOPE_KEY_SET.has(k)) return { path: `/${k}`, reason: 'unknown envelope key' };
    for (const k of ENVELOPE_KEYS) if (!(k in env)) return { path: `/${k}`, reason: 'missing envelope key' };
  }
  return envelopeFieldViolation(env) ?? profileViolation(value);
}

/**
 * The per-field envelope rules alone, for an object already known to hold exactly the envelope keys
 * and values inside the strict profile (envelopeViolation runs those checks around this).
 */
export function envelopeFieldViolation(env: Readonly<Record<string, JsonValue>>): ProfileViolation | null {
  if (env.v !== 1) return { path: '/v', reason: 'unsupported envelope version' };
  if (typeof env.log !== 'string' || env.log === '') return { path: '/log', reason: 'log must be a non-empty string' };
  if (typeof env.seq !== 'number' || !Number.isSafeInteger(env.seq) || env.seq < 0)
    return { path: '/seq', reason: 'seq must be a non-negative integer' };
  if (typeof env.ts !== 'string' || !isRfc3339UtcMillis(env.ts))
    return { path: '/ts', reason: 'ts must be RFC 3339 UTC with milliseconds' };
  if (typeof env.type !== 'string' || !EVENT_TYPE.test(env.type)) return { path: '/type', reason: 'type must be a dotted lower-case name' };
  if (env.session_id !== null && typeof env.session_id !== 'string')
    return { path: '/session_id', reason: 'session_id must be a string or null' };
  if (typeof env.actor !== 'string' || env.actor === '') return { path: '/actor', reason: 'actor must be a non-empty string' };
  const payload = env.payload;
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
    return { path: '/payload', reason: 'payload must be an object' };
  if (!isHash(env.prev_hash)) return { path: '/prev_hash', reason: 'prev_hash must be 64 lower-case hex digits' };
  if (env.seq === 0 && env.prev_hash !== GENESIS_PREV_HASH)
    return { path: '/prev_hash', reason: 'the first event must carry the genesis prev_hash' };
  return null;
}

/**
 * True when every object's keys appear in RFC 8785 order (UTF-16 code units). Together with
 * `JSON.stringify(parsed) === text` this proves a strict-profile text canonical without re-serialising it.
 */
export function keysInCanonicalOrder(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(keysInCanonicalOrder);
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i++) if (!(keys[i - 1]! < keys[i]!)) return false;
  for (const k of keys) if (!keysInCanonicalOrder((value as Record<string, unknown>)[k])) return false;
  return true;
}

/** True when objects and arrays nest deeper than `max` (the value itself is level 1). Iterative: any depth is safe to ask about. */
export function exceedsNesting(value: unknown, max = MAX_NESTING): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v))
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}
