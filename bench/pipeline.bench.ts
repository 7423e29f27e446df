/**
 * Pipeline throughput and memory (npm run bench). Prints `name: value unit (ratio x.xx vs baseline)`.
 *
 * Baseline: a bare loop that only reads the same quotes from the same MarketDataSet. The ratio is
 * pipeline throughput / bare throughput, i.e. how much of the reading speed survives our pipeline.
 * Then the same for a session ten trading days long: a flat ratio and flat peak memory show that
 * nothing grows with session length. A third pair runs over events held in memory, which isolates the
 * pipeline's own cost per quote from the cost of generating the data.
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { EventSink, PipelineEvent } from '../src-shared/events/pipeline-event';
import type { MarketEvent } from '../src-shared/market/quote';
import { nextTradingDay } from '../src-shared/instruments/calendar';
import { SimulatedClock } from '../src-main/pipeline/clock/simulated-clock';
import { createTradingCore } from '../src-main/pipeline/core/trading-core';
import { generateMarket } from '../src-main/pipeline/market-data/generator';
import type { GeneratorSpec } from '../src-main/pipeline/market-data/generator-spec';
import type { MarketDataSet } from '../src-main/pipeline/market-data/market-source';
import { loadRunSpec } from '../src-main/pipeline/runner/run-spec';
import { coreConfigFor, strategyFor } from '../src-main/pipeline/runner/session-setup';
import { runSession } from '../src-main/pipeline/runner/session-runner';

const root = path.resolve(import.meta.dirname, '..');
const loaded = loadRunSpec(path.join(root, 'fixtures/specs/demo-research.yaml'));
const daySpec = JSON.parse(fs.readFileSync(path.join(root, 'fixtures/market/generator/three-contract-day.json'), 'utf8')) as GeneratorSpec;
const LONG_DAYS = Number(process.env.PAPERTAPE_BENCH_DAYS ?? 10);

// Retained memory is measured after a full collection; peak heapUsed alone mostly shows how lazily V8 collects.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const RETAINED_EVERY = 1 << 18;

/** `days` consecutive trading days of the fixture, generated lazily one day after another. */
function market(days: number): MarketDataSet {
  const specs: GeneratorSpec[] = [];
  let day = daySpec.tradingDay;
  for (let i = 0; i < days; i++) {
    specs.push({ ...daySpec, id: `${daySpec.id}-d${i}`, seed: daySpec.seed + i, tradingDay: day });
    day = nextTradingDay(day, daySpec.holidays ?? []);
  }
  return {
    id: `bench-${days}d`,
    fingerprint: 'not-computed-in-bench',
    contracts: daySpec.contracts.map((c) => c.contract),
    *events() {
      for (const s of specs) yield* generateMarket(s).events();
    },
  };
}

function inMemory(events: MarketEvent[]): MarketDataSet {
  return {
    id: 'bench-in-memory',
    fingerprint: 'not-computed-in-bench',
    contracts: daySpec.contracts.map((c) => c.contract),
    events: () => events,
  };
}

/** Counts events and keeps nothing, like a sink that forwards to a store. */
class CountingSink implements EventSink {
  steps = 0;
  events = 0;
  appendStep(_s: string, events: readonly PipelineEvent[]): void {
    this.steps++;
    this.events += events.length;
  }
}

interface Peak {
  rss: number;
  heap: number;
  retained: number;
}
function sample(peak: Peak, n: number): void {
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.heap = Math.max(peak.heap, m.heapUsed);
  if (n % RETAINED_EVERY === 0) {
    gc();
    peak.retained = Math.max(peak.retained, process.memoryUsage().heapUsed);
  }
}
const newPeak = (): Peak => {
  gc();
  return { rss: 0, heap: 0, retained: 0 };
};

function bare(data: MarketDataSet): { quotes: number; seconds: number; peak: Peak } {
  const peak = newPeak();
  let quotes = 0;
  let n = 0;
  let bids = 0;
  const t0 = performance.now();
  for (const e of data.events()) {
    if (e.kind === 'quote') {
      quotes++;
      bids += e.quote.bid ?? 0;
    }
    if (++n % 4096 === 0) sample(peak, n);
  }
  const seconds = (performance.now() - t0) / 1000;
  if (bids === -1) console.log('unreachable');
  return { quotes, seconds, peak };
}

async function pipeline(data: MarketDataSet): Promise<{ quotes: number; seconds: number; peak: Peak; events: number }> {
  const sessionId = 'bench';
  const peak = newPeak();
  const prev = new Map(daySpec.contracts.map((c) => [c.contract, c.prevSettlement]));
  const core = createTradingCore(coreConfigFor(loaded, sessionId, { data, prevSettlements: prev, holidays: daySpec.holidays ?? [] }));
  const sink = new CountingSink();
  let quotes = 0;
  const counted: MarketDataSet = {
    ...data,
    *events() {
      for (const e of data.events()) {
        if (e.kind === 'quote') quotes++;
        yield e;
      }
    },
  };
  const t0 = performance.now();
  await runSession({
    sessionId,
    spec: loaded.spec,
    specHash: loaded.specHash,
    data: counted,
    core,
    strategy: strategyFor(loaded),
    sink,
    clock: new SimulatedClock(),
    onProgress: (p) => sample(peak, p.marketEvents),
    progressEvery: 4096,
  });
  return { quotes, seconds: (performance.now() - t0) / 1000, peak, events: sink.events };
}

const rate = (r: { quotes: number; seconds: number }) => r.quotes / r.seconds;
const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
const line = (name: string, value: string, unit: string, ratio: number) =>
  console.log(`${name}: ${value} ${unit} (ratio ${ratio.toFixed(2)} vs baseline)`);

// Warm up the JIT on a slice so the first measured run is not the cold one.
async function warmUp(): Promise<void> {
  const warm: MarketEvent[] = [];
  for (const e of market(1).events()) if (warm.push(e) >= 50_000) break;
  await pipeline(inMemory(warm));
}
await warmUp();

const day = market(1);
const bare1 = bare(day);
const pipe1 = await pipeline(day);
line('pipeline.backtest_1day.bare_read', rate(bare1).toFixed(0), 'quotes/s', 1);
line('pipeline.backtest_1day', rate(pipe1).toFixed(0), 'quotes/s', rate(pipe1) / rate(bare1));
line('pipeline.backtest_1day.peak_rss', mb(pipe1.peak.rss), 'MB', pipe1.peak.rss / bare1.peak.rss);
line('pipeline.backtest_1day.peak_heap', mb(pipe1.peak.heap), 'MB', pipe1.peak.heap / bare1.peak.heap);
line('pipeline.backtest_1day.retained_heap', mb(pipe1.peak.retained), 'MB', pipe1.peak.retained / bare1.peak.retained);

/** In its own function so the held events are garbage once it returns (the module frame would keep them). */
async function inMemoryPair(): Promise<void> {
  const held: MarketEvent[] = [...day.events()];
  const bareMem = bare(inMemory(held));
  const pipeMem = await pipeline(inMemory(held));
  line('pipeline.backtest_1day_in_memory.bare_read', rate(bareMem).toFixed(0), 'quotes/s', 1);
  line('pipeline.backtest_1day_in_memory', rate(pipeMem).toFixed(0), 'quotes/s', rate(pipeMem) / rate(bareMem));
  line(
    'pipeline.backtest_1day_in_memory.cost_per_quote',
    ((pipeMem.seconds / pipeMem.quotes) * 1e9).toFixed(0),
    'ns',
    pipeMem.seconds / pipeMem.quotes / (bareMem.seconds / bareMem.quotes),
  );
}
await inMemoryPair();

const long = market(LONG_DAYS);
const bareN = bare(long);
const pipeN = await pipeline(long);
line(`pipeline.backtest_${LONG_DAYS}day.bare_read`, rate(bareN).toFixed(0), 'quotes/s', 1);
line(`pipeline.backtest_${LONG_DAYS}day`, rate(pipeN).toFixed(0), 'quotes/s', rate(pipeN) / rate(bareN));
// Memory baselines here are the one-day pipeline run: flat memory means ratios near 1.
line(`pipeline.backtest_${LONG_DAYS}day.peak_rss`, mb(pipeN.peak.rss), 'MB', pipeN.peak.rss / pipe1.peak.rss);
line(`pipeline.backtest_${LONG_DAYS}day.peak_heap`, mb(pipeN.peak.heap), 'MB', pipeN.peak.heap / pipe1.peak.heap);
line(`pipeline.backtest_${LONG_DAYS}day.retained_heap`, mb(pipeN.peak.retained), 'MB', pipeN.peak.retained / pipe1.peak.retained);
line(`pipeline.backtest_${LONG_DAYS}day.bare_read.retained_heap`, mb(bareN.peak.retained), 'MB', bareN.peak.retained / bare1.peak.retained);
line(
  `pipeline.ratio_flatness_${LONG_DAYS}day_vs_1day`,
  (rate(pipeN) / rate(bareN) / (rate(pipe1) / rate(bare1))).toFixed(2),
  'x',
  rate(pipeN) / rate(bareN) / (rate(pipe1) / rate(bare1)),
);
