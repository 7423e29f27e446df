import { createAppContext } from '../app-context';
import { appHealth } from '../services/app/app-service';
import type { ServiceJobRequest } from '../services/jobs/job-protocol';
import { runJobService, type JobProgress } from '../services/jobs/job-services';
import { borrowedSigningKeyStore } from './borrowed-key-store';

export interface HealthJobRequest {
  id: string;
  job: 'health';
  dataDir: string;
}

export type JobRequest = HealthJobRequest | ServiceJobRequest;

export type WorkerJobProgress = JobProgress | { done: number; total: number };

/**
 * The jobs a worker thread can run, each on its own AppContext over the data dir.
 *
 * Writes: `audit-verify` records its run (audit_verification_runs, audit_verified) and `evidence-export`
 * records the checkpoint it signs, through this worker's connection (for a running session also its seal
 * in the registry log). Each is a short transaction, and the database is in WAL mode with busy_timeout=5000
 * (store/database.ts), so a concurrent writer waits for the lock instead of failing. docs/one-writer.md
 * lists every writer of the file and the way to a single one.
 */
export async function runJob(req: JobRequest, onProgress: (p: WorkerJobProgress) => void): Promise<unknown> {
  if (req.job === 'health') {
    const ctx = createAppContext({ dataDir: req.dataDir });
    try {
      onProgress({ done: 0, total: 1 });
      const health = appHealth(ctx);
      onProgress({ done: 1, total: 1 });
      return health;
    } finally {
      ctx.close();
    }
  }
  const nowMs = req.nowMs;
  const ctx = createAppContext({
    dataDir: req.dataDir,
    clock: () => new Date(nowMs),
    signingKeyStore: () => borrowedSigningKeyStore(req.keyPem),
  });
  try {
    return await runJobService(ctx, req.job, req.input, onProgress);
  } finally {
    ctx.close();
  }
}
