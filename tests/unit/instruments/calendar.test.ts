import { describe, expect, it } from 'vitest';
import {
  dailyPriceLimits,
  isTradingDay,
  lastTradingDay,
  listedContracts,
  nextTradingDay,
  sessionAt,
  sessionsOfTradingDay,
} from '../../../src-shared/instruments/calendar';

/** Epoch ms of an Asia/Taipei wall-clock time. */
const taipei = (date: string, time: string): number => {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi, rest] = time.split(':') as [string, string, string?];
  const [s, ms] = (rest ?? '0').split('.');
  return Date.UTC(y, mo - 1, d, Number(h) - 8, Number(mi), Number(s), Number(ms ?? 0));
};

describe('trading days', () => {
  it('weekends and configured holidays are closed', () => {
    expect(isTradingDay('2026-12-01', [])).toBe(true);
    expect(isTradingDay('2026-12-05', [])).toBe(false);
    expect(isTradingDay('2026-12-06', [])).toBe(false);
    expect(isTradingDay('2026-12-01', ['2026-12-01'])).toBe(false);
    expect(nextTradingDay('2026-12-04', [])).toBe('2026-12-07');
    expect(nextTradingDay('2026-12-31', ['2027-01-01'])).toBe('2027-01-04');
  });

  it('refuses dates that do not exist', () => {
    expect(() => isTradingDay('2026-02-30', [])).toThrow(/Invalid date/);
    expect(() => isTradingDay('2026/12/01', [])).toThrow(/Invalid date/);
  });
});

describe('last trading day', () => {
  it('is the third Wednesday', () => {
    expect(lastTradingDay('TX', 2026, 12, [])).toBe('2026-12-16');
    expect(lastTradingDay('MTX', 2027, 1, [])).toBe('2027-01-20');
    expect(lastTradingDay('TMF', 2026, 7, [])).toBe('2026-07-15');
    // A month that starts on a Wednesday.
    expect(lastTradingDay('TX', 2026, 4, [])).toBe('2026-04-15');
  });

  it('rolls forward past holidays to the next trading day', () => {
    expect(lastTradingDay('TX', 2026, 12, ['2026-12-16'])).toBe('2026-12-17');
    const lunarNewYear = ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'];
    expect(lastTradingDay('TX', 2026, 2, lunarNewYear)).toBe('2026-02-23');
  });
});

describe('listed contracts', () => {
  it('lists three consecutive months then three quarterly months', () => {
    expect(listedContracts('TX', '2026-12-01', [])).toEqual(['TX 202612', 'TX 202701', 'TX 202702', 'TX 202703', 'TX 202706', 'TX 202709']);
    expect(listedContracts('MTX', '2026-10-21', [])[0]).toBe('MTX 202610');
    expect(listedContracts('MTX', '2026-10-22', [])).toEqual([
      'MTX 202611',
      'MTX 202612',
      'MTX 202701',
      'MTX 202703',
      'MTX 202706',
      'MTX 202709',
    ]);
  });

  it('keeps the front month on its last trading day and rolls the day after', () => {
    expect(listedContracts('TX', '2026-12-16', [])[0]).toBe('TX 202612');
    expect(listedContracts('TX', '2026-12-17', [])).toEqual(['TX 202701', 'TX 202702', 'TX 202703', 'TX 202706', 'TX 202709', 'TX 202712']);
    expect(listedContracts('TX', '2026-12-17', ['2026-12-16'])[0]).toBe('TX 202612');
  });
});

describe('sessionAt', () => {
  const tx = 'TX 202612';

  it('regular session is half-open [08:45, 13:45)', () => {
    expect(sessionAt(taipei('2026-12-01', '08:44:59.999'), tx, [])).toBeNull();
    expect(sessionAt(taipei('2026-12-01', '08:45:00'), tx, [])).toEqual({
      kind: 'regular',
      tradingDay: '2026-12-01',
      opensAt: taipei('2026-12-01', '08:45:00'),
      closesAt: taipei('2026-12-01', '13:45:00'),
    });
    expect(sessionAt(taipei('2026-12-01', '13:44:59.999'), tx, [])?.kind).toBe('regular');
    expect(sessionAt(taipei('2026-12-01', '13:45:00'), tx, [])).toBeNull();
    expect(sessionAt(taipei('2026-12-01', '14:59:59.999'), tx, [])).toBeNull();
  });

  it('closes at 13:30 on the contract last trading day, but not for the next month', () => {
    expect(sessionAt(taipei('2026-12-16', '13:29:59.999'), tx, [])?.closesAt).toBe(taipei('2026-12-16', '13:30:00'));
    expect(sessionAt(taipei('2026-12-16', '13:30:00'), tx, [])).toBeNull();
    expect(sessionAt(taipei('2026-12-16', '13:40:00'), 'TX 202701', [])?.kind).toBe('regular');
  });

  it('after-hours 15:00-05:00 belongs to the next trading day, across midnight', () => {
    const evening = sessionAt(taipei('2026-12-01', '15:00:00'), tx, []);
    expect(evening).toEqual({
      kind: 'after_hours',
      tradingDay: '2026-12-02',
      opensAt: taipei('2026-12-01', '15:00:00'),
      closesAt: taipei('2026-12-02', '05:00:00'),
    });
    expect(sessionAt(taipei('2026-12-02', '00:30:00'), tx, [])?.tradingDay).toBe('2026-12-02');
    expect(sessionAt(taipei('2026-12-02', '04:59:59.999'), tx, [])?.kind).toBe('after_hours');
    expect(sessionAt(taipei('2026-12-02', '05:00:00'), tx, [])).toBeNull();
  });

  it('Friday night belongs to Monday; weekends and holidays open no night session', () => {
    expect(sessionAt(taipei('2026-12-04', '23:00:00'), tx, [])?.tradingDay).toBe('2026-12-07');
    expect(sessionAt(taipei('2026-12-05', '01:00:00'), tx, [])?.tradingDay).toBe('2026-12-07');
    expect(sessionAt(taipei('2026-12-05', '15:00:00'), tx, [])).toBeNull();
    expect(sessionAt(taipei('2026-12-01', '16:00:00'), tx, ['2026-12-02'])?.tradingDay).toBe('2026-12-03');
    expect(sessionAt(taipei('2026-12-02', '10:00:00'), tx, ['2026-12-02'])).toBeNull();
    expect(sessionAt(taipei('2026-12-02', '16:00:00'), tx, ['2026-12-02'])).toBeNull();
  });

  it('the expiring contract has no after-hours session on its last trading day, nor after it', () => {
    expect(sessionAt(taipei('2026-12-15', '20:00:00'), tx, [])).toBeNull();
    expect(sessionAt(taipei('2026-12-15', '20:00:00'), 'TX 202701', [])?.tradingDay).toBe('2026-12-16');
    expect(sessionAt(taipei('2026-12-16', '20:00:00'), tx, [])).toBeNull();
    expect(sessionAt(taipei('2026-12-16', '20:00:00'), 'TX 202701', [])?.tradingDay).toBe('2026-12-17');
    expect(sessionsOfTradingDay(tx, '2026-12-16', []).map((w) => w.kind)).toEqual(['regular']);
    expect(sessionsOfTradingDay(tx, '2026-12-15', []).map((w) => w.kind)).toEqual(['after_hours', 'regular']);
  });

  it('a contract that is not listed has no session', () => {
    expect(sessionAt(taipei('2026-12-01', '10:00:00'), 'TX 202705', [])).toBeNull();
    expect(sessionAt(taipei('2026-12-17', '10:00:00'), tx, [])).toBeNull();
    expect(sessionAt(taipei('2026-12-01', '10:00:00'), 'TX 202709', [])?.kind).toBe('regular');
  });
});

describe('daily price limits', () => {
  it('are +/-10% of the previous settlement rounded toward it', () => {
    expect(dailyPriceLimits(23150)).toEqual({ lower: 20835, upper: 25465 });
    expect(dailyPriceLimits(22345)).toEqual({ lower: 20111, upper: 24579 });
    expect(dailyPriceLimits(22349)).toEqual({ lower: 20115, upper: 24583 });
    expect(dailyPriceLimits(9)).toEqual({ lower: 9, upper: 9 });
  });

  it('refuse settlements that are not positive whole points', () => {
    expect(() => dailyPriceLimits(0)).toThrow(RangeError);
    expect(() => dailyPriceLimits(23150.5)).toThrow(RangeError);
  });
});
