import type { SessionRunner } from '../sessions/session-runner-port';
import { executeSession, type ExecutionOptions } from './execute-session';
import { acquireRunLease } from './run-lease';

/**
 * The product's session runner in the calling thread (CLI, tests): the real pipeline over the request's
 * sink, so the session log has exactly one writer, the registry's own connection. The desktop app uses
 * the worker runner instead, which runs this same `executeSession` in a worker thread.
 */
export function createPipelineSessionRunner(opts: ExecutionOptions = {}): SessionRunner {
  return async (req) => {
    const lease = acquireRunLease(req.dataDir, req.sessionId);
    try {
      return await executeSession(
        {
          sessionId: req.sessionId,
          spec: req.spec,
          specHash: req.specHash,
          laneConfig: req.laneConfig,
          dataDir: req.dataDir,
          requiresApproval: req.requiresApproval,
          sink: req.sink,
          status: () => req.status(),
          requestApproval: (intent) => {
            req.requestApproval(intent);
          },
          takeReleasedIntents: () => req.takeReleasedIntents(),
          seal: () => req.sealed?.(),
          ...(req.progress ? { onProgress: req.progress } : {}),
        },
        opts,
      );
    } finally {
      lease.release();
    }
  };
}
