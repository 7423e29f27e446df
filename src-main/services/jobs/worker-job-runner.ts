import { Worker } from 'node:worker_threads';
import { ServiceError } from '../../../src-shared/envelope';
import type { AppContext } from '../../app-context';
import { workstationKeyFor } from '../../store/workstation-audit';
import type { JobReply, ServiceJobRequest } from './job-protocol';
import type { JobRunner } from './job-runner-port';
import type { JobResult } from './job-services';

export interface WorkerJobRunnerOptions {
  /** The worker entry: `out/main/jobs-worker.js` in the built app, `src-main/worker/jobs-worker.ts` under tsx. */
  workerFile: string | URL;
  /** `['--import', 'tsx']` when the entry is a .ts file under plain Node. */
  execArgv?: string[];
}

function appKeyPem(ctx: AppContext): string {
  // The same rule as every other opening: created only for a new data directory, never for a store that lost its key (KEY_MISSING).
  workstationKeyFor(ctx.db(), ctx.signingKeyStore);
  const created = ctx.signingKeyStore.load();
  if (created === null) throw new Error('The workstation signing key could not be stored.');
  return created;
}

/**
 * One worker thread per job, terminated once the job answers, so a verification of a large store or an
 * export never blocks the Electron main loop; progress comes back as messages and the result as plain data.
 * A job's error crosses as its envelope code and message (see src-main/errors/as-service-error.ts).
 */
export function createWorkerJobRunner(opts: WorkerJobRunnerOptions): JobRunner {
  let ids = 0;
  return <J extends Parameters<JobRunner>[1]>(
    ctx: AppContext,
    job: J,
    input: Parameters<JobRunner>[2],
    onProgress: Parameters<JobRunner>[3],
  ): Promise<JobResult<J>> =>
    new Promise((resolve, reject) => {
      let req: ServiceJobRequest;
      try {
        req = { id: String(++ids), job, input, dataDir: ctx.dataDir, keyPem: appKeyPem(ctx), nowMs: ctx.clock().getTime() };
      } catch (err) {
        return reject(err instanceof Error ? err : new Error(String(err)));
      }
      const worker = new Worker(opts.workerFile, opts.execArgv ? { execArgv: opts.execArgv } : {});
      let ended: { result: unknown } | { error: Error } | null = null;
      worker.on('message', (m: JobReply) => {
        if (m.id !== req.id) return;
        if (m.kind === 'progress') return onProgress(m.progress);
        ended = m.kind === 'done' ? { result: m.result } : { error: m.code ? new ServiceError(m.code, m.message) : new Error(m.message) };
        void worker.terminate();
      });
      worker.on('error', (err) => (ended ??= { error: err }));
      // The exit settles the job: by then the worker's connection is closed.
      worker.on('exit', (code) => {
        if (ended && 'result' in ended) resolve(ended.result as JobResult<J>);
        else reject(ended?.error ?? new Error(`WORKER_EXITED: code=${code}, before the job answered`));
      });
      worker.postMessage(req);
    });
}
