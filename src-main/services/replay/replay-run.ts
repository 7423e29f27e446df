import type { EventSink } from '../../../src-shared/events/pipeline-event';
import type { JsonObject } from '../../../src-shared/json';
import type { ContractRef } from '../../../src-shared/market/quote';
import type { Clock } from '../../pipeline/clock/clock';
import { createTradingCore } from '../../pipeline/core/trading-core';
import type { TradingCore } from '../../pipeline/trading-core';
import type { MarketDataSet } from '../../pipeline/market-data/market-source';
import type { OperatorInbox } from '../../pipeline/operator/operator-action';
import { canonicalHash } from '../../pipeline/runner/canonical';
import { runSpecFromObject, type RunSpec } from '../../pipeline/runner/run-spec';
import type { LoadedSpec } from '../../pipeline/runner/run-spec-loader';
import { coreConfigFor, openMarketData, restrictToContracts, strategyFor } from '../../pipeline/runner/session-setup';
import { runSession, type RunResult } from '../../pipeline/runner/session-runner';
import type { RecordedInputs } from './recorded-inputs';
import type { RecordedLog } from './recorded-log';
import { ReplayClock } from './replay-clock';

/** Everything a re-run needs, gathered once from the store or a verified bundle. */
export interface ReplayInputs {
  sessionId: string;
  log: string;
  source: 'store' | 'bundle';
  inputs: RecordedInputs;
  /** The original log, read again in step with a replay. */
  recorded: RecordedLog;
  /** The run spec as registered (raw); validated again for every run. */
  spec: JsonObject;
  /** Folder relative paths in the spec resolve against (strategy signal files, generator specs). */
  baseDir: string;
  data: MarketDataSet;
}

/** Previous settlements and holidays the spec's own source states (a generator spec does); nothing else is read. */
function settlementsFor(loaded: LoadedSpec<RunSpec>): { prevSettlements: ReadonlyMap<ContractRef, number>; holidays: readonly string[] } {
  if (loaded.spec.data.kind === 'generator') {
    try {
      const o = openMarketData(loaded);
      return { prevSettlements: o.prevSettlements, holidays: o.holidays };
    } catch {
      // The generator spec file is not here (a reviewer's machine): the run spec must state prev_settlement.
    }
  }
  return { prevSettlements: new Map(), holidays: loaded.spec.holidays };
}

/**
 * The spec hash the runner writes into session.started: the recorded one when this spec hashes to it
 * (the registry hashes the raw spec, the CLI the validated one), else the fresh hash, so a changed spec
 * shows up as a divergence at seq 0 rather than being papered over.
 */
function specHashFor(raw: JsonObject, loaded: LoadedSpec<RunSpec>, recorded: unknown): string {
  if (typeof recorded === 'string' && (recorded === loaded.specHash || recorded === canonicalHash(raw))) return recorded;
  return loaded.specHash;
}

export function stopAtOf(inputs: RecordedInputs): number | null {
  const summary = inputs.completed?.summary as JsonObject | undefined;
  if (summary?.stopped_early !== true || inputs.lastRunnerTs === null) return null;
  return Date.parse(inputs.lastRunnerTs);
}

export interface PipelineRunOptions {
  spec: JsonObject;
  sink: EventSink;
  clock?: Clock;
  inbox?: (clock: Clock) => OperatorInbox;
  /** Puts something between the runner and the core (a replay hands recorded approval releases back there). */
  wrapCore?: (core: TradingCore) => TradingCore;
}

/** One run of the real pipeline (runSession with the real core and strategy) on the recorded inputs. */
export async function runPipeline(r: ReplayInputs, opts: PipelineRunOptions): Promise<RunResult> {
  const loaded = runSpecFromObject(opts.spec, r.baseDir, `run spec of ${r.sessionId}`);
  const config = coreConfigFor(loaded, r.sessionId, { data: r.data, ...settlementsFor(loaded) });
  const clock = opts.clock ?? new ReplayClock(stopAtOf(r.inputs));
  const started = r.inputs.started ?? {};
  const core = createTradingCore(config);
  return runSession({
    sessionId: r.sessionId,
    // The flag the run had (the registry's wins over the spec's when the session was created to need approval).
    spec:
      typeof started.approvals_required === 'boolean' ? { ...loaded.spec, approvals_required: started.approvals_required } : loaded.spec,
    specHash: specHashFor(opts.spec, loaded, started.spec_hash),
    data: restrictToContracts(
      r.data,
      loaded.spec.contracts.map((c) => c.contract),
    ),
    core: opts.wrapCore ? opts.wrapCore(core) : core,
    strategy: strategyFor(loaded),
    sink: opts.sink,
    clock,
    ...(opts.inbox ? { operatorInbox: opts.inbox(clock) } : {}),
    // The recorded version: replay asks whether this code reproduces that run byte for byte.
    codeVersion: typeof started.code_version === 'string' ? started.code_version : 'dev',
  });
}
