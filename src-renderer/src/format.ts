import { formatNtd, type Cents } from '../../src-shared/money';
import { formatExchangeTime } from '../../src-shared/exchange-time';

/** NT$ with thousands separators, always from integer cents. */
export function ntd(cents: Cents): string {
  return formatNtd(cents, 'en-US');
}

/** A logged RFC 3339 UTC time shown in exchange time (Asia/Taipei). */
export function exchangeTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatExchangeTime(new Date(ms), locale);
}

/** TX-equivalent contracts from twentieths (one TMF = 1/20 TX), exact to two places. */
export function txEquivalent(twentieths: number): string {
  const sign = twentieths < 0 ? '-' : '';
  const hundredths = Math.abs(twentieths) * 5;
  return `${sign}${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}
