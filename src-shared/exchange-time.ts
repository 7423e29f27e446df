/** TAIFEX runs on Asia/Taipei (UTC+8, no daylight saving); every time the UI shows is exchange time. */
export const EXCHANGE_TIME_ZONE = 'Asia/Taipei';

export function formatExchangeTime(at: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: EXCHANGE_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}
