import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { MemorySink } from '../../../src-shared/events/pipeline-event';
import { readBrokerFill } from '../../../src-shared/events/broker-fill';
import { exchangeDateTime } from '../../../src-shared/instruments/calendar';
import type { Quote, TradePrint } from '../../../src-shared/market/quote';
import { generateMarket } from '../../../src-main/pipeline/market-data/generator';
import { TAIFEX_HEADER } from '../../../src-main/pipeline/market-data/taifex-import';
import { runSpecFromObject } from '../../../src-main/pipeline/runner/run-spec';
import { RunSpecError } from '../../../src-main/pipeline/runner/run-spec-loader';
import { clockFor, prepareSession } from '../../../src-main/pipeline/runner/session-setup';
import { runSession } from '../../../src-main/pipeline/runner/session-runner';
import { emptyReportModel, foldReportEvent } from '../../../src-main/services/evidence/report-model';
import { renderReportHtml } from '../../../src-main/services/evidence/report-html';
import { replaySession } from '../../../src-main/services/replay/replay-session';
import type { JsonObject } from '../../../src-shared/json';
import { makeTempDir } from '../../support/temp-dir';
import { recordSession, replayApp } from '../replay/replay-fixture';
import { smallSpec } from '../pipeline/small-spec';

/**
 * A session on a TAIFEX daily file (trades only): the prints of a generated regular session written in
 * TAIFEX's own format, traded by a signal file with MARKET orders and passive ROD limits. Every fill
 * must be explainable from the stated book model: a taker fill at a price of the ladder synthesized
 * from the last print at or before the order's arrival, a maker fill at a print at or through its limit.
 */
const CONTRACT = 'TX 202612';
const MODEL = { spreadTicks: { regular: 2, after_hours: 3 }, levelSizes: { regular: [3, 5, 8, 8, 10], after_hours: 'print' } };

function taifexRowsOf(trades: readonly TradePrint[]): string {
  const rows = trades.map((t) => {
    const { date, msOfDay } = exchangeDateTime(t.exchangeTs);
    const hh = Math.floor(msOfDay / 3_600_000);
    const mm = Math.floor(msOfDay / 60_000) % 60;
    const ss = Math.floor(msOfDay / 1000) % 60;
    const time = [hh, mm, ss].map((n) => String(n).padStart(2, '0')).join('') + String(msOfDay % 1000).padStart(3, '0');
    return [date.replaceAll('-', ''), 'TX     ', '202612       ', time, String(t.price), String(t.size * 2), '-', '-', ' '].join(',');
  });
  return `${[TAIFEX_HEADER.join(','), ...rows].join('\r\n')}\r\n`;
}

function writeFixture(dir: string): { file: string; trades: TradePrint[] } {
  const gen = generateMarket({
    id: 'tape',
    seed: 7,
    tradingDay: '2026-12-01',
    contracts: [{ contract: CONTRACT, prevSettlement: 23150 }],
    sessions: ['regular'],
    quoteIntervalMs: 1000,
    regimes: { regular: [{ atMinute: 0, regime: 'normal' }] },
  } as never);
  const trades: TradePrint[] = [];
  for (const e of gen.events()) if (e.kind === 'trade' && e.trade.exchangeTs < Date.UTC(2026, 11, 1, 2, 0)) trades.push(e.trade);
  const file = path.join(dir, 'Daily_2026_12_01.csv');
  fs.writeFileSync(file, iconv.encode(taifexRowsOf(trades), 'cp950'));
  return { file, trades };
}

/** Signals every few minutes: a MARKET buy and sell, and ROD limits two points away from the last print. */
function writeSignals(dir: string, trades: readonly TradePrint[]): string {
  const lines = ['ts,signal_id,contract,direction,quantity,strength,reason,order_type,limit_price,time_in_force,reduce_only'];
  let n = 0;
  for (let minute = 5; minute < 70; minute += 5) {
    const ts = Date.UTC(2026, 11, 1, 0, 45 + minute);
    const last = [...trades].reverse().find((t) => t.exchangeTs <= ts)?.price as number;
    const buy = minute % 10 === 5;
    const iso = new Date(ts).toISOString();
    n += 1;
    if (minute % 20 === 5) lines.push(`${iso},m-${n},${CONTRACT},${buy ? 'buy' : 'sell'},2,500,market,MARKET,,IOC,`);
    else lines.push(`${iso},l-${n},${CONTRACT},${buy ? 'buy' : 'sell'},2,500,passive,LIMIT,${buy ? last - 2 : last + 2},ROD,`);
  }
  const file = path.join(dir, 'signals.csv');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function specFor(dataFile: string, signals: string, fillModel: Record<string, unknown>) {
  const base = smallSpec();
  return smallSpec({
    data: { kind: 'taifex', path: dataFile },
    contracts: [{ contract: CONTRACT, prev_settlement: 23150 }],
    window: {},
    strategy: { kind: 'signal_file', id: 'tape-signals', params: { path: signals } },
    risk: {
      ...(base.risk as object),
      maxQuoteAgeMs: 60_000,
      feedLossMs: 600_000,
      maxPositionPerContract: 20,
      maxTxEquivExposure: '20',
      maxSpreadPoints: 6,
    },
    fill_model: { ...(base.fill_model as object), submitLatencyMs: 30, ...fillModel },
  });
}

async function run(spec: Record<string, unknown>, dir: string) {
  const loaded = runSpecFromObject(spec, dir);
  const p = prepareSession(loaded, 'tape-1');
  const sink = new MemorySink();
  await runSession({
    sessionId: 'tape-1',
    spec: loaded.spec,
    specHash: loaded.specHash,
    data: p.data,
    core: p.core,
    strategy: p.strategy,
    sink,
    clock: clockFor(loaded.spec),
  });
  return { events: sink.events, data: p.data };
}

const REPORT_CONTEXT = {
  sessionId: 'tape-1',
  log: 'session/tape-1',
  size: 0,
  root: '',
  keyFingerprint: '',
  checkpointOrigin: '',
  createdAt: '',
  codeVersion: 'test',
  runSpec: null,
  dataFingerprint: null,
  dataIncluded: false,
  scripts: [],
};

describe('a session on a TAIFEX file fills against its stated book model', () => {
  it('records the model, and every fill price is in the ladder at arrival or at a print at or through the limit', async () => {
    const t = makeTempDir('pt-tape-');
    try {
      const { file, trades } = writeFixture(t.dir);
      expect(trades.length).toBeGreaterThan(500);
      const signals = writeSignals(t.dir, trades);
      const { events, data } = await run(specFor(file, signals, { syntheticBook: MODEL }), t.dir);

      const started = events.find((e) => e.type === 'session.started')!;
      expect(started.payload.book_model).toEqual({
        source: 'synthesized_from_trades',
        updates: 'at_each_print',
        spread_ticks: { regular: 2, after_hours: 3 },
        level_sizes: { regular: [3, 5, 8, 8, 10], after_hours: 'print' },
      });

      const quotes: Quote[] = [];
      const prints: TradePrint[] = [];
      for (const e of data.events()) {
        if (e.kind === 'quote') quotes.push(e.quote);
        else prints.push(e.trade);
      }
      for (const q of quotes) {
        expect(q.book).toBe('synthesized');
        expect((q.ask as number) - (q.bid as number)).toBe(2);
        expect(q.asks.map((l) => l.size)).toEqual([3, 5, 8, 8, 10]);
      }

      const fillEvents = events.filter((e) => e.type === 'broker.fill').map((e) => ({ ts: e.ts, fill: readBrokerFill(e.payload)! }));
      const taker = fillEvents.filter((f) => f.fill.liquidity === 'taker');
      const maker = fillEvents.filter((f) => f.fill.liquidity === 'maker');
      expect(taker.length).toBeGreaterThan(0);
      expect(maker.length).toBeGreaterThan(0);
      for (const { ts, fill } of fillEvents) {
        expect(fill.reason).toMatch(/book=synthesized/);
        expect(fill.reason).not.toMatch(/^CROSSED_RESTING_LIMIT/);
        expect(Date.parse(fill.book_ts)).toBeLessThanOrEqual(Date.parse(ts));
      }
      for (const { ts, fill } of taker) {
        // The book in force at arrival: the last synthesized quote stamped at or before the fill (= arrival).
        const book = [...quotes].reverse().find((q) => q.exchangeTs <= Date.parse(ts))!;
        expect(book.exchangeTs).toBe(Date.parse(fill.book_ts));
        const ladder = fill.side === 'BUY' ? book.asks : book.bids;
        expect(ladder.map((l) => l.price)).toContain(fill.price);
      }
      for (const { fill } of maker) {
        const at = prints.filter((p) => p.exchangeTs === Date.parse(fill.book_ts));
        const through = (p: TradePrint) => (fill.side === 'BUY' ? p.price <= fill.price : p.price >= fill.price);
        expect(at.some(through)).toBe(true);
      }

      // The evidence report states the model the fills were made against.
      const model = emptyReportModel();
      events.forEach((e, seq) => foldReportEvent(model, seq, e));
      const html = renderReportHtml(model, REPORT_CONTEXT);
      expect(html).toContain('Book the fills were made against');
      expect(html).toMatch(/<td>regular<\/td><td class="n">2<\/td><td>3 \/ 5 \/ 8 \/ 8 \/ 10<\/td>/);
      expect(html).toMatch(/<td>after_hours<\/td><td class="n">3<\/td><td>the print&#39;s size on each of 5 levels<\/td>/);
    } finally {
      t.cleanup();
    }
  });

  it('a spec that states no model fills against the default one and says so; a generator spec with one is refused', async () => {
    const t = makeTempDir('pt-tape-');
    try {
      const { file, trades } = writeFixture(t.dir);
      const signals = writeSignals(t.dir, trades);
      const { events } = await run(specFor(file, signals, {}), t.dir);
      const started = events.find((e) => e.type === 'session.started')!;
      expect(started.payload.book_model).toEqual({
        source: 'synthesized_from_trades',
        updates: 'at_each_print',
        spread_ticks: { regular: 1, after_hours: 1 },
        level_sizes: { regular: 'print', after_hours: 'print' },
      });
      for (const e of events.filter((x) => x.type === 'broker.fill')) expect(String(e.payload.reason)).toMatch(/book=synthesized/);
    } finally {
      t.cleanup();
    }
    const generated = runSpecFromObject(
      smallSpec({ fill_model: { ...(smallSpec().fill_model as object), syntheticBook: MODEL } }),
      path.resolve('fixtures/specs'),
    );
    expect(() => prepareSession(generated, 'x')).toThrow(RunSpecError);
    expect(() => prepareSession(generated, 'x')).toThrow(/fill_model\.syntheticBook: the generator brings its own book/);
    expect(() =>
      runSpecFromObject(
        smallSpec({ fill_model: { syntheticBook: { spreadTicks: { regular: 1, overnight: 2 } } } }),
        path.resolve('fixtures/specs'),
      ),
    ).toThrow(/overnight/);
  });

  it('replays from the audit store identically, re-synthesizing the book from the recorded spec', async () => {
    const app = replayApp();
    try {
      const { file, trades } = writeFixture(app.dataDir);
      const signals = writeSignals(app.dataDir, trades);
      const spec = specFor(file, signals, { syntheticBook: MODEL }) as JsonObject;
      const { sessionId, result } = await recordSession(app.ctx, spec);
      expect(result.summary.fills).toBeGreaterThan(0);
      const r = await replaySession({ kind: 'store', ctx: app.ctx, sessionId });
      expect(r.divergence).toBeNull();
      expect(r.status).toBe('identical');
      // The fingerprint covers the synthesized quotes: another model is other data.
      const other = prepareSession(runSpecFromObject(specFor(file, signals, {}), app.dataDir), 'x').data.fingerprint;
      const stated = prepareSession(runSpecFromObject(spec, app.dataDir), 'x').data.fingerprint;
      expect(other).not.toBe(stated);
    } finally {
      app.cleanup();
    }
  });
});
