import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatExchangeTime } from '../../../src-shared/exchange-time';
import { centsToDecimal, divRoundHalfUp, formatNtd, parseNtd } from '../../../src-shared/money';

describe('money', () => {
  it('parses and prints exact NT$ amounts', () => {
    expect(parseNtd('7.5')).toBe(750);
    expect(parseNtd('-12.05')).toBe(-1205);
    expect(parseNtd('338000')).toBe(33_800_000);
    expect(centsToDecimal(750)).toBe('7.50');
    expect(centsToDecimal(-5)).toBe('-0.05');
    expect(formatNtd(123_456_750)).toBe('NT$1,234,567.50');
    expect(formatNtd(-100)).toBe('-NT$1.00');
  });

  it('refuses inexact or malformed amounts', () => {
    for (const bad of ['7.555', '1e3', 'abc', '', '1,000', '0x10']) expect(() => parseNtd(bad)).toThrow();
    expect(() => centsToDecimal(1.5)).toThrow();
  });

  it('round-trips every amount', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (c) => parseNtd(centsToDecimal(c)) === c));
  });

  it('rounds half up', () => {
    expect(divRoundHalfUp(5, 10)).toBe(1);
    expect(divRoundHalfUp(4, 10)).toBe(0);
    expect(divRoundHalfUp(15, 10)).toBe(2);
    expect(divRoundHalfUp(-15, 10)).toBe(-2);
  });
});

describe('exchange time', () => {
  it('shows Asia/Taipei (UTC+8) whatever the machine zone', () => {
    expect(formatExchangeTime(new Date('2026-12-16T00:45:00.000Z'), 'en-US')).toBe('12/16/2026, 08:45:00');
    expect(formatExchangeTime(new Date('2026-12-16T16:30:00.000Z'), 'zh-TW').replace(/\s/g, ' ')).toBe('2026/12/17 00:30:00');
  });
});
