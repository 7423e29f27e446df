import { parentPort, workerData } from 'node:worker_threads';
import { ServiceError } from '../../src-shared/envelope';
import type { RunSessionJob } from '../services/session-execution/worker-protocol';
import { runJob, type JobRequest } from './jobs';
import { runSessionJob } from './run-session-job';

// A session run talks to the main thread both ways for its whole life, so it comes as workerData, one per worker.
const session = workerData as RunSessionJob | null | undefined;
if (session?.job === 'run-session' && parentPort) void runSessionJob(session, parentPort);

// Heavy work (long runs, replays, verification, exports) runs here so the Electron main loop never blocks.
parentPort?.on('message', (msg: JobRequest) => {
  // A session run's replies (released intents, seal acks) are not job requests.
  if (typeof (msg as { job?: unknown }).job !== 'string') return;
  void runJob(msg, (progress) => parentPort?.postMessage({ kind: 'progress', id: msg.id, progress })).then(
    (result) => parentPort?.postMessage({ kind: 'done', id: msg.id, result }),
    (err: unknown) =>
      parentPort?.postMessage({
        kind: 'failed',
        id: msg.id,
        message: err instanceof Error ? err.message : String(err),
        // The error's class stays here; its envelope code crosses (see src-main/errors/as-service-error.ts).
        code: err instanceof ServiceError ? err.code : null,
      }),
  );
});
