import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatContractRef, fromTaifexCode, parseContractRef, toTaifexCode } from '../../../src-shared/instruments/contract-codes';
import { ROOTS } from '../../../src-shared/instruments/instruments';

describe('contract references', () => {
  it('parses and formats root + YYYYMM', () => {
    expect(parseContractRef('TX 202612')).toEqual({ root: 'TX', year: 2026, month: 12 });
    expect(parseContractRef('MTX 202701')).toEqual({ root: 'MTX', year: 2027, month: 1 });
    expect(formatContractRef('TMF', 2027, 3)).toBe('TMF 202703');
  });

  it.each(['TX202612', 'tx 202612', 'XX 202612', 'TX 202613', 'TX 202600', 'TX 1202612', ' TX 202612', 'TX 202612 '])(
    'refuses %j with a clear error',
    (bad) => {
      expect(() => parseContractRef(bad)).toThrow(/Invalid contract reference/);
    },
  );

  it('round-trips every root, year and month', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROOTS), fc.integer({ min: 1998, max: 2999 }), fc.integer({ min: 1, max: 12 }), (root, year, month) => {
        expect(parseContractRef(formatContractRef(root, year, month))).toEqual({ root, year, month });
      }),
    );
  });
});

describe('TAIFEX codes', () => {
  it('encodes month letters A-L and the year digit', () => {
    expect(toTaifexCode('TX 202612')).toBe('TXFL6');
    expect(toTaifexCode('MTX 202601')).toBe('MXFA6');
    expect(toTaifexCode('TMF 202703')).toBe('TMFC7');
    expect(toTaifexCode('TX 203010')).toBe('TXFJ0');
  });

  it('decodes to the first matching year at or after referenceYear - 1', () => {
    expect(fromTaifexCode('TXFL6', 2026)).toBe('TX 202612');
    expect(fromTaifexCode('TXFA7', 2026)).toBe('TX 202701');
    expect(fromTaifexCode('TXFL5', 2026)).toBe('TX 202512');
    expect(fromTaifexCode('TXFA4', 2026)).toBe('TX 203401');
    expect(fromTaifexCode('MXFC0', 2029)).toBe('MTX 203003');
  });

  it.each(['TXFM6', 'TXFL', 'ABCA6', 'txfl6', 'TXFL66'])('refuses %j', (bad) => {
    expect(() => fromTaifexCode(bad, 2026)).toThrow(/Invalid TAIFEX contract code/);
  });

  it('round-trips whenever the reference year is within the decade window', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROOTS),
        fc.integer({ min: 2000, max: 2990 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -1, max: 8 }),
        (root, year, month, ahead) => {
          const ref = formatContractRef(root, year, month);
          expect(fromTaifexCode(toTaifexCode(ref), year - ahead)).toBe(ref);
        },
      ),
    );
  });
});
