import { parentPort } from 'node:worker_threads';
import { runJob, type JobRequest } from './jobs';

// Heavy work (long runs, replays, verification, exports) runs here so the Electron main loop never blocks.
parentPort?.on('message', (msg: JobRequest) => {
  void runJob(msg, (progress) => parentPort?.postMessage({ kind: 'progress', id: msg.id, progress })).then(
    (result) => parentPort?.postMessage({ kind: 'done', id: msg.id, result }),
    (err: unknown) => parentPort?.postMessage({ kind: 'failed', id: msg.id, message: err instanceof Error ? err.message : String(err) }),
  );
});
