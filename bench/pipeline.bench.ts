/**
 * Pipeline throughput and memory (npm run bench). Prints `name: value unit (ratio x.xx vs baseline)`.
 *
 * Baseline: a bare loop that only reads the same quotes from the same MarketDataSet. The ratio is
 * pipeline throughput / bare throughput, i.e. how much of the reading speed survives our pipeline.
 * Then the same for sessions 5 and 20 trading days long (PAPERTAPE_BENCH_DAYS): a flat ratio, linear wall time and flat peak memory show that
 * nothing grows with session length. A third pair runs over events held in memory, which isolates the
 * pipeline's own cost per quote from the cost of generating the data.
 *
 * Timed runs exclude the forced collections the memory sampling does (they measure the bench, not
 * the pipeline), and start after one untimed day of both loops so neither pays the JIT warm-up alone.
 * Last, the data-set fingerprint: RFC 8785 lines + SHA-256 against a bare crypto.hash over the same
 * bytes, and against the generic canonicalize it replaced.
 */
import { createHash, hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import canonicalize from 'canonicalize';
import type { EventSink, PipelineEvent } from '../src-shared/events/pipeline-event';
import type { MarketEvent } from '../src-shared/market/quote';
import { contractLastTradingDay, nextTradingDay, previousTradingDay } from '../src-shared/instruments/calendar';
import { SimulatedClock } from '../src-main/pipeline/clock/simulated-clock';
import { createTradingCore } from '../src-main/pipeline/core/trading-core';
import { fingerprintEvents } from '../src-main/pipeline/market-data/fingerprint';
import { generateMarket } from '../src-main/pipeline/market-data/generator';
import type { GeneratorSpec } from '../src-main/pipeline/market-data/generator-spec';
import { marketEventJson } from '../src-main/pipeline/market-data/market-event-json';
import type { MarketDataSet } from '../src-main/pipeline/market-data/market-source';
import { loadRunSpec } from '../src-main/pipeline/runner/run-spec';
import { coreConfigFor, strategyFor } from '../src-main/pipeline/runner/session-setup';
import { runSession } from '../src-main/pipeline/runner/session-runner';
import type { Strategy } from '../src-main/pipeline/strategies/strategy';

const root = path.resolve(import.meta.dirname, '..');
const loaded = loadRunSpec(path.join(root, 'fixtures/specs/demo-research.yaml'));
const daySpec = JSON.parse(fs.readFileSync(path.join(root, 'fixtures/market/generator/three-contract-day.json'), 'utf8')) as GeneratorSpec;
// The long sessions whose growth is reported against the one-day run (wall time and peak memory should grow linearly / stay flat).
const LONG_DAYS = (process.env.PAPERTAPE_BENCH_DAYS ?? '5,20').split(',').map(Number);

// Retained memory is measured after a full collection; peak heapUsed alone mostly shows how lazily V8 collects.
// bin/bench.mjs passes --expose-gc; the vm fallback (a second context, which itself slows the JIT) is for a bare run.
v8.setFlagsFromString('--expose-gc');
const gc = ((globalThis as { gc?: () => void }).gc ?? vm.runInNewContext('gc')) as () => void;
const RETAINED_EVERY = 1 << 18;

/**
 * `days` consecutive trading days of the fixture's contracts, generated lazily one day after another:
 * from the fixture's day on, moved earlier where the last days would pass the contracts' expiry.
 */
function market(days: number): MarketDataSet {
  const specs: GeneratorSpec[] = [];
  const holidays = daySpec.holidays ?? [];
  const expiry = daySpec.contracts.map((c) => contractLastTradingDay(c.contract, holidays)).sort()[0]!;
  let end = daySpec.tradingDay;
  for (let i = 1; i < days && nextTradingDay(end, holidays) <= expiry; i++) end = nextTradingDay(end, holidays);
  let day = end;
  for (let i = 1; i < days; i++) day = previousTradingDay(day, holidays);
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
/** Wall milliseconds and CPU microseconds spent inside sample(), subtracted from the timed runs. */
let samplingMs = 0;
let samplingCpuUs = 0;
function sample(peak: Peak, n: number): void {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.heap = Math.max(peak.heap, m.heapUsed);
  if (n % RETAINED_EVERY === 0) {
    gc();
    peak.retained = Math.max(peak.retained, process.memoryUsage().heapUsed);
  }
  samplingMs += performance.now() - t0;
  const c = process.cpuUsage(c0);
  samplingCpuUs += c.user + c.system;
}
/** Seconds since `t0` (a performance.now() stamp taken with `sampled0 = samplingMs`), sampling excluded. */
const elapsed = (t0: number, sampled0: number) => (performance.now() - t0 - (samplingMs - sampled0)) / 1000;
/**
 * CPU seconds (all threads) since `c0` (taken with `sampledCpu0 = samplingCpuUs`), sampling excluded. On
 * a shared machine wall time also counts waiting for other processes; CPU time is what this process paid.
 */
const cpuSince = (c0: NodeJS.CpuUsage, sampledCpu0: number) => {
  const d = process.cpuUsage(c0);
  return (d.user + d.system - (samplingCpuUs - sampledCpu0)) / 1e6;
};
const newPeak = (): Peak => {
  gc();
  return { rss: 0, heap: 0, retained: 0 };
};

interface Run {
  quotes: number;
  seconds: number;
  cpuSeconds: number;
  peak: Peak;
}

/**
 * Throughput runs (memory = false) take no forced collection and no memory sample: a full GC just before
 * or during a run flushes compiled code and made the timed pipeline up to 2x slower than it is. Memory is
 * measured in separate runs of the same data (memory = true).
 */
function bare(data: MarketDataSet, memory = false): Run {
  const peak = memory ? newPeak() : { rss: 0, heap: 0, retained: 0 };
  let quotes = 0;
  let n = 0;
  let bids = 0;
  const sampled0 = samplingMs;
  const sampledCpu0 = samplingCpuUs;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const e of data.events()) {
    if (e.kind === 'quote') {
      quotes++;
      bids += e.quote.bid ?? 0;
    }
    if (++n % 4096 === 0 && memory) sample(peak, n);
  }
  const seconds = elapsed(t0, sampled0);
  const cpuSeconds = cpuSince(c0, sampledCpu0);
  if (bids === -1) console.log('unreachable');
  return { quotes, seconds, cpuSeconds, peak };
}

async function pipeline(data: MarketDataSet, memory = false): Promise<Run & { events: number }> {
  const sessionId = 'bench';
  const peak = memory ? newPeak() : { rss: 0, heap: 0, retained: 0 };
  const prev = new Map(daySpec.contracts.map((c) => [c.contract, c.prevSettlement]));
  const core = createTradingCore(coreConfigFor(loaded, sessionId, { data, prevSettlements: prev, holidays: daySpec.holidays ?? [] }));
  const sink = new CountingSink();
  let quotes = 0;
  // The runner hands every market event to the strategy, so quotes are counted there: one call per
  // event, where a counting generator around the source would add a generator layer the bare loop lacks.
  const inner = strategyFor(loaded);
  const strategy: Strategy = {
    id: inner.id,
    onMarket(event, nowMs, own) {
      if (event.kind === 'quote') quotes++;
      return inner.onMarket(event, nowMs, own);
    },
  };
  const sampled0 = samplingMs;
  const sampledCpu0 = samplingCpuUs;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await runSession({
    sessionId,
    spec: loaded.spec,
    specHash: loaded.specHash,
    data,
    core,
    strategy,
    sink,
    clock: new SimulatedClock(),
    ...(memory ? { onProgress: (p: { marketEvents: number }) => sample(peak, p.marketEvents) } : {}),
    progressEvery: 4096,
  });
  const seconds = elapsed(t0, sampled0);
  return { quotes, seconds, cpuSeconds: cpuSince(c0, sampledCpu0), peak, events: sink.events };
}

const rate = (r: Run) => r.quotes / r.seconds;
const cpuRate = (r: Run) => r.quotes / r.cpuSeconds;
const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
const line = (name: string, value: string, unit: string, ratio: number) =>
  console.log(`${name}: ${value} ${unit} (ratio ${ratio.toFixed(2)} vs baseline)`);

// Warm up the JIT (generator, bare loop and pipeline) on one untimed day so the first measured run is not the cold one.
async function warmUp(): Promise<void> {
  bare(market(1));
  await pipeline(market(1));
}
await warmUp();

const day = market(1);
const bare1 = bare(day);
const pipe1 = await pipeline(day);
if (pipe1.quotes !== bare1.quotes) throw new Error(`the pipeline saw ${pipe1.quotes} quotes, the bare loop ${bare1.quotes}`);
line('pipeline.backtest_1day.bare_read', rate(bare1).toFixed(0), 'quotes/s', 1);
line('pipeline.backtest_1day', rate(pipe1).toFixed(0), 'quotes/s', rate(pipe1) / rate(bare1));
line('pipeline.backtest_1day.bare_read.cpu', cpuRate(bare1).toFixed(0), 'quotes/cpu-s', 1);
line('pipeline.backtest_1day.cpu', cpuRate(pipe1).toFixed(0), 'quotes/cpu-s', cpuRate(pipe1) / cpuRate(bare1));
line('pipeline.backtest_1day.wall', pipe1.seconds.toFixed(2), 's', pipe1.seconds / bare1.seconds);
const bare1m = bare(day, true);
const pipe1m = await pipeline(day, true);
line('pipeline.backtest_1day.peak_rss', mb(pipe1m.peak.rss), 'MB', pipe1m.peak.rss / bare1m.peak.rss);
line('pipeline.backtest_1day.peak_heap', mb(pipe1m.peak.heap), 'MB', pipe1m.peak.heap / bare1m.peak.heap);
line('pipeline.backtest_1day.retained_heap', mb(pipe1m.peak.retained), 'MB', pipe1m.peak.retained / bare1m.peak.retained);

/** A session `days` trading days long: throughput against its own bare read, then wall time and memory against the one-day run. */
async function longSession(days: number): Promise<void> {
  const long = market(days);
  const bareN = bare(long);
  const pipeN = await pipeline(long);
  if (pipeN.quotes !== bareN.quotes)
    throw new Error(`${days} days: the pipeline saw ${pipeN.quotes} quotes, the bare loop ${bareN.quotes}`);
  const tag = `pipeline.backtest_${days}day`;
  line(`${tag}.bare_read`, rate(bareN).toFixed(0), 'quotes/s', 1);
  line(tag, rate(pipeN).toFixed(0), 'quotes/s', rate(pipeN) / rate(bareN));
  line(`${tag}.cpu`, cpuRate(pipeN).toFixed(0), 'quotes/cpu-s', cpuRate(pipeN) / cpuRate(bareN));
  // Linear growth: the wall time of N days against N one-day runs (1.00 is exactly linear).
  line(`${tag}.wall`, pipeN.seconds.toFixed(2), 's', pipeN.seconds / (days * pipe1.seconds));
  line(
    `pipeline.ratio_flatness_${days}day_vs_1day`,
    (rate(pipeN) / rate(bareN) / (rate(pipe1) / rate(bare1))).toFixed(2),
    'x',
    rate(pipeN) / rate(bareN) / (rate(pipe1) / rate(bare1)),
  );
  const bareM = bare(long, true);
  const pipeM = await pipeline(long, true);
  // Memory baselines are the one-day pipeline run: flat memory means ratios near 1.
  line(`${tag}.peak_rss`, mb(pipeM.peak.rss), 'MB', pipeM.peak.rss / pipe1m.peak.rss);
  line(`${tag}.peak_heap`, mb(pipeM.peak.heap), 'MB', pipeM.peak.heap / pipe1m.peak.heap);
  line(`${tag}.retained_heap`, mb(pipeM.peak.retained), 'MB', pipeM.peak.retained / pipe1m.peak.retained);
  line(`${tag}.bare_read.retained_heap`, mb(bareM.peak.retained), 'MB', bareM.peak.retained / bare1m.peak.retained);
}
for (const days of LONG_DAYS) await longSession(days);

// After the long run: holding a day in memory raises RSS for the rest of the process, which would pollute the memory figures above.
/** In its own function so the held events are garbage once it returns (the module frame would keep them). */
async function inMemoryPair(): Promise<void> {
  const held: MarketEvent[] = [...day.events()];
  // One untimed pass: the runner's loop was compiled for the generator's iterator, not an array's.
  await pipeline(inMemory(held));
  const bareMem = bare(inMemory(held));
  const pipeMem = await pipeline(inMemory(held));
  line('pipeline.backtest_1day_in_memory.bare_read', rate(bareMem).toFixed(0), 'quotes/s', 1);
  line('pipeline.backtest_1day_in_memory', rate(pipeMem).toFixed(0), 'quotes/s', rate(pipeMem) / rate(bareMem));
  line('pipeline.backtest_1day_in_memory.cpu', cpuRate(pipeMem).toFixed(0), 'quotes/cpu-s', cpuRate(pipeMem) / cpuRate(bareMem));
  line(
    'pipeline.backtest_1day_in_memory.cost_per_quote',
    ((pipeMem.seconds / pipeMem.quotes) * 1e9).toFixed(0),
    'ns',
    pipeMem.seconds / pipeMem.quotes / (bareMem.seconds / bareMem.quotes),
  );
}
await inMemoryPair();

/**
 * Fingerprint of one held day: our RFC 8785 lines hashed in chunks vs crypto.hash('sha256') over the
 * very same bytes (the floor), and vs canonicalize per event (what it replaced). Sessions pay the
 * generated figure before they start, since session.started records the fingerprint.
 */
function fingerprintFigures(): void {
  const held: MarketEvent[] = [...day.events()];
  const text = held.map((e) => `${marketEventJson(e)}\n`).join('');
  const mb = Buffer.byteLength(text) / 1024 / 1024;
  let t0 = performance.now();
  const raw = hash('sha256', text);
  const rawS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const ours = fingerprintEvents(held);
  const oursS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const reference = createHash('sha256');
  for (const e of held) reference.update(`${canonicalize(e) ?? ''}\n`);
  const refHex = reference.digest('hex');
  const refS = (performance.now() - t0) / 1000;
  if (ours !== raw || refHex !== raw) throw new Error(`fingerprint mismatch: ${ours} / ${refHex} / ${raw}`);
  t0 = performance.now();
  const generated = generateMarket(daySpec).fingerprint;
  const generatedS = (performance.now() - t0) / 1000;
  if (generated !== raw) throw new Error('generated fingerprint differs from the held one');
  line('fingerprint.sha256_raw_1day', (mb / rawS).toFixed(0), 'MB/s', 1);
  line('fingerprint.events_1day_in_memory', (mb / oursS).toFixed(0), 'MB/s', rawS / oursS);
  line('fingerprint.events_1day_in_memory.events_per_s', (held.length / oursS).toFixed(0), 'events/s', rawS / oursS);
  line('fingerprint.canonicalize_reference_1day', (mb / refS).toFixed(0), 'MB/s', rawS / refS);
  // What a session waits for: generating the day and fingerprinting it.
  line('fingerprint.generated_1day', generatedS.toFixed(2), 's', rawS / generatedS);
}
fingerprintFigures();
