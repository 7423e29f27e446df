import fs from 'node:fs';
import path from 'node:path';
import type { EventSink, PipelineEvent } from '../../../src-shared/events/pipeline-event';
import type { JsonObject, JsonValue } from '../../../src-shared/json';
import type { MarketEvent, Quote } from '../../../src-shared/market/quote';
import { JsonlFileSink } from '../../pipeline/runner/jsonl-file-sink';
import { loadRunSpec } from '../../pipeline/runner/run-spec';
import { prepareSession } from '../../pipeline/runner/session-setup';
import { repoRoot } from '../../version';
import { EXIT, type CommandEnv } from '../io';
import { runRecordedSession } from '../../services/session-execution/recorded-run';
import type { RunResult } from '../../pipeline/runner/session-runner';
import { evidenceLines, formatSummary, refuseSetupError, sessionDir } from './run';

/** One signal followed through every later event that names its intent, order or fills. */
class SignalTrace {
  intent: PipelineEvent | null = null;
  readonly chain: PipelineEvent[] = [];
  filled = false;
  private orderId: string | null = null;
  private readonly fillIds = new Set<string>();

  constructor(
    readonly signal: PipelineEvent,
    readonly quote: Quote | null,
  ) {}

  follow(e: PipelineEvent): void {
    const p = e.payload;
    if (this.intent === null) {
      if (e.type === 'intent.created' || e.type === 'intent.skipped') this.intent = e;
      return;
    }
    if (this.orderId === null && e.type === 'risk.decision' && p.intent_id === this.intent.payload.intent_id)
      this.orderId = String(p.order_id);
    if (this.orderId === null) return;
    if (p.order_id === this.orderId || (typeof p.fill_id === 'string' && this.fillIds.has(p.fill_id))) {
      if (e.type === 'broker.fill' && typeof p.fill_id === 'string') {
        this.fillIds.add(p.fill_id);
        this.filled = true;
      }
      if (this.chain.length < 40) this.chain.push(e);
    }
  }
}

/**
 * Picks the story to tell: the first signal whose order was filled (the whole road from quote to
 * position), or the first signal at all when none was. Events pass through to the real sink untouched.
 */
class DemoTrace implements EventSink {
  first: SignalTrace | null = null;
  private current: SignalTrace | null = null;
  private lastQuote: Quote | null = null;

  constructor(private readonly next: EventSink) {}

  get story(): SignalTrace | null {
    return this.current?.filled ? this.current : this.first;
  }

  get skippedUnfilled(): boolean {
    return this.story !== this.first;
  }

  seeMarket(event: MarketEvent): void {
    if (event.kind === 'quote') this.lastQuote = event.quote;
  }

  appendStep(sessionId: string, events: readonly PipelineEvent[]): void {
    this.next.appendStep(sessionId, events);
    for (const e of events) {
      if (e.type === 'strategy.signal' && !this.current?.filled) {
        this.current = new SignalTrace(e, this.lastQuote);
        this.first ??= this.current;
      } else this.current?.follow(e);
    }
  }
}

const taipei = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().replace('T', ' ').replace('Z', ' Taipei');
const str = (v: JsonValue | undefined): string =>
  v === null || v === undefined ? '-' : typeof v === 'object' ? JSON.stringify(v) : String(v);

function describeStep(e: PipelineEvent): string {
  const p = e.payload;
  switch (e.type) {
    case 'risk.decision':
      return `risk ${str(p.verdict)}: approved ${str(p.approved)} of ${str(p.requested)}${p.reason ? ` (${str(p.reason)})` : ''}`;
    case 'oms.order':
      return `order ${str(p.order_id)} created`;
    case 'oms.transition':
      return `${str(p.from)} -> ${str(p.to)} on ${str(p.event)}${p.reason ? ` (${str(p.reason)})` : ''}`;
    case 'broker.fill':
      return `fill ${str(p.quantity)} @ ${str(p.price)} (${str(p.liquidity)}; slippage ${str(p.slippage_points)} points; fees NT$ ${str(p.fees_ntd)}, tax NT$ ${str(p.tax_ntd)})`;
    case 'broker.submit':
      return `sent to the paper venue (latency ${str(p.latency_ms)} ms${p.fault ? `, fault ${str(p.fault)}` : ''})`;
    case 'broker.ack':
      return 'the paper venue acknowledged the order';
    case 'portfolio.update':
      return `position ${str(p.position)} @ ${str(p.avg_price)}, unrealized NT$ ${str(p.unrealized_ntd)}, equity NT$ ${str(p.equity_ntd)}`;
    default: {
      const reason = p.reason ?? p.explanation;
      return `${e.type}${reason !== undefined ? `: ${str(reason)}` : ''}`;
    }
  }
}

function checksLine(p: JsonObject): string[] {
  const checks = Array.isArray(p.checks) ? (p.checks as JsonObject[]) : [];
  return checks.map((c) => `       ${str(c.verdict).padEnd(6)} ${str(c.check)}${c.reason ? `  ${str(c.reason)}` : ''}`);
}

export function registerDemo({ program, io, setExit, dataDir, openContext }: CommandEnv): void {
  program
    .command('demo')
    .description('the research workflow end to end on a fixture day, explained step by step')
    .option('--spec <file>', 'run spec to demonstrate', 'fixtures/specs/demo-research.yaml')
    .action(async (opts: { spec: string }) => {
      const specFile = path.isAbsolute(opts.spec) || fs.existsSync(opts.spec) ? opts.spec : path.join(repoRoot(), opts.spec);
      let loaded;
      let prepared;
      const say = (text = '') => io.out(text + '\n');
      try {
        const fromFile = loadRunSpec(specFile);
        // The demo always runs as fast as it can; the registry stores the spec as it ran.
        loaded = { ...fromFile, spec: { ...fromFile.spec, run_mode: 'backtest' as const } };
        prepared = prepareSession(loaded, 'S-00000000-0');
      } catch (err) {
        refuseSetupError(err, io, setExit);
        return;
      }
      // The narrator reads a copy of the events; the record is the session's audit log.
      let eventsFile = '';
      let dir = '';
      let file: JsonlFileSink | null = null;
      const copy: EventSink = {
        appendStep(id, events) {
          if (!file) {
            dir = sessionDir(dataDir(), id);
            fs.mkdirSync(dir, { recursive: true });
            eventsFile = path.join(dir, 'events.jsonl');
            file = new JsonlFileSink(eventsFile);
          }
          file.appendStep(id, events);
        },
      };
      const trace = new DemoTrace(copy);
      const source = prepared.data;
      say('Papertape demo: one research session on a fixture day. Paper only: every order and fill below is simulated.');
      say(
        `Spec ${path.relative(process.cwd(), specFile)}: lane ${loaded.spec.lane}, ${loaded.spec.run_mode}, strategy ${loaded.spec.strategy.kind} "${loaded.spec.strategy.id}"`,
      );
      say(
        `Data ${source.id} (fingerprint ${source.fingerprint.slice(0, 16)}...), contracts ${loaded.spec.contracts.map((c) => c.contract).join(', ')}`,
      );
      const ctx = openContext();
      let run;
      try {
        run = await runRecordedSession(ctx, loaded, { tee: trace, observeMarket: (e) => trace.seeMarket(e) });
      } finally {
        (file as JsonlFileSink | null)?.close();
        ctx.close();
      }
      if (run.laneConfigured)
        say(
          `Lane ${run.laneConfigured.lane} was unconfigured (fail closed): it now has the demo spec's envelope and capital, recorded as lane.configured in the registry log.`,
        );
      say();
      const sessionId = run.sessionId;
      const result = {
        sessionId,
        summary: run.summary ?? {},
        counters: { stoppedEarly: run.summary?.stopped_early === true } as RunResult['counters'],
      };
      if (dir)
        fs.writeFileSync(
          path.join(dir, 'run-spec.json'),
          JSON.stringify({ spec_hash: run.session.specHash, spec: loaded.spec }, null, 2) + '\n',
        );
      const story = trace.story;
      const q = story?.quote ?? null;
      if (story === null || q === null) {
        say('The strategy emitted no signal on this day; the session summary follows.');
      } else {
        const s = story.signal.payload;
        if (trace.skippedUnfilled)
          say('(The first signals of the day were denied or not filled; this follows the first one that filled.)\n');
        say(
          `1. Market snapshot (what the strategy saw) ${q.contract} at ${taipei(story.signal.ts)}, ${q.session} session, regime ${q.regime}`,
        );
        say(`   bid ${str(q.bid)} x ${q.bidSize}   ask ${str(q.ask)} x ${q.askSize}   last ${str(q.last)}`);
        say(
          `   depth  bids ${q.bids.map((l) => `${l.price}x${l.size}`).join(' ')} | asks ${q.asks.map((l) => `${l.price}x${l.size}`).join(' ')}`,
        );
        say();
        say(
          `2. Signal (the strategy may only emit signals)  ${str(s.signal_id)}: ${str(s.direction)} ${str(s.quantity)} ${str(s.contract)}, strength ${str(s.strength)}/1000`,
        );
        say(`   reason  ${str(s.reason)}`);
        say();
        const i = story.intent?.payload;
        if (i && story.intent?.type === 'intent.created') {
          say(
            `3. Paper order intent (built by the platform)  ${str(i.intent_id)}: ${str(i.side)} ${str(i.quantity)} ${str(i.contract)} ${str(i.order_type)} ${str(i.time_in_force)}${i.reduce_only ? ' reduce-only' : ''}`,
          );
          say(`   idempotency key ${str(i.idempotency_key)} = SHA-256 of (session, signal id): a replay rebuilds the same key`);
        } else say(`3. No intent: ${str(i?.reason)}`);
        say();
        const decision = story.chain.find((e) => e.type === 'risk.decision');
        if (decision) {
          say(`4. Risk decision  ${describeStep(decision)}`);
          for (const line of checksLine(decision.payload)) say(line);
          say();
        }
        say('5. OMS timeline (order state, broker, portfolio)');
        for (const e of story.chain.filter((x) => x.type !== 'risk.decision')) say(`   ${taipei(e.ts)}  ${describeStep(e)}`);
        say();
      }
      say('6. Position and PnL at the end of the session');
      say(formatSummary(result, loaded, eventsFile).split('\n').slice(1, 7).join('\n'));
      const held = (result.summary.positions as JsonObject[]).map((p) => `${str(p.contract)} ${str(p.quantity)} @ ${str(p.avg_price)}`);
      say(`  positions: ${held.length === 0 ? 'none' : held.join(', ')}`);
      say();
      say('7. Where the evidence is');
      say(`   session ${sessionId} (${run.session.status}) in the registry: papertape sessions show ${sessionId}`);
      for (const line of evidenceLines(sessionId, run.log, run.logSize, path.join(dataDir(), 'papertape.db'))) say(` ${line}`);
      say(`   every event of this session, one canonical JSON line each: ${eventsFile}`);
      say(`   the run spec as run, with its hash ${run.session.specHash.slice(0, 16)}...: ${path.join(dir, 'run-spec.json')}`);
      const told = trace.story;
      if (told?.intent?.payload.intent_id) {
        say(
          `   follow this order:  grep -e '${str(told.intent.payload.intent_id)}' -e '"order_id":"${str(told.chain[0]?.payload.order_id)}"' ${eventsFile}`,
        );
      }
      say(`   run it yourself:    papertape run ${path.relative(process.cwd(), specFile)}`);
      setExit(EXIT.OK);
    });
}
