import canonicalize from 'canonicalize';
import type { AuditEnvelope } from '../../../src-shared/audit/audit-envelope';
import { envelopeFieldViolation, envelopeViolation, keysInCanonicalOrder, MAX_NESTING } from '../../../src-shared/audit/canonical-profile';

/** The envelope fields verification compares, read straight from the stored text. */
export interface ScannedEnvelope {
  log: string;
  seq: number;
  session_id: string | null;
  prev_hash: string;
}

// The envelope keys in RFC 8785 order: a canonical envelope text lists them exactly so.
const SORTED_KEYS = ['actor', 'log', 'payload', 'prev_hash', 'seq', 'session_id', 'ts', 'type', 'v'] as const;
// The envelope is level 1; the scan opens level d only while d <= MAX_NESTING, so it never accepts what the full check refuses.
const MAX_DEPTH = MAX_NESTING;
const MAX_DIGITS = 16;
const MAX_SAFE = 2 ** 53;

/**
 * A one-pass accept-only check of a stored event text: returns the envelope fields when the text is,
 * for certain, strict-profile RFC 8785 canonical JSON of a valid envelope, and null when it cannot
 * tell. Null is not a rejection: the caller then runs the full check (JSON.parse, envelopeViolation,
 * re-serialisation), which decides and words the failure. So this may only accept a subset of what
 * the full check accepts; it bails on anything unusual (escapes, surrogates, deep nesting, "__proto__").
 */
export function scanCanonicalEnvelope(text: string): ScannedEnvelope | null {
  const s = new Scanner(text);
  if (text.charCodeAt(0) !== 0x7b) return null;
  s.pos = 1;
  const spans: number[] = [];
  for (let k = 0; k < SORTED_KEYS.length; k++) {
    if (k > 0 && text.charCodeAt(s.pos++) !== 0x2c) return null;
    const key = SORTED_KEYS[k]!;
    // '"' + key + '":'
    if (text.charCodeAt(s.pos) !== 0x22 || !text.startsWith(key, s.pos + 1)) return null;
    s.pos += key.length + 1;
    if (text.charCodeAt(s.pos) !== 0x22 || text.charCodeAt(s.pos + 1) !== 0x3a) return null;
    s.pos += 2;
    const start = s.pos;
    if (!s.value(1)) return null;
    spans.push(start, s.pos);
  }
  if (text.charCodeAt(s.pos) !== 0x7d || s.pos + 1 !== text.length) return null;

  const actor = stringAt(text, spans, 0);
  const log = stringAt(text, spans, 1);
  const prevHash = stringAt(text, spans, 3);
  const sessionIsNull = text.startsWith('null', spans[10]!) && spans[11] === spans[10]! + 4;
  const sessionId = sessionIsNull ? null : stringAt(text, spans, 5);
  const ts = stringAt(text, spans, 6);
  const type = stringAt(text, spans, 7);
  if (actor === null || log === null || prevHash === null || ts === null || type === null) return null;
  if (sessionId === null && !sessionIsNull) return null;
  // Payload must be an object, v the integer 1, seq an integer (the scan pinned its form).
  if (text.charCodeAt(spans[4]!) !== 0x7b || spans[17] !== spans[16]! + 1 || text.charCodeAt(spans[16]!) !== 0x31) return null;
  const seqStart = spans[8]!;
  const seqChar = text.charCodeAt(seqStart);
  if (!(seqChar === 0x2d || (seqChar >= 0x30 && seqChar <= 0x39))) return null;
  const seq = Number(text.slice(seqStart, spans[9]!));
  // The scan held every value to the strict profile; the envelope's own field rules are the shared ones.
  const lite = { v: 1, log, seq, ts, type, session_id: sessionId, actor, payload: EMPTY_PAYLOAD, prev_hash: prevHash };
  if (envelopeFieldViolation(lite) !== null) return null;
  return { log, seq, session_id: sessionId, prev_hash: prevHash };
}

const EMPTY_PAYLOAD = Object.freeze({});

/** The value of top-level field i when it is a string (the scan let through no escapes), else null. */
function stringAt(text: string, spans: readonly number[], i: number): string | null {
  const a = spans[2 * i]!;
  const b = spans[2 * i + 1]!;
  return text.charCodeAt(a) === 0x22 ? text.slice(a + 1, b - 1) : null;
}

/** text[a0, a1) < text[b0, b1) by UTF-16 code units, the order JS `<` on strings uses. */
function keyBefore(text: string, a0: number, a1: number, b0: number, b1: number): boolean {
  const n = Math.min(a1 - a0, b1 - b0);
  for (let i = 0; i < n; i++) {
    const a = text.charCodeAt(a0 + i);
    const b = text.charCodeAt(b0 + i);
    if (a !== b) return a < b;
  }
  return a1 - a0 < b1 - b0;
}

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  /** Consumes one canonical strict-profile value; false when unsure. */
  value(depth: number): boolean {
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x22) return this.string(false);
    if (c === 0x7b) return depth < MAX_DEPTH && this.object(depth + 1);
    if (c === 0x5b) return depth < MAX_DEPTH && this.array(depth + 1);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.integer();
    return this.literal('true') || this.literal('false') || this.literal('null');
  }

  private literal(word: string): boolean {
    if (!this.text.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return true;
  }

  /** A string with no escapes and no surrogate halves; keys must also be non-empty printable ASCII. */
  private string(key: boolean): boolean {
    const t = this.text;
    let i = this.pos + 1;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 0x22) break;
      // NaN (past the end), control characters, backslash, surrogates: not certain, bail.
      if (!(c >= 0x20) || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
      if (key && c > 0x7e) return false;
      i++;
    }
    if (key && i === this.pos + 1) return false;
    this.pos = i + 1;
    return true;
  }

  /** 0 or -?[1-9][0-9]* below 2^53 in magnitude: exactly the form JSON.stringify gives such an integer. */
  private integer(): boolean {
    const t = this.text;
    let i = this.pos;
    if (t.charCodeAt(i) === 0x2d) i++;
    const first = i;
    const d0 = t.charCodeAt(i);
    if (d0 === 0x30) {
      if (first !== this.pos) return false; // -0
      i++;
    } else {
      if (!(d0 >= 0x31 && d0 <= 0x39)) return false;
      while (i - first < MAX_DIGITS + 1) {
        const d = t.charCodeAt(i);
        if (!(d >= 0x30 && d <= 0x39)) break;
        i++;
      }
      if (i - first > MAX_DIGITS) return false;
      if (Math.abs(Number(t.slice(this.pos, i))) >= MAX_SAFE) return false;
    }
    const next = t.charCodeAt(i);
    // A fraction, exponent or further digit means a form this scan does not judge.
    if (next === 0x2e || next === 0x65 || next === 0x45 || (next >= 0x30 && next <= 0x39)) return false;
    this.pos = i;
    return true;
  }

  private array(depth: number): boolean {
    const t = this.text;
    this.pos++;
    if (t.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return true;
    }
    for (;;) {
      if (!this.value(depth)) return false;
      const c = t.charCodeAt(this.pos++);
      if (c === 0x5d) return true;
      if (c !== 0x2c) return false;
    }
  }

  private object(depth: number): boolean {
    const t = this.text;
    this.pos++;
    if (t.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return true;
    }
    let prevStart = -1;
    let prevEnd = -1;
    for (;;) {
      if (t.charCodeAt(this.pos) !== 0x22) return false;
      const start = this.pos + 1;
      if (!this.string(true)) return false;
      const end = this.pos - 1;
      // Strictly ascending code units: no duplicates, and the order RFC 8785 sorts into.
      if (prevStart >= 0 && !keyBefore(t, prevStart, prevEnd, start, end)) return false;
      if (end - start === 9 && t.startsWith('__proto__', start)) return false;
      prevStart = start;
      prevEnd = end;
      if (t.charCodeAt(this.pos++) !== 0x3a) return false;
      if (!this.value(depth)) return false;
      const c = t.charCodeAt(this.pos++);
      if (c === 0x7d) return true;
      if (c !== 0x2c) return false;
    }
  }
}

/** The envelope parsed and held to the strict profile and RFC 8785 form, or why it is not. */
export function fullProfileCheck(text: string): AuditEnvelope | string {
  let env: AuditEnvelope;
  try {
    env = JSON.parse(text) as AuditEnvelope;
  } catch {
    return 'stored text is not JSON';
  }
  const violation = envelopeViolation(env);
  if (violation) return `${violation.path || '/'}: ${violation.reason}`;
  // Fast path: for the strict profile RFC 8785 is JSON.stringify with sorted keys; integer-like keys,
  // which JS objects reorder, fall back to the full canonicalizer.
  const canonical = (JSON.stringify(env) === text && keysInCanonicalOrder(env)) || canonicalize(env) === text;
  if (!canonical) return 'stored text is not in RFC 8785 canonical form';
  return env;
}
