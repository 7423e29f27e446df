import type { EventSink } from '../../../src-shared/events/pipeline-event';
import type { LaneConfig, LaneId } from '../../../src-shared/governance/lanes';
import type { SessionStatus } from '../../../src-shared/governance/session-lifecycle';
import type { JsonObject } from '../../../src-shared/json';
import type { AppContext } from '../../app-context';

/** Everything a runner needs to run one session; it never touches the registry itself. */
export interface SessionRunRequest {
  sessionId: string;
  spec: JsonObject;
  specHash: string;
  lane: LaneId;
  /** The lane's envelope and capital at start; the runner applies the stricter of it and the spec. */
  laneConfig: LaneConfig;
  /** Appends to `session/<id>`, one step per transaction, with periodic signed checkpoints. */
  sink: EventSink;
  /** The data directory whose `operator-inbox/<sessionId>/` the runner polls for halt, resume and manual orders. */
  dataDir: string;
  /** The registry status, read fresh: the runner pauses while `paused` and ends on `aborted` (stopped). */
  status(): SessionStatus;
  requiresApproval: boolean;
  /** Queues an intent for human review; returns its approval id. */
  requestApproval(intent: JsonObject): string;
  /** Intents whose reviews all approved and that the runner has not taken yet. */
  takeReleasedIntents(): JsonObject[];
  /**
   * The runner signed the session log's checkpoint (pause, stop, completion): record it in the registry.
   * Optional so stand-in runners need not call it; the registry side is idempotent.
   */
  sealed?(): void;
  /** Progress of the run (market events so far, fraction when known); the host tells the UI. */
  progress?(p: { marketEvents: number; fraction: number | null }): void;
}

export interface SessionRunOutcome {
  status: 'completed' | 'aborted';
  reason?: string;
}

/** The pipeline's `runSession` in a worker thread in the product; a small deterministic function in tests and drills. */
export type SessionRunner = (req: SessionRunRequest) => Promise<SessionRunOutcome>;

/** The composition root plugs the runner in: the worker-backed pipeline (app), the in-thread pipeline (CLI), a scripted one (tests). */
export function setSessionRunner(ctx: AppContext, runner: SessionRunner | null): void {
  ctx.ports.sessionRunner = runner;
}

export function sessionRunnerOf(ctx: AppContext): SessionRunner | null {
  return ctx.ports.sessionRunner;
}

/**
 * Sessions whose log is written through another connection (a worker thread) right now. While one is,
 * the main thread must not sign that log's checkpoints: the writer signs them and reports `sealed`.
 */
export function setExternalWriter(ctx: AppContext, sessionId: string, attached: boolean): void {
  if (attached) ctx.state.externalWriters.add(sessionId);
  else ctx.state.externalWriters.delete(sessionId);
}

export function hasExternalWriter(ctx: AppContext, sessionId: string): boolean {
  return ctx.state.externalWriters.has(sessionId);
}
