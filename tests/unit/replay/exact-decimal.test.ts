import { describe, expect, it } from 'vitest';
import { formatScaled, meanScaled, parseDecimal } from '../../../src-main/services/replay/exact-decimal';
import { renderPrometheus } from '../../../src-main/services/metrics/prometheus-text';
import { parseLatency, rangeOf } from '../../../src-main/services/replay/what-if';

describe('exact decimals for slippage and PnL', () => {
  it('parses, averages and formats without floats', () => {
    expect(parseDecimal('-1.5')).toBe(-1_500_000n);
    expect(formatScaled(parseDecimal('0.125'), 2)).toBe('0.13');
    expect(formatScaled(parseDecimal('-0.125'), 2)).toBe('-0.13');
    expect(formatScaled(parseDecimal('-0.001'), 2)).toBe('0.00');
    expect(formatScaled(meanScaled(parseDecimal('1') + parseDecimal('2'), 2n)!, 2)).toBe('1.50');
    expect(meanScaled(0n, 0n)).toBeNull();
    expect(() => parseDecimal('1e3')).toThrow(/not a decimal/);
  });
  it('latency flags and ranges', () => {
    expect(parseLatency('50')).toEqual({ submitMs: 50 });
    expect(parseLatency('50,80')).toEqual({ submitMs: 50, cancelMs: 80 });
    expect(() => parseLatency('fast')).toThrow(/^WHATIF_LATENCY_INVALID/);
    const o = {
      fills: 3,
      filledQuantity: 3,
      avgSlippagePoints: '-0.50',
      avgSlippageBps: null,
      grossPnl: '10.00',
      netPnl: '-2.00',
      fees: '1.00',
      tax: '0.50',
      rejected: 0,
      canceled: 1,
    };
    const r = rangeOf([
      { label: 'a', fillModel: {}, outcome: o },
      { label: 'b', fillModel: {}, outcome: { ...o, fills: 11, netPnl: '-12.00', avgSlippagePoints: '2.00' } },
    ]);
    expect(r.fills).toEqual({ min: '3', max: '11' });
    expect(r.netPnl).toEqual({ min: '-12.00', max: '-2.00' });
    expect(r.avgSlippagePoints).toEqual({ min: '-0.50', max: '2.00' });
    expect(r.avgSlippageBps).toBeNull();
  });
  it('Prometheus text escapes label values and refuses bad names', () => {
    const text = renderPrometheus([
      { name: 'papertape_x', help: 'a\nb', type: 'gauge', samples: [{ labels: { session: 'a"b\\c' }, value: '1.50' }] },
    ]);
    expect(text).toBe('# HELP papertape_x a\\nb\n# TYPE papertape_x gauge\npapertape_x{session="a\\"b\\\\c"} 1.50\n');
    expect(() => renderPrometheus([{ name: 'bad-name', help: '', type: 'gauge', samples: [] }])).toThrow(/bad metric name/);
  });
});
