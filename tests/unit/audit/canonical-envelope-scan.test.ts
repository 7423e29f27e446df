import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENESIS_PREV_HASH } from '../../../src-shared/audit/audit-envelope';
import { fullProfileCheck, scanCanonicalEnvelope } from '../../../src-main/services/verification/canonical-envelope-scan';

const HASH = 'ab'.repeat(32);

const base = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  v: 1,
  log: 'session/s1',
  seq: 3,
  ts: '2026-12-16T01:45:00.000Z',
  type: 'market.quote',
  session_id: 's1',
  actor: 'system',
  payload: { ask: 23001, bid: 23000, contract: 'TX 202612', price: '23000.5' },
  prev_hash: HASH,
  ...over,
});

/** The fast path may only accept what the full check accepts, and must read the same fields. */
function agrees(text: string): void {
  const fast = scanCanonicalEnvelope(text);
  if (fast === null) return;
  const full = fullProfileCheck(text);
  expect(typeof full).toBe('object');
  if (typeof full === 'string') return;
  expect(fast).toEqual({ log: full.log, seq: full.seq, session_id: full.session_id, prev_hash: full.prev_hash });
}

// Characters that stress the scanner: structure, escapes, number forms, controls, surrogates, non-ASCII.
const NASTY = ['"', '\\', '{', '}', '[', ']', ',', ':', ' ', '0', '1', '9', '-', '.', 'e', 'E', '+', 'a', 'n', 't', 'f', 'u'];
const NASTY_MORE = ['\n', '\u0000', '\u001f', '\u007f', '\u00e9', '\u2028', '\ud800', '\udc00', '\ud83d\ude00', '_', 'Z', '/'];
const nastyChar = fc.constantFrom(...NASTY, ...NASTY_MORE);
const nastyString = fc.array(fc.oneof(nastyChar, fc.string({ maxLength: 3 })), { maxLength: 6 }).map((a) => a.join(''));

const jsonish: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.constantFrom(0, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, -(2 ** 53), 1.5, 1e21, -0),
    nastyString,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(nastyString, fc.constantFrom('1', '10', '2', '__proto__', 'a', 'b', '')), tie('v'), { maxKeys: 4 }),
  ),
})).v;

const envelopeish = fc.record({
  v: fc.oneof(fc.constant(1), jsonish),
  log: fc.oneof(fc.constantFrom('session/s1', 'registry', ''), nastyString),
  seq: fc.oneof(fc.nat(), fc.constantFrom(0, -1, 2 ** 53, 1.5), jsonish),
  ts: fc.oneof(
    fc.constantFrom('2026-12-16T01:45:00.000Z', '2026-02-29T00:00:00.000Z', '2024-02-29T23:59:59.999Z', '2026-13-01T00:00:00.000Z'),
    nastyString,
  ),
  type: fc.oneof(fc.constantFrom('market.quote', 'a', 'A.b', 'x..y', 'order.fill_1'), nastyString),
  session_id: fc.oneof(fc.constant(null), fc.constant('s1'), nastyString, jsonish),
  actor: fc.oneof(fc.constantFrom('system', ''), nastyString),
  payload: fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), jsonish, { maxKeys: 5 }), jsonish),
  prev_hash: fc.oneof(fc.constantFrom(HASH, GENESIS_PREV_HASH, 'AB'.repeat(32), 'ab'.repeat(31)), nastyString),
});

/** canonicalize refuses lone surrogates by throwing; such values simply give no canonical text. */
function canon(value: unknown): string | undefined {
  try {
    return canonicalize(value);
  } catch {
    return undefined;
  }
}

/** The texts a stored row could hold: canonical, insertion-ordered, or with an envelope key dropped or added. */
function textsOf(env: Record<string, unknown>): string[] {
  const out: string[] = [];
  const c = canon(env);
  if (c !== undefined) out.push(c);
  try {
    out.push(JSON.stringify(env));
  } catch {
    // BigInt-free values always stringify; nothing to add otherwise.
  }
  return out;
}

describe('one-pass envelope scan', () => {
  it('accepts ordinary canonical envelopes and reads their fields', () => {
    const text = canonicalize(base())!;
    expect(scanCanonicalEnvelope(text)).toEqual({ log: 'session/s1', seq: 3, session_id: 's1', prev_hash: HASH });
    const registry = canonicalize(base({ log: 'registry', session_id: null, seq: 0, prev_hash: GENESIS_PREV_HASH, payload: {} }))!;
    expect(scanCanonicalEnvelope(registry)).toEqual({ log: 'registry', seq: 0, session_id: null, prev_hash: GENESIS_PREV_HASH });
    const nested = canonicalize(base({ payload: { a: [1, -2, { b: '0.25', c: null, d: true }], e: 2 ** 53 - 1, f: [] } }))!;
    expect(scanCanonicalEnvelope(nested)).not.toBeNull();
  });

  it.each([
    ['a non-canonical number form', (t: string) => t.replace('"seq":3', '"seq":3.0')],
    ['whitespace', (t: string) => t.replace('"seq":3', '"seq": 3')],
    ['unsorted payload keys', (t: string) => t.replace('{"ask":23001,"bid":23000', '{"bid":23000,"ask":23001')],
    ['a duplicate key', (t: string) => t.replace('"ask":23001,', '"ask":23001,"ask":23001,')],
    ['a float', (t: string) => t.replace('23001', '23001.5')],
    ['negative zero', (t: string) => t.replace('23001', '-0')],
    ['2^53', (t: string) => t.replace('23001', String(2 ** 53))],
    ['an escape', (t: string) => t.replace('TX 202612', 'TX\\u0020202612')],
    ['upper-case hash', (t: string) => t.replace(HASH, HASH.toUpperCase())],
    ['a bad date', (t: string) => t.replace('2026-12-16', '2026-02-30')],
    ['a missing key', (t: string) => t.replace('"actor":"system",', '')],
    ['an extra key', (t: string) => t.replace('"v":1}', '"v":1,"w":1}')],
    ['trailing text', (t: string) => `${t} `],
    ['v 2', (t: string) => t.replace('"v":1', '"v":2')],
  ])('leaves %s to the full check', (_name, mutate) => {
    const text = mutate(canonicalize(base())!);
    expect(text).not.toBe(canonicalize(base()));
    expect(scanCanonicalEnvelope(text)).toBeNull();
  });

  it('never accepts what the full check rejects, on random envelopes', () => {
    fc.assert(
      fc.property(envelopeish, (env) => {
        for (const text of textsOf(env)) agrees(text);
      }),
      { numRuns: 3000, seed: 4711 },
    );
  });

  it('never accepts what the full check rejects, on mutated canonical texts', () => {
    const valid = fc.record({
      seq: fc.nat(),
      payload: fc.dictionary(fc.string({ maxLength: 4 }), jsonish, { maxKeys: 5 }),
      session_id: fc.constantFrom(null, 's1'),
    });
    const edit = fc.tuple(fc.constantFrom('replace', 'insert', 'delete'), fc.nat(), fc.oneof(nastyChar, fc.string({ maxLength: 2 })));
    fc.assert(
      fc.property(valid, fc.array(edit, { minLength: 1, maxLength: 3 }), (over, edits) => {
        const first = canon(base({ ...over, prev_hash: over.seq === 0 ? GENESIS_PREV_HASH : HASH }));
        if (first === undefined) return;
        let text: string = first;
        agrees(text);
        for (const [kind, at, ch] of edits) {
          const i = at % (text.length + 1);
          if (kind === 'replace') text = text.slice(0, i) + ch + text.slice(i + 1);
          else if (kind === 'insert') text = text.slice(0, i) + ch + text.slice(i);
          else text = text.slice(0, i) + text.slice(i + 1);
          agrees(text);
        }
      }),
      { numRuns: 3000, seed: 1213 },
    );
  });

  it('accepts most valid canonical envelopes (the fast path is the one the verifier takes)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), fc.stringMatching(/^[a-zA-Z0-9 .]{0,12}$/), (seq, n, s) => {
        const text = canonicalize(base({ seq, prev_hash: seq === 0 ? GENESIS_PREV_HASH : HASH, payload: { n, s, z: [n, s] } }))!;
        if (scanCanonicalEnvelope(text) !== null) accepted++;
      }),
      { numRuns: 300, seed: 99 },
    );
    expect(accepted).toBe(300);
  });
});

describe('field checks keep their earlier behaviour', () => {
  // The regex forms these replaced, kept as the reference.
  const refIsHash = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
  const refTs = (ts: string): boolean => {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}Z$/.exec(ts);
    if (!m) return false;
    const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as number[] as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
    return day <= days;
  };
  const digit = fc.constantFrom(...'0123456789');
  const d = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((a) => a.join(''));
  const tsLike = fc.oneof(
    fc.tuple(d(4), d(2), d(2), d(2), d(2), d(2), d(3)).map(([y, mo, da, h, mi, s, ms]) => `${y}-${mo}-${da}T${h}:${mi}:${s}.${ms}Z`),
    fc
      .tuple(fc.integer({ min: 1900, max: 2400 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, mo, da]) => `${y}-${String(mo).padStart(2, '0')}-${String(da).padStart(2, '0')}T23:59:59.999Z`),
    nastyString,
  );

  it('isRfc3339UtcMillis', async () => {
    const { isRfc3339UtcMillis } = await import('../../../src-shared/audit/canonical-profile');
    let valid = 0;
    fc.assert(
      fc.property(tsLike, (ts) => {
        const want = refTs(ts);
        if (want) valid++;
        expect(isRfc3339UtcMillis(ts)).toBe(want);
      }),
      { numRuns: 5000, seed: 7 },
    );
    expect(valid).toBeGreaterThan(100);
  });

  it('isHash', async () => {
    const { isHash } = await import('../../../src-shared/audit/canonical-profile');
    const hexish = fc.array(fc.constantFrom(...'0123456789abcdefABCDEFg '), { minLength: 62, maxLength: 66 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(hexish, fc.constant(HASH), nastyString, jsonish), (v) => {
        expect(isHash(v)).toBe(refIsHash(v));
      }),
      { numRuns: 3000, seed: 8 },
    );
  });
});
