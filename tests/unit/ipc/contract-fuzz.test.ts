import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../../src-shared/contract';
import { ERROR_CODES } from '../../../src-shared/envelope';
import { makeApp, TRUSTED_SENDER } from '../../support/app-fixture';

/**
 * Walks the whole contract (calls added later are covered automatically) with random and hostile
 * inputs. Every answer must be an envelope: no throw, no rejection, no hang.
 */
const hostileKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', '__defineGetter__');
const pollutedObject = fc
  .tuple(hostileKeys, fc.anything())
  .map(([k, v]) => JSON.parse(`{${JSON.stringify(k)}: ${JSON.stringify(v ?? null) ?? 'null'}}`) as unknown);
const hugeString = fc.integer({ min: 100_000, max: 1_000_000 }).map((n) => 'x'.repeat(n));
const malformed = fc.oneof(
  fc.anything({
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withTypedArray: true,
    withSparseArray: true,
    withBigInt: true,
    withDate: true,
  }),
  pollutedObject,
  hugeString,
  fc.dictionary(fc.string(), fc.anything()),
  fc.array(fc.anything()),
  fc.constantFrom(undefined, null, NaN, Infinity, -0, '', [], {}, () => 1, Symbol('s')),
);

function isEnvelope(v: unknown): boolean {
  if (!v || typeof v !== 'object' || !('ok' in v)) return false;
  const e = v as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  if (e.ok === true) return 'value' in e;
  return e.ok === false && typeof e.error?.message === 'string' && (ERROR_CODES as readonly string[]).includes(e.error.code);
}

describe('contract fuzz', () => {
  let app: ReturnType<typeof makeApp>;
  beforeAll(() => {
    app = makeApp();
  });
  afterAll(() => app.cleanup());

  it('covers at least the foundation calls', () => {
    expect(CALL_NAMES).toEqual(expect.arrayContaining(['app.info', 'app.health']));
  });

  it('every call answers every random input with an envelope', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CALL_NAMES), malformed, async (name, input) => {
        const res = await Promise.race([
          app.registry.dispatch(name, input, TRUSTED_SENDER),
          new Promise((resolve) => setTimeout(() => resolve('HANG'), 10_000)),
        ]);
        expect(res).not.toBe('HANG');
        expect(isEnvelope(res)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('malformed objects with unknown or hostile keys are refused as invalid input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CALL_NAMES),
        fc.oneof(pollutedObject, fc.record({ ['zz_unknown_field']: fc.anything() })),
        async (name, input) => {
          const res = (await app.registry.dispatch(name, input, TRUSTED_SENDER)) as { ok: boolean; error?: { code: string } };
          if (input && typeof input === 'object' && Object.keys(input).length > 0) {
            expect(res.ok).toBe(false);
            expect(res.error?.code).toBe('INVALID_INPUT');
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('random call names are refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (name) => {
        fc.pre(!(CALL_NAMES as readonly unknown[]).includes(name));
        const res = (await app.registry.dispatch(name, undefined, TRUSTED_SENDER)) as { ok: boolean; error?: { code: string } };
        expect(res.ok).toBe(false);
        expect(res.error?.code).toBe('UNKNOWN_CALL');
      }),
      { numRuns: 200 },
    );
  });
});
