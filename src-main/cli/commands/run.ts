import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MarketDataImportError } from '../../pipeline/market-data/import-error';
import { JsonlFileSink } from '../../pipeline/runner/jsonl-file-sink';
import { loadRunSpec, type RunSpec } from '../../pipeline/runner/run-spec';
import { RunSpecError, type LoadedSpec } from '../../pipeline/runner/run-spec-loader';
import { clockFor, describeZodError, prepareSession } from '../../pipeline/runner/session-setup';
import { runSession, type RunProgress, type RunResult } from '../../pipeline/runner/session-runner';
import { FileOperatorInbox } from '../../pipeline/operator/file-operator-inbox';
import { SignalFileError } from '../../pipeline/strategies/signal-file';
import type { JsonObject } from '../../../src-shared/json';
import { bookModelRecord, describeBookModel, syntheticBookFor, type BookModelRecord } from '../../../src-shared/market/book-model';
import { codeStamp } from '../../version';
import { runRecordedSession } from '../../services/session-execution/recorded-run';
import { EXIT, type CliIo, type CommandEnv } from '../io';

/** A readable, unique default: lane, wall time and a short random tag (the CLI, not the pipeline, may read the wall). */
export function defaultSessionId(lane: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `${lane.replace('paper_', '')}-${stamp}-${randomUUID().slice(0, 6)}`;
}

export function sessionDir(dataDir: string, sessionId: string): string {
  return path.join(dataDir, 'sessions', sessionId);
}

/** Refusals the user can fix (spec, signal file, data file): one clear message, exit 2. */
export function describeSetupError(err: unknown): string | null {
  if (err instanceof RunSpecError || err instanceof SignalFileError || err instanceof MarketDataImportError) return err.message;
  const zod = describeZodError(err);
  return zod === null ? null : `invalid configuration:\n${zod}`;
}

/** A bad spec, data source or signal file is a usage error: print the field-level reasons, exit 2. Anything else is a bug: rethrow. */
export function refuseSetupError(err: unknown, io: CliIo, setExit: (code: number) => void): void {
  const msg = describeSetupError(err);
  if (msg === null) throw err;
  io.err(msg + '\n');
  setExit(EXIT.USAGE);
}

function progressBar(io: CliIo, p: RunProgress): void {
  const width = 30;
  const frac = p.fraction ?? 0;
  const filled = Math.round(frac * width);
  // Progress goes to stderr, so stdout stays the summary (or JSON) a script can capture.
  io.err(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%  ${p.marketEvents} events  ${new Date(p.dataTs).toISOString()}`,
  );
}

export function formatSummary(result: RunResult, loaded: LoadedSpec<RunSpec>, eventsFile: string): string {
  const s = result.summary as Record<string, unknown> & { orders_by_outcome: Record<string, number>; breaches: string[] };
  const o = s.orders_by_outcome;
  return [
    `Session ${result.sessionId} ${s.stopped_early ? 'stopped early' : 'completed'} (${loaded.spec.lane}, ${loaded.spec.run_mode}, ${String(s.market_events)} market events)`,
    `  signals ${String(s.signals)}, intents ${String(s.intents)} (${String(s.intents_skipped)} skipped), operator actions ${String(s.operator_actions)}`,
    `  orders ${String(s.orders)}: filled ${o.filled}, partially filled ${o.partially_filled}, canceled ${o.canceled}, expired ${o.expired}, denied ${o.denied}, rejected ${o.rejected}`,
    `  fills ${String(s.fills)}`,
    `  gross PnL NT$ ${String(s.gross_pnl)}, fees NT$ ${String(s.fees)}, tax NT$ ${String(s.tax)}, net PnL NT$ ${String(s.net_pnl)}`,
    `  equity NT$ ${String(s.start_equity)} -> NT$ ${String(s.end_equity)}, max drawdown NT$ ${String(s.max_drawdown)}, trading state ${String(s.trading_state)}`,
    `  breaches: ${s.breaches.length === 0 ? 'none' : s.breaches.join('; ')}`,
    ...statisticsLines(s.statistics as JsonObject | undefined),
    `  book: ${bookLine(loaded.spec)}`,
    `  spec hash ${loaded.specHash}`,
    `  events: ${eventsFile}`,
  ].join('\n');
}

function bookModelOf(spec: RunSpec): BookModelRecord | null {
  const model = syntheticBookFor(spec.data.kind, spec.fill_model);
  return model === null ? null : bookModelRecord(model);
}

function bookLine(spec: RunSpec): string {
  const model = syntheticBookFor(spec.data.kind, spec.fill_model);
  return model === null ? "the data source's own quotes" : describeBookModel(model);
}

/** The gatecheck statistics of a summary (see session-statistics.ts) as summary lines. */
export function statisticsLines(st: JsonObject | undefined): string[] {
  if (!st) return [];
  const lines: string[] = [];
  const slip = (label: string, m: JsonObject) => {
    for (const [k, d] of Object.entries(m as Record<string, JsonObject>))
      lines.push(
        `  slippage ${label} ${k}: ${String(d.fills)} fills, p50 ${String(d.p50_points)} pt (${String(d.p50_bps)} bps), p90 ${String(d.p90_points)} pt (${String(d.p90_bps)} bps), max ${String(d.max_points)} pt (${String(d.max_bps)} bps)`,
      );
  };
  slip('contract', st.slippage_by_contract as JsonObject);
  slip('strategy', st.slippage_by_strategy as JsonObject);
  const h = st.hit_rate as JsonObject;
  lines.push(
    `  hit rate ${h.percent === null ? '-' : `${String(h.percent)}%`} (${String(h.winning)} winning of ${String(h.closing_fills)} closing fills)`,
  );
  const usage = Object.entries(st.risk_envelope_usage as Record<string, JsonObject>).map(
    ([k, u]) => `${k} ${String(u.peak)}/${String(u.limit)}${u.percent === null ? '' : ` (${String(u.percent)}%)`}`,
  );
  if (usage.length > 0) lines.push(`  risk envelope usage: ${usage.join(', ')}`);
  const counts = (m: JsonObject) =>
    Object.entries(m)
      .map(([k, n]) => `${k} ${String(n)}`)
      .join(', ') || 'none';
  lines.push(
    `  breaches by code: ${counts(st.breaches_by_code as JsonObject)}; denials by code: ${counts(st.denials_by_code as JsonObject)}`,
  );
  return lines;
}

interface RunOpts {
  json?: boolean;
  sessionId?: string;
  jsonl?: string;
  laneFromSpec?: boolean;
}

/** The evidence of a recorded session, as lines a person can act on. */
export function evidenceLines(sessionId: string, log: string, logSize: number, dbPath: string): string[] {
  return [
    `  evidence: audit log ${log} (${logSize} events, hash-chained, signed checkpoints) in ${dbPath}`,
    `  check it: papertape verify   |   papertape sessions show ${sessionId}   |   papertape export ${sessionId} --out <dir>`,
  ];
}

/**
 * The default: a real session in the registry and the audit store, run by the same runner the app uses.
 * (`--session-id` keeps the older scratch run: JSONL files only, nothing in the registry.)
 */
async function runRecorded(
  specFile: string,
  opts: RunOpts,
  { io, setExit, openContext }: Pick<CommandEnv, 'io' | 'setExit' | 'openContext'>,
): Promise<void> {
  let loaded: LoadedSpec<RunSpec>;
  try {
    loaded = loadRunSpec(specFile);
    // Refuse a bad data source, contract or signal file up front, before anything is registered.
    prepareSession(loaded, 'S-00000000-0');
  } catch (err) {
    refuseSetupError(err, io, setExit);
    return;
  }
  const ctx = openContext();
  const tee = opts.jsonl ? new JsonlFileSink(path.resolve(opts.jsonl)) : null;
  let stop: (() => void) | null = null;
  const onSignal = () => stop?.();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const showBar = io.isTty && !opts.json;
  try {
    const run = await runRecordedSession(ctx, loaded, {
      laneFromSpec: opts.laneFromSpec !== false,
      onClock: (s) => (stop = s),
      ...(tee ? { tee } : {}),
      onStart: (id) => {
        if (!opts.json)
          io.out(
            `Session ${id} (${loaded.spec.run_mode}${loaded.spec.run_mode === 'paper' ? `, ${loaded.spec.speed}x` : ''}); halt it from another terminal with: papertape halt --session ${id} --operator <name> --reason <text>\n`,
          );
      },
      ...(showBar ? { onProgress: (p: RunProgress) => progressBar(io, p) } : {}),
    });
    if (showBar) io.err('\n');
    const evidence = evidenceLines(run.sessionId, run.log, run.logSize, ctx.dbPath);
    if (opts.json) {
      io.out(
        JSON.stringify(
          {
            session_id: run.sessionId,
            status: run.session.status,
            status_reason: run.session.statusReason,
            spec_hash: run.session.specHash,
            lane_configured_from_spec: run.laneConfigured !== null,
            log: run.log,
            log_size: run.logSize,
            merkle_root: run.checkpoint?.root ?? null,
            checkpoint: run.checkpoint ? { size: run.checkpoint.size, root: run.checkpoint.root, signed_note: run.checkpoint.note } : null,
            database: ctx.dbPath,
            ...(opts.jsonl ? { events_file: path.resolve(opts.jsonl) } : {}),
            summary: run.summary,
          },
          null,
          2,
        ) + '\n',
      );
    } else {
      if (run.laneConfigured)
        io.out(
          `Lane ${run.laneConfigured.lane} was unconfigured (fail closed): it now has this spec's envelope and capital (lane.configured in the registry log).\n`,
        );
      if (run.summary) {
        const counters = { stoppedEarly: run.summary.stopped_early === true } as RunResult['counters'];
        io.out(
          formatSummary(
            { sessionId: run.sessionId, summary: run.summary, counters },
            { ...loaded, specHash: run.session.specHash },
            opts.jsonl ? path.resolve(opts.jsonl) : '-',
          ).replace(/\n {2}events: .*$/, '') + '\n',
        );
      }
      io.out(`  status: ${run.session.status}${run.session.statusReason ? ` (${run.session.statusReason})` : ''}\n`);
      if (run.checkpoint)
        io.out(`  Merkle root ${run.checkpoint.root} over ${run.checkpoint.size} events (signed checkpoint in the registry log)\n`);
      io.out(evidence.join('\n') + '\n');
      if (opts.jsonl) io.out(`  events (copy): ${path.resolve(opts.jsonl)}\n`);
    }
    setExit(run.session.status === 'completed' || run.summary?.stopped_early === true ? EXIT.OK : EXIT.FINDING);
  } finally {
    tee?.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    ctx.close();
  }
}

export function registerRun({ program, io, setExit, dataDir, openContext }: CommandEnv): void {
  program
    .command('run')
    .description('run a paper session (backtest or paced paper) from a run spec (YAML or JSON)')
    .argument('<spec>', 'run spec file')
    .option('--json', 'print the result as JSON (no progress bar)')
    .option('--session-id <id>', 'a scratch run outside the registry under this id (JSONL files only, nothing in the audit store)')
    .option('--jsonl <file>', 'also write every event as one canonical JSON line to this file')
    .option('--no-lane-from-spec', "leave an unconfigured lane fail closed instead of giving it the spec's envelope")
    .action(async (specFile: string, opts: RunOpts) => {
      if (opts.sessionId === undefined) return runRecorded(specFile, opts, { io, setExit, openContext });
      let loaded: LoadedSpec<RunSpec>;
      let prepared: ReturnType<typeof prepareSession>;
      const sessionId = opts.sessionId ?? '';
      try {
        loaded = loadRunSpec(specFile);
        const id = sessionId || defaultSessionId(loaded.spec.lane);
        prepared = prepareSession(loaded, id);
        opts.sessionId = id;
      } catch (err) {
        refuseSetupError(err, io, setExit);
        return;
      }
      const id = opts.sessionId;
      const dir = sessionDir(dataDir(), id);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'run-spec.json'), JSON.stringify({ spec_hash: loaded.specHash, spec: loaded.spec }, null, 2) + '\n');
      const eventsFile = path.join(dir, 'events.jsonl');
      const sink = new JsonlFileSink(eventsFile);
      const clock = clockFor(loaded.spec);
      const inbox = new FileOperatorInbox(dataDir(), id, loaded.spec.run_mode === 'backtest' ? 1024 : 1);
      const showBar = io.isTty && !opts.json;
      let expected: number | undefined;
      if (showBar) {
        expected = 0;
        for (const _ of prepared.data.events()) expected++;
      }
      const onSignal = () => clock.stop();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      if (!opts.json)
        io.out(
          `Session ${id} (${loaded.spec.run_mode}${loaded.spec.run_mode === 'paper' ? `, ${loaded.spec.speed}x` : ''}); halt it from another terminal with: papertape halt --session ${id} --operator <name> --reason <text>\n`,
        );
      let result: RunResult;
      try {
        result = await runSession({
          sessionId: id,
          spec: loaded.spec,
          specHash: loaded.specHash,
          data: prepared.data,
          core: prepared.core,
          strategy: prepared.strategy,
          sink,
          clock,
          operatorInbox: inbox,
          codeVersion: codeStamp(),
          ...(showBar ? { onProgress: (p: RunProgress) => progressBar(io, p), progressEvery: 2048 } : {}),
          ...(expected !== undefined ? { expectedEvents: expected } : {}),
        });
      } finally {
        sink.close();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      if (showBar) io.err('\n');
      if (opts.json) {
        io.out(
          JSON.stringify(
            {
              session_id: id,
              spec_hash: loaded.specHash,
              data_id: prepared.data.id,
              data_fingerprint: prepared.data.fingerprint,
              book_model: bookModelOf(loaded.spec),
              events_file: eventsFile,
              summary: result.summary,
            },
            null,
            2,
          ) + '\n',
        );
      } else io.out(formatSummary(result, loaded, eventsFile) + '\n');
      setExit(EXIT.OK);
    });
}
