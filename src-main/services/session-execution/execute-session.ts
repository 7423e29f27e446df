import { pipelineEvent } from '../../../src-shared/events/catalog';
import path from 'node:path';
import type { EventSink } from '../../../src-shared/events/pipeline-event';
import type { MarketEvent } from '../../../src-shared/market/quote';
import type { MarketDataSet } from '../../pipeline/market-data/market-source';
import type { LaneConfig } from '../../../src-shared/governance/lanes';
import type { SessionStatus } from '../../../src-shared/governance/session-lifecycle';
import type { JsonObject } from '../../../src-shared/json';
import { systemWallClock, type WallClock } from '../../pipeline/clock/paced-clock';
import { FileOperatorInbox } from '../../pipeline/operator/file-operator-inbox';
import { runSpecFromObject } from '../../pipeline/runner/run-spec';
import { RunSpecError } from '../../pipeline/runner/run-spec-loader';
import { clockFor, describeZodError, prepareSession } from '../../pipeline/runner/session-setup';
import { runSession, type RunProgress } from '../../pipeline/runner/session-runner';
import type { SessionRunOutcome } from '../sessions/session-runner-port';
import { codeStamp } from '../../version';
import { ApprovalGate } from './approval-gate';
import { applyLaneCeiling, describeTightened } from './lane-envelope';
import { SupervisedClock, type RunDirective } from './supervised-clock';

/** What one run needs from its host, whether the host is the same thread or the main thread of a worker. */
export interface ExecutionPort {
  sessionId: string;
  spec: JsonObject;
  /** The registry's hash of the stored spec; the run records it in `session.started`. */
  specHash: string;
  laneConfig: LaneConfig;
  dataDir: string;
  requiresApproval: boolean;
  /** Writes `session/<id>`; the only writer of that log during the run. */
  sink: EventSink;
  status(): SessionStatus | Promise<SessionStatus>;
  requestApproval(intent: JsonObject): void;
  takeReleasedIntents(): JsonObject[] | Promise<JsonObject[]>;
  /** Signs the session log's checkpoint (pause, end) and has it recorded in the registry. */
  seal(): void | Promise<void>;
  onProgress?(p: RunProgress): void;
}

export interface ExecutionOptions {
  /** Relative data and signal paths in a stored spec resolve against this folder (default: the working directory). */
  baseDir?: string;
  /** Real time for pacing and pause polling; tests inject one. */
  wall?: WallClock;
  /** Registry checks every this many clock advances in a backtest (a paced run checks at every advance). */
  checkEvery?: number;
  /** Wall ms between registry reads while paused. */
  pausePollMs?: number;
  /** Lets the host stop the run (shutdown, SIGINT): the run ends cleanly at its next step. */
  onClock?(stop: () => void): void;
  /** Progress for the host's own display (a terminal bar), besides the port's. */
  onProgress?(p: RunProgress): void;
  /** An extra copy of every step (a JSONL file); the port's sink stays the record. */
  tee?: EventSink;
  /** Sees each market event the run reads, before the pipeline does (the demo's narrator). */
  observeMarket?(e: MarketEvent): void;
}

function directiveOf(status: SessionStatus): RunDirective {
  return status === 'paused' ? 'pause' : status === 'running' ? 'run' : 'stop';
}

/** A refused spec as one reason line: `SPEC_INVALID: field=..., reason=...` for each problem. */
export function describeSpecRefusal(err: unknown): string | null {
  if (err instanceof RunSpecError) return err.issues.map((i) => `SPEC_INVALID: field=${i.path}, reason=${i.reason}`).join('; ');
  const zod = describeZodError(err);
  return zod === null ? null : `SPEC_INVALID: ${zod.replace(/\n/g, '; ')}`;
}

/**
 * Runs one registered session through the real pipeline: the stored spec is validated, the lane's envelope
 * and capital cap it, events go to the session log through the port's sink, the registry status steers
 * pause and stop, the operator inbox is polled, and approvals gate every intent when the session needs them.
 */
export async function executeSession(port: ExecutionPort, opts: ExecutionOptions = {}): Promise<SessionRunOutcome> {
  const { sessionId } = port;
  const capped = applyLaneCeiling(port.spec, port.laneConfig);
  let loaded;
  let prepared;
  try {
    loaded = runSpecFromObject(capped.spec, opts.baseDir ?? process.cwd(), `session ${sessionId} spec`);
    prepared = prepareSession(loaded, sessionId);
  } catch (err) {
    const refusal = describeSpecRefusal(err);
    if (refusal === null) throw err;
    return { status: 'aborted', reason: refusal };
  }
  const wall = opts.wall ?? systemWallClock;
  const inner = clockFor(loaded.spec, wall);
  const gate = port.requiresApproval ? new ApprovalGate(sessionId, port.requestApproval) : null;
  let sealedForPause = false;
  const clock = new SupervisedClock(
    inner,
    {
      directive: async () => directiveOf(await port.status()),
      onCheck: gate ? async () => gate.enqueueReleased(await port.takeReleasedIntents()) : undefined,
      onPaused: async () => {
        if (sealedForPause) return;
        sealedForPause = true;
        await port.seal();
      },
      onResumed: () => {
        sealedForPause = false;
      },
    },
    { checkEvery: loaded.spec.run_mode === 'backtest' ? (opts.checkEvery ?? 2048) : 1, wall, pausePollMs: opts.pausePollMs ?? 100 },
  );
  opts.onClock?.(() => clock.stop());
  const recorded = opts.tee ? teeSink(port.sink, opts.tee) : port.sink;
  const gated = gate ? gate.wrapSink(recorded) : recorded;
  const sink =
    capped.tightened.length === 0 ? gated : withLaneCeilingEvent(gated, loaded.spec.lane, capped.tightened.map(describeTightened));
  const result = await runSession({
    sessionId,
    // The registry's approval flag wins: a session created to need approval never submits unreviewed intents.
    spec: { ...loaded.spec, approvals_required: port.requiresApproval },
    specHash: port.specHash,
    data: opts.observeMarket ? observed(prepared.data, opts.observeMarket) : prepared.data,
    core: gate ? gate.wrapCore(prepared.core) : prepared.core,
    strategy: prepared.strategy,
    sink,
    clock,
    operatorInbox: new FileOperatorInbox(port.dataDir, sessionId, loaded.spec.run_mode === 'backtest' ? 1024 : 1),
    codeVersion: codeStamp(),
    ...(port.onProgress || opts.onProgress
      ? {
          onProgress: (p: RunProgress) => {
            port.onProgress?.(p);
            opts.onProgress?.(p);
          },
        }
      : {}),
  });
  await port.seal();
  if (!result.counters.stoppedEarly) return { status: 'completed' };
  const status = await port.status();
  return { status: 'aborted', reason: status === 'aborted' ? 'STOPPED: the registry ended the run' : 'STOPPED: the host ended the run' };
}

function observed(data: MarketDataSet, see: (e: MarketEvent) => void): MarketDataSet {
  return {
    id: data.id,
    contracts: data.contracts,
    get fingerprint() {
      return data.fingerprint;
    },
    *events() {
      for (const e of data.events()) {
        see(e);
        yield e;
      }
    },
  };
}

function teeSink(record: EventSink, copy: EventSink): EventSink {
  return {
    appendStep(sessionId, events) {
      record.appendStep(sessionId, events);
      copy.appendStep(sessionId, events);
    },
  };
}

/** Records, in the same step as `session.started`, which limits the lane made stricter than the spec. */
function withLaneCeilingEvent(next: EventSink, lane: string, applied: string[]): EventSink {
  let done = false;
  return {
    appendStep(sessionId, events) {
      const started = done ? undefined : events.find((e) => e.type === 'session.started');
      if (!started) return next.appendStep(sessionId, events);
      done = true;
      next.appendStep(sessionId, [...events, pipelineEvent('session.lane_ceiling', started.ts, 'system', { lane, applied })]);
    },
  };
}

/** For hosts that store specs with paths relative to a spec file. */
export function specBaseDir(specFile: string): string {
  return path.dirname(path.resolve(specFile));
}
