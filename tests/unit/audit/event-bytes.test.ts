import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profileViolation } from '../../../src-shared/audit/canonical-profile';
import { profileCanonicalText } from '../../../src-main/store/event-bytes';

const key = fc.oneof(
  fc.string({ minLength: 1, maxLength: 5 }),
  fc.constantFrom('1', '10', '2', '-1', '01', 'a', 'B', '~', ' ', 'é', '\u007f', '__proto__x'),
);
const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(0, -1, 2 ** 53 - 1, -(2 ** 53 - 1), 1e15, 123456789012345),
  fc.string({ maxLength: 6, unit: 'binary' }),
  fc.constantFrom('', '"', '\\', '\n', '\u0000', '\u001f', '\u2028', '\ud83d\ude00', 'é', '</script>'),
);
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(key, tie('v'), { maxKeys: 5 })),
})).v;

describe('profile canonical text', () => {
  it('equals the general RFC 8785 canonicalizer on every strict-profile value', () => {
    let checked = 0;
    fc.assert(
      fc.property(value, (v) => {
        if (profileViolation(v) !== null) return;
        checked++;
        expect(profileCanonicalText(v)).toBe(canonicalize(v));
      }),
      { numRuns: 5000, seed: 31 },
    );
    expect(checked).toBeGreaterThan(2500);
  });

  it('sorts integer-like keys as strings, not as JS orders them', () => {
    expect(profileCanonicalText({ b: 1, 10: 2, 2: 3, a: [true, null, 'x'] })).toBe('{"10":2,"2":3,"a":[true,null,"x"],"b":1}');
  });
});
