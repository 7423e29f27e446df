import type { ContractRef, TradingSessionKind } from '../market/quote';
import { formatContractRef, parseContractRef } from './contract-codes';
import type { Root } from './instruments';

/**
 * TAIFEX calendar rules. Asia/Taipei is UTC+8 with no daylight saving, so exchange wall time is a
 * fixed offset from UTC and needs no time-zone database. Times are epoch ms UTC; dates are exchange
 * dates 'YYYY-MM-DD'. Holidays always come from configuration: nothing here knows a holiday.
 */

export const EXCHANGE_UTC_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const REGULAR_OPEN_MIN = 8 * 60 + 45;
const REGULAR_CLOSE_MIN = 13 * 60 + 45;
const EXPIRY_CLOSE_MIN = 13 * 60 + 30;
const NIGHT_OPEN_MIN = 15 * 60;
const NIGHT_CLOSE_MIN = 5 * 60;

export interface SessionWindow {
  kind: TradingSessionKind;
  /** The trading day the session belongs to: an after-hours session belongs to the NEXT trading day. */
  tradingDay: string;
  /** Half-open [opensAt, closesAt), epoch ms UTC. */
  opensAt: number;
  closesAt: number;
}

/** 'YYYY-MM-DD' -> days since 1970-01-01; throws on anything that is not a real calendar date. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`Invalid date "${date}": expected YYYY-MM-DD`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) throw new Error(`Invalid date "${date}"`);
  return ms / DAY_MS;
}

export function dateOfDayNumber(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday ... 6 = Saturday. 1970-01-01 was a Thursday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Epoch ms of an exchange wall-clock time (minutes after midnight) on an exchange date. */
export function exchangeTimeToEpoch(date: string, minuteOfDay: number): number {
  return dayNumber(date) * DAY_MS + minuteOfDay * MINUTE_MS - EXCHANGE_UTC_OFFSET_MS;
}

/** Exchange date and milliseconds after exchange midnight of an instant. */
export function exchangeDateTime(epochMs: number): { date: string; msOfDay: number } {
  const local = epochMs + EXCHANGE_UTC_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  return { date: dateOfDayNumber(day), msOfDay: local - day * DAY_MS };
}

export function isTradingDay(date: string, holidays: readonly string[]): boolean {
  const wd = weekday(dayNumber(date));
  return wd !== 0 && wd !== 6 && !holidays.includes(date);
}

/** The first trading day strictly after `date`. */
export function nextTradingDay(date: string, holidays: readonly string[]): string {
  let day = dayNumber(date) + 1;
  while (!isTradingDay(dateOfDayNumber(day), holidays)) day += 1;
  return dateOfDayNumber(day);
}

/** The last trading day strictly before `date`. */
export function previousTradingDay(date: string, holidays: readonly string[]): string {
  let day = dayNumber(date) - 1;
  while (!isTradingDay(dateOfDayNumber(day), holidays)) day -= 1;
  return dateOfDayNumber(day);
}

/** Third Wednesday of the month, rolled forward to the next trading day when it is not one. */
export function lastTradingDay(_root: Root, year: number, month: number, holidays: readonly string[]): string {
  const first = dayNumber(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`);
  const firstWednesday = first + ((3 - weekday(first) + 7) % 7);
  const third = dateOfDayNumber(firstWednesday + 14);
  return isTradingDay(third, holidays) ? third : nextTradingDay(third, holidays);
}

export function contractLastTradingDay(contract: ContractRef, holidays: readonly string[]): string {
  const { root, year, month } = parseContractRef(contract);
  return lastTradingDay(root, year, month, holidays);
}

function shiftMonth(year: number, month: number, by: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/**
 * The six contracts listed on a trading day: three consecutive months starting at the front month,
 * then the next three quarterly months (Mar/Jun/Sep/Dec). The front month is still listed on its
 * last trading day and rolls off the day after.
 */
export function listedContracts(root: Root, tradingDay: string, holidays: readonly string[]): ContractRef[] {
  const [y, mo] = tradingDay.split('-').map(Number) as [number, number];
  let front = { year: y, month: mo };
  if (tradingDay > lastTradingDay(root, y, mo, holidays)) front = shiftMonth(y, mo, 1);
  const months = [front, shiftMonth(front.year, front.month, 1), shiftMonth(front.year, front.month, 2)];
  let cursor = months[2] as { year: number; month: number };
  while (months.length < 6) {
    cursor = shiftMonth(cursor.year, cursor.month, 1);
    if (cursor.month % 3 === 0) months.push(cursor);
  }
  return months.map((m) => formatContractRef(root, m.year, m.month));
}

function isListed(contract: ContractRef, tradingDay: string, holidays: readonly string[]): boolean {
  const { root } = parseContractRef(contract);
  return listedContracts(root, tradingDay, holidays).includes(contract);
}

/**
 * The sessions in which `contract` trades that belong to `tradingDay`, in time order: the after-hours
 * session that opened at 15:00 on the previous trading day, then the regular session. On the contract's
 * last trading day there is no after-hours session for it and the regular session closes at 13:30.
 */
export function sessionsOfTradingDay(contract: ContractRef, tradingDay: string, holidays: readonly string[]): SessionWindow[] {
  if (!isTradingDay(tradingDay, holidays) || !isListed(contract, tradingDay, holidays)) return [];
  const expiring = contractLastTradingDay(contract, holidays) === tradingDay;
  const windows: SessionWindow[] = [];
  if (!expiring) {
    const nightDate = previousTradingDay(tradingDay, holidays);
    windows.push({
      kind: 'after_hours',
      tradingDay,
      opensAt: exchangeTimeToEpoch(nightDate, NIGHT_OPEN_MIN),
      closesAt: exchangeTimeToEpoch(addDays(nightDate, 1), NIGHT_CLOSE_MIN),
    });
  }
  windows.push({
    kind: 'regular',
    tradingDay,
    opensAt: exchangeTimeToEpoch(tradingDay, REGULAR_OPEN_MIN),
    closesAt: exchangeTimeToEpoch(tradingDay, expiring ? EXPIRY_CLOSE_MIN : REGULAR_CLOSE_MIN),
  });
  return windows;
}

/**
 * The session `contract` is trading in at `epochMs`, or null when it is closed, not listed or expired.
 * Sessions are half-open: the open instant is inside, the close instant is not (13:45:00.000 is closed).
 */
export function sessionAt(epochMs: number, contract: ContractRef, holidays: readonly string[]): SessionWindow | null {
  const { date, msOfDay } = exchangeDateTime(epochMs);
  let candidate: string | null = null;
  if (msOfDay >= REGULAR_OPEN_MIN * MINUTE_MS && msOfDay < REGULAR_CLOSE_MIN * MINUTE_MS) {
    candidate = date;
  } else {
    // An after-hours session opens on a trading day and belongs to the next one.
    const nightDate = msOfDay >= NIGHT_OPEN_MIN * MINUTE_MS ? date : msOfDay < NIGHT_CLOSE_MIN * MINUTE_MS ? addDays(date, -1) : null;
    if (nightDate !== null && isTradingDay(nightDate, holidays)) candidate = nextTradingDay(nightDate, holidays);
  }
  if (candidate === null) return null;
  return sessionsOfTradingDay(contract, candidate, holidays).find((w) => epochMs >= w.opensAt && epochMs < w.closesAt) ?? null;
}

/**
 * Daily price band: +/-10% of the previous regular-session settlement, in whole points rounded toward
 * the settlement (the band never exceeds 10%): 22,345 -> [20,111, 24,579].
 */
export function dailyPriceLimits(prevSettlement: number): { lower: number; upper: number } {
  if (!Number.isSafeInteger(prevSettlement) || prevSettlement <= 0) {
    throw new RangeError(`Previous settlement must be a positive whole number of points, got ${prevSettlement}`);
  }
  const band = Math.floor(prevSettlement / 10);
  return { lower: prevSettlement - band, upper: prevSettlement + band };
}
