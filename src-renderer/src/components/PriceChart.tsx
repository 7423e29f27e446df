import { useComputedColorScheme } from '@mantine/core';
import {
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  type CandlestickData,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { EXCHANGE_TIME_ZONE } from '../../../src-shared/exchange-time';

export interface ChartBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
}
export interface ChartFill {
  time: number;
  side: string;
  price: number;
  quantity: number;
}

function taipei(time: Time, locale: string, withDate: boolean): string {
  const ms = typeof time === 'number' ? time * 1000 : Date.parse(String(time));
  return new Intl.DateTimeFormat(locale, {
    timeZone: EXCHANGE_TIME_ZONE,
    ...(withDate ? { month: '2-digit', day: '2-digit' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(ms);
}

/**
 * Mid-price candles with fill markers. The chart is created once and only fed data afterwards, so
 * switching views (the Market view stays mounted, hidden) never destroys and rebuilds it.
 */
export function PriceChart({ bars, fills, locale, label }: { bars: ChartBar[]; fills: ChartFill[]; locale: string; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef<ISeriesApi<'Candlestick'> | null>(null);
  const markers = useRef<ISeriesMarkersPluginApi<Time> | null>(null);
  const scheme = useComputedColorScheme('dark');

  useEffect(() => {
    if (!box.current) return;
    const c = createChart(box.current, { autoSize: true, timeScale: { timeVisible: true, secondsVisible: false } });
    series.current = c.addSeries(CandlestickSeries, { priceFormat: { type: 'price', precision: 1, minMove: 0.5 } });
    markers.current = createSeriesMarkers(series.current, []);
    chart.current = c;
    return () => {
      c.remove();
      chart.current = null;
      series.current = null;
      markers.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.applyOptions({
      localization: { locale, timeFormatter: (t: Time) => taipei(t, locale, true) },
      timeScale: { tickMarkFormatter: (t: Time) => taipei(t, locale, false) },
    });
  }, [locale]);

  useEffect(() => {
    const dark = scheme === 'dark';
    chart.current?.applyOptions({
      layout: { background: { type: ColorType.Solid, color: dark ? '#1a1b1e' : '#ffffff' }, textColor: dark ? '#c1c2c5' : '#212529' },
      grid: { vertLines: { color: dark ? '#2c2e33' : '#e9ecef' }, horzLines: { color: dark ? '#2c2e33' : '#e9ecef' } },
    });
  }, [scheme]);

  useEffect(() => {
    series.current?.setData(bars.map((b) => ({ ...b, time: b.time as UTCTimestamp }) satisfies CandlestickData));
    const m: SeriesMarker<Time>[] = fills.map((f) => ({
      time: f.time as UTCTimestamp,
      position: f.side === 'BUY' ? 'belowBar' : 'aboveBar',
      shape: f.side === 'BUY' ? 'arrowUp' : 'arrowDown',
      color: f.side === 'BUY' ? '#2f9e44' : '#e03131',
      text: `${f.side} ${f.quantity}@${f.price}`,
    }));
    markers.current?.setMarkers(m);
    chart.current?.timeScale().fitContent();
  }, [bars, fills]);

  return <div ref={box} role="img" aria-label={label} data-testid="price-chart" style={{ width: '100%', height: 420 }} />;
}
