import { describe, expect, it } from 'vitest';
import { envelopeViolation, isRfc3339UtcMillis, profileViolation } from '../../../src-shared/audit/canonical-profile';
import { GENESIS_PREV_HASH, parseLogId } from '../../../src-shared/audit/audit-envelope';

const env = (over: Record<string, unknown> = {}) => ({
  v: 1,
  log: 'session/s1',
  seq: 0,
  ts: '2026-12-16T01:45:00.000Z',
  type: 'market.quote',
  session_id: 's1',
  actor: 'system',
  payload: { bid: 23000, price: '23000.5' },
  prev_hash: GENESIS_PREV_HASH,
  ...over,
});

describe('strict canonical profile', () => {
  it('accepts integers, decimal strings, nested arrays and objects', () => {
    expect(profileViolation({ a: [1, -2, { b: '0.25', c: null, d: true }], e: 2 ** 53 - 1 })).toBeNull();
  });

  it.each([
    [{ x: 1.5 }, '/x', 'non-integer'],
    [{ x: Number.NaN }, '/x', 'non-finite'],
    [{ x: Number.POSITIVE_INFINITY }, '/x', 'non-finite'],
    [{ x: -0 }, '/x', 'negative zero'],
    [{ x: 2 ** 53 }, '/x', 'below 2^53'],
    [{ x: -(2 ** 53) }, '/x', 'below 2^53'],
    [{ x: undefined }, '/x', 'undefined'],
    [{ 'caf\u00e9': 1 }, '/caf\u00e9', 'non-ASCII'],
    [{ '': 1 }, '/', 'empty key'],
    [{ x: 'a\ud800b' }, '/x', 'lone surrogate'],
    [{ x: [1, [2, 0.1]] }, '/x/1/1', 'non-integer'],
    [{ x: new Date(0) }, '/x', 'not a plain object'],
    [{ x: 10n }, '/x', 'bigint'],
  ])('rejects %o at %s', (value, path, reason) => {
    const v = profileViolation(value);
    expect(v?.path).toBe(path);
    expect(v?.reason).toContain(reason);
  });

  it('checks RFC 3339 UTC timestamps with milliseconds, rejecting impossible dates', () => {
    expect(isRfc3339UtcMillis('2026-12-16T01:45:00.000Z')).toBe(true);
    expect(isRfc3339UtcMillis('2026-12-16T01:45:00Z')).toBe(false);
    expect(isRfc3339UtcMillis('2026-12-16T09:45:00.000+08:00')).toBe(false);
    expect(isRfc3339UtcMillis('2026-02-30T00:00:00.000Z')).toBe(false);
  });

  it('checks the envelope shape', () => {
    expect(envelopeViolation(env())).toBeNull();
    expect(envelopeViolation(env({ extra: 1 }))?.reason).toBe('unknown envelope key');
    expect(envelopeViolation({ ...env(), actor: undefined })?.path).toBe('/actor');
    expect(envelopeViolation(env({ seq: 1.5 }))?.path).toBe('/seq');
    expect(envelopeViolation(env({ seq: 0, prev_hash: 'a'.repeat(64) }))?.reason).toContain('genesis');
    expect(envelopeViolation(env({ seq: 3, prev_hash: 'A'.repeat(64) }))?.path).toBe('/prev_hash');
    expect(envelopeViolation(env({ type: 'Market Quote' }))?.path).toBe('/type');
    expect(envelopeViolation(env({ payload: { p: 0.5 } }))?.path).toBe('/payload/p');
  });

  it('parses log ids', () => {
    expect(parseLogId('registry')).toEqual({ kind: 'registry', sessionId: null });
    expect(parseLogId('session/abc-1')).toEqual({ kind: 'session', sessionId: 'abc-1' });
    expect(parseLogId('session/')).toBeNull();
    expect(parseLogId('session/a/b')).toBeNull();
    expect(parseLogId('other')).toBeNull();
  });
});
