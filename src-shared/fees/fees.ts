import { INSTRUMENTS, TAX_RATE, type DatedCharges, type Root } from '../instruments/instruments';
import { divRoundHalfUp, type Cents } from '../money';

/**
 * How the futures transaction tax is rounded. TAIFEX brokers round per contract (the default);
 * `per_fill_half_up` rounds once over the whole fill and exists so reports can state the difference.
 */
export const TAX_ROUNDINGS = ['per_contract_half_up', 'per_fill_half_up'] as const;
export type TaxRounding = (typeof TAX_ROUNDINGS)[number];

export interface FillCharges {
  exchangeFeeCents: Cents;
  clearingFeeCents: Cents;
  commissionCents: Cents;
  /** exchange + clearing + commission. */
  feesCents: Cents;
  taxCents: Cents;
  taxRounding: TaxRounding;
  /** The `effective` date of the dated charges entry that applied. */
  chargesEffective: string;
}

/** The entry in force on `tradingDay`: the latest one whose effective date is on or before it. */
export function chargesOn(entries: readonly DatedCharges[], tradingDay: string): DatedCharges {
  let best: DatedCharges | undefined;
  for (const e of entries) {
    if (e.effective <= tradingDay && (best === undefined || e.effective > best.effective)) best = e;
  }
  if (best === undefined) throw new RangeError(`no charges configured effective on or before ${tradingDay}`);
  return best;
}

/** Tax on `quantity` contracts at `price`, in cents, rounded to whole NT$ half-up as configured. */
export function transactionTaxCents(root: Root, price: number, quantity: number, rounding: TaxRounding): Cents {
  const valueNtd = price * INSTRUMENTS[root].multiplier;
  // value * 2 / 100_000 NT$, rounded to NT$1: divide value*2 by 100_000 half-up, then to cents.
  if (rounding === 'per_contract_half_up') {
    return divRoundHalfUp(valueNtd * TAX_RATE.numerator, TAX_RATE.denominator) * quantity * 100;
  }
  return divRoundHalfUp(valueNtd * quantity * TAX_RATE.numerator, TAX_RATE.denominator) * 100;
}

/** Everything one side of one fill costs, in exact integer cents. */
export function fillCharges(
  root: Root,
  price: number,
  quantity: number,
  entries: readonly DatedCharges[],
  tradingDay: string,
  rounding: TaxRounding,
): FillCharges {
  if (!Number.isSafeInteger(price) || !Number.isSafeInteger(quantity) || quantity <= 0) {
    throw new RangeError(`fill charges need an integer price and a positive integer quantity, got ${price} x ${quantity}`);
  }
  const c = chargesOn(entries, tradingDay);
  const exchangeFeeCents = c.exchangeFee * quantity;
  const clearingFeeCents = c.clearingFee * quantity;
  const commissionCents = c.commission * quantity;
  return {
    exchangeFeeCents,
    clearingFeeCents,
    commissionCents,
    feesCents: exchangeFeeCents + clearingFeeCents + commissionCents,
    taxCents: transactionTaxCents(root, price, quantity, rounding),
    taxRounding: rounding,
    chargesEffective: c.effective,
  };
}
