import type { LaneConfig } from '../../../src-shared/governance/lanes';
import type { JsonObject } from '../../../src-shared/json';
import type { SessionRunOutcome } from '../sessions/session-runner-port';

/** What the main thread hands a worker to run one session (structured-clone safe). */
export interface RunSessionJob {
  job: 'run-session';
  sessionId: string;
  spec: JsonObject;
  specHash: string;
  laneConfig: LaneConfig;
  dataDir: string;
  requiresApproval: boolean;
  /**
   * The workstation key's PKCS#8 PEM, so the worker signs the session log's checkpoints without
   * reaching the OS keychain (not available off the main thread). It stays inside this process.
   */
  keyPem: string;
  baseDir: string;
  checkEvery?: number;
}

/** Worker -> main. Requests carrying `reqId` get exactly one reply with the same id. */
export type WorkerToMain =
  | { kind: 'approval'; intent: JsonObject }
  | { kind: 'take-released'; reqId: number }
  | { kind: 'sealed'; reqId: number }
  | { kind: 'progress'; marketEvents: number; fraction: number | null }
  | { kind: 'done'; outcome: SessionRunOutcome }
  | { kind: 'failed'; message: string };

/** Main -> worker. */
export type MainToWorker =
  { kind: 'released'; reqId: number; intents: JsonObject[] } | { kind: 'sealed-ack'; reqId: number } | { kind: 'stop' };
