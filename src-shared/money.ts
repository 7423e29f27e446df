/**
 * NT$ amounts are held as integer cents (1/100 NT$): every published fee (7.5, 4.8, 3.2) is exact,
 * sums never touch floating point, and Number stays exact up to 9e13 NT$.
 * In events and reports an amount is a decimal string with two places, e.g. "-1234.50".
 */
export type Cents = number;

export function assertCents(value: number, what = 'amount'): Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a whole number of NT$ cents, got ${value}`);
  return value;
}

/** "7.5" -> 750; refuses anything that is not an exact decimal with at most two places. */
export function parseNtd(text: string): Cents {
  const m = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new RangeError(`"${text}" is not an NT$ amount with at most two decimals`);
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

/** 750 -> "7.50" (the form used in events: exact, sortable, locale-free). */
export function centsToDecimal(cents: Cents): string {
  assertCents(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 123456750 -> "NT$1,234,567.50" for people. */
export function formatNtd(cents: Cents, locale = 'en-US'): string {
  assertCents(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: true }).format(Math.trunc(abs / 100));
  return `${sign}NT$${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** Integer division of a non-negative numerator rounded half-up: the tax rule's rounding. */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError('divRoundHalfUp takes safe integers and a positive denominator');
  }
  const sign = numerator < 0 ? -1 : 1;
  const abs = Math.abs(numerator);
  return sign * Math.floor((abs * 2 + denominator) / (denominator * 2));
}
