import { readPipelinePayload } from '../../../src-shared/events/catalog';
import path from 'node:path';
import { sessionLogId } from '../../../src-shared/audit/audit-envelope';
import type { EventSink } from '../../../src-shared/events/pipeline-event';
import type { MarketEvent } from '../../../src-shared/market/quote';
import type { LaneView } from '../../../src-shared/governance/lane-view';
import type { SessionView } from '../../../src-shared/governance/session-view';
import type { JsonObject } from '../../../src-shared/json';
import type { AppContext } from '../../app-context';
import type { RunProgress } from '../../pipeline/runner/session-runner';
import type { RunSpec } from '../../pipeline/runner/run-spec';
import type { LoadedSpec } from '../../pipeline/runner/run-spec-loader';
import { governanceOf } from '../sessions/governance';
import { setSessionRunner } from '../sessions/session-runner-port';
import { startSession, whenSettled } from '../sessions/session-runs';
import { createSession, getSession } from '../sessions/session-service';
import { createPipelineSessionRunner } from './pipeline-session-runner';
import { configureLaneFromSpecIfUnset } from './lane-from-spec';

export interface RecordedRun {
  sessionId: string;
  session: SessionView;
  /** The `session.completed` payload, null when the run never got that far (refused, failed). */
  summary: JsonObject | null;
  /** Set when the lane was unconfigured and took the spec's envelope (recorded in the registry log). */
  laneConfigured: LaneView | null;
  log: string;
  logSize: number;
  /** The session log's Merkle root and its last signed checkpoint (C2SP signed note), once settled. */
  checkpoint: { size: number; root: string; note: string } | null;
}

export interface RecordedRunOptions {
  /** Called with the registry's session id before the run starts (to tell the user how to halt it). */
  onStart?(sessionId: string): void;
  onProgress?(p: RunProgress): void;
  /** Lets the host stop the run (SIGINT): the run ends cleanly at its next step. */
  onClock?(stop: () => void): void;
  /** An extra copy of every event (e.g. a JSONL file); the audit store stays the record. */
  tee?: EventSink;
  observeMarket?(e: MarketEvent): void;
  /** Configure an unconfigured lane from the spec (default true); false leaves it fail closed. */
  laneFromSpec?: boolean;
}

/** Paths in a stored spec are made absolute, so the registry's copy runs from any working directory. */
export function storedSpecOf(loaded: LoadedSpec<RunSpec>): JsonObject {
  const spec = JSON.parse(JSON.stringify(loaded.spec)) as JsonObject;
  const abs = (p: unknown): unknown => (typeof p === 'string' && !path.isAbsolute(p) ? path.resolve(loaded.baseDir, p) : p);
  const data = spec.data as JsonObject;
  if (typeof data.path === 'string') data.path = abs(data.path) as string;
  const params = (spec.strategy as JsonObject).params as JsonObject | undefined;
  if (params && typeof params.path === 'string') params.path = abs(params.path) as string;
  return spec;
}

/**
 * `papertape run` as a real session: registered in the registry (lane and owner from the spec), started
 * through the same runner the app uses, written to the audit store, and settled (status, metrics, final
 * signed checkpoint recorded in the registry) before this returns.
 */
export async function runRecordedSession(
  ctx: AppContext,
  loaded: LoadedSpec<RunSpec>,
  opts: RecordedRunOptions = {},
): Promise<RecordedRun> {
  const laneConfigured = opts.laneFromSpec === false ? null : configureLaneFromSpecIfUnset(ctx, loaded.spec, loaded.file);
  const created = createSession(ctx, {
    spec: storedSpecOf(loaded),
    owner: loaded.spec.owner,
    lane: loaded.spec.lane,
    requiresApproval: loaded.spec.approvals_required,
  });
  const sessionId = created.id;
  setSessionRunner(
    ctx,
    createPipelineSessionRunner({
      baseDir: loaded.baseDir,
      ...(opts.onClock ? { onClock: opts.onClock } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.tee ? { tee: opts.tee } : {}),
      ...(opts.observeMarket ? { observeMarket: opts.observeMarket } : {}),
    }),
  );
  opts.onStart?.(sessionId);
  startSession(ctx, sessionId, loaded.spec.owner);
  await whenSettled(ctx, sessionId);
  const gov = governanceOf(ctx);
  const log = sessionLogId(sessionId);
  const detail = getSession(ctx, sessionId);
  const last = gov.store.checkpoints(log).at(-1);
  return {
    sessionId,
    session: detail.session,
    summary: completedSummary(gov.store, log),
    laneConfigured,
    log,
    logSize: detail.logSize,
    checkpoint: last ? { size: last.size, root: last.root, note: last.note } : null,
  };
}

function completedSummary(store: ReturnType<typeof governanceOf>['store'], log: string): JsonObject | null {
  const size = store.size(log);
  let summary: JsonObject | null = null;
  // session.completed sits near the end (recovery or metrics events may follow it); scan only the tail.
  for (const e of store.readEvents(log, Math.max(0, size - 64))) {
    const parsed = JSON.parse(e.canonical) as { type: string; payload: unknown };
    if (parsed.type === 'session.completed') summary = readPipelinePayload('session.completed', parsed.payload)?.summary ?? null;
  }
  return summary;
}
