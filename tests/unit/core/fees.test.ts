import { describe, expect, it } from 'vitest';
import { chargesOn, fillCharges, transactionTaxCents } from '../../../src-shared/fees/fees';
import { DEFAULT_CHARGES, type DatedCharges } from '../../../src-shared/instruments/instruments';

// Tax = 0.002% of price x multiplier, rounded per contract half-up to NT$1. Values computed by hand.
describe('futures transaction tax', () => {
  it.each([
    // TX, NT$200/pt
    ['TX', 23000, 9200], // 4,600,000 x 0.00002 = 92.000
    ['TX', 23012, 9200], // 92.048
    ['TX', 23125, 9300], // 92.5 -> 93 (half-up)
    ['TX', 22875, 9200], // 91.5 -> 92
    ['TX', 23124, 9200], // 92.496
    // MTX, NT$50/pt
    ['MTX', 23000, 2300], // 23.000
    ['MTX', 23025, 2300], // 23.025
    ['MTX', 23750, 2400], // 23.75
    ['MTX', 22500, 2300], // 22.5 -> 23
    // TMF, NT$10/pt
    ['TMF', 23000, 500], // 4.6
    ['TMF', 22500, 500], // 4.5 -> 5
    ['TMF', 22499, 400], // 4.4998
    ['TMF', 20000, 400], // 4.0
  ] as const)('%s at %i costs %i cents per contract', (root, price, cents) => {
    expect(transactionTaxCents(root, price, 1, 'per_contract_half_up')).toBe(cents);
    expect(transactionTaxCents(root, price, 3, 'per_contract_half_up')).toBe(cents * 3);
  });

  it('per-fill rounding differs from per-contract rounding and is selectable', () => {
    // 3 TMF at 22500: per contract 5 x 3 = NT$15; per fill 675,000 x 0.00002 = 13.5 -> NT$14.
    expect(transactionTaxCents('TMF', 22500, 3, 'per_contract_half_up')).toBe(1500);
    expect(transactionTaxCents('TMF', 22500, 3, 'per_fill_half_up')).toBe(1400);
  });
});

describe('fees per side per contract', () => {
  it.each([
    ['TX', 23000, 2, { exchangeFeeCents: 2400, clearingFeeCents: 1600, commissionCents: 0, feesCents: 4000, taxCents: 18400 }],
    ['MTX', 23000, 2, { exchangeFeeCents: 1500, clearingFeeCents: 1000, commissionCents: 0, feesCents: 2500, taxCents: 4600 }],
    ['TMF', 22500, 4, { exchangeFeeCents: 1920, clearingFeeCents: 1280, commissionCents: 0, feesCents: 3200, taxCents: 2000 }],
  ] as const)('%s %i x %i', (root, price, qty, want) => {
    const c = fillCharges(root, price, qty, DEFAULT_CHARGES[root], '2026-12-10', 'per_contract_half_up');
    expect(c).toEqual({ ...want, taxRounding: 'per_contract_half_up', chargesEffective: '2025-11-04' });
  });

  it('picks the dated entry effective on the trading day, including commission', () => {
    const entries: DatedCharges[] = [
      { effective: '2025-01-01', exchangeFee: 1200, clearingFee: 800, commission: 0, initialMargin: 1 },
      { effective: '2026-06-01', exchangeFee: 1200, clearingFee: 800, commission: 5050, initialMargin: 1 },
    ];
    expect(chargesOn(entries, '2026-05-31').effective).toBe('2025-01-01');
    expect(chargesOn(entries, '2026-06-01').effective).toBe('2026-06-01');
    expect(fillCharges('TX', 23000, 2, entries, '2026-06-01', 'per_contract_half_up').feesCents).toBe(2 * (1200 + 800 + 5050));
    expect(() => chargesOn(entries, '2024-12-31')).toThrow(/no charges configured/);
  });

  it('refuses fractional prices and non-positive quantities', () => {
    expect(() => fillCharges('TX', 23000.5, 1, DEFAULT_CHARGES.TX, '2026-12-10', 'per_contract_half_up')).toThrow(RangeError);
    expect(() => fillCharges('TX', 23000, 0, DEFAULT_CHARGES.TX, '2026-12-10', 'per_contract_half_up')).toThrow(RangeError);
  });
});
