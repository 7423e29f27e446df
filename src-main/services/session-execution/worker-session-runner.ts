import { Worker } from 'node:worker_threads';
import type { AppContext } from '../../app-context';
import { setExternalWriter, type SessionRunOutcome, type SessionRunner } from '../sessions/session-runner-port';
import type { MainToWorker, RunSessionJob, WorkerToMain } from './worker-protocol';

export interface WorkerRunnerOptions {
  /** The worker entry: `out/main/jobs-worker.js` in the built app, `src-main/worker/jobs-worker.ts` under tsx. */
  workerFile: string | URL;
  /** `['--import', 'tsx']` when the entry is a .ts file under plain Node. */
  execArgv?: string[];
  /** Relative paths in stored specs resolve against this folder. */
  baseDir?: string;
  checkEvery?: number;
}

/**
 * The product runner for the desktop app: each session runs in its own worker thread with its own
 * connection, the only writer of `session/<id>` while it runs, so the Electron main loop never blocks.
 * The main thread keeps the registry: it answers the worker's approval and seal requests and turns its
 * progress into `sessions.changed` pushes (through the request's `progress`).
 */
export function createWorkerSessionRunner(ctx: AppContext, opts: WorkerRunnerOptions): SessionRunner {
  return (req) =>
    new Promise((resolve, reject) => {
      const keyPem = ctx.signingKeyStore.load();
      if (keyPem === null) return reject(new Error('The workstation signing key is missing; open the audit store first.'));
      const job: RunSessionJob = {
        job: 'run-session',
        sessionId: req.sessionId,
        spec: req.spec,
        specHash: req.specHash,
        laneConfig: req.laneConfig,
        dataDir: req.dataDir,
        requiresApproval: req.requiresApproval,
        keyPem,
        baseDir: opts.baseDir ?? process.cwd(),
        ...(opts.checkEvery ? { checkEvery: opts.checkEvery } : {}),
      };
      setExternalWriter(ctx, req.sessionId, true);
      const worker = new Worker(opts.workerFile, { workerData: job, ...(opts.execArgv ? { execArgv: opts.execArgv } : {}) });
      const reply = (m: MainToWorker): void => worker.postMessage(m);
      let settled = false;
      let ended: { outcome: SessionRunOutcome } | { error: Error } | null = null;
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        setExternalWriter(ctx, req.sessionId, false);
        fn();
      };
      worker.on('message', (m: WorkerToMain) => {
        switch (m.kind) {
          case 'approval':
            req.requestApproval(m.intent);
            return;
          case 'take-released':
            reply({ kind: 'released', reqId: m.reqId, intents: req.takeReleasedIntents() });
            return;
          case 'sealed':
            req.sealed?.();
            reply({ kind: 'sealed-ack', reqId: m.reqId });
            return;
          case 'progress':
            req.progress?.({ marketEvents: m.marketEvents, fraction: m.fraction });
            return;
          case 'done':
            // The worker closed its connection before saying so; its exit settles the run (see below).
            ended = { outcome: m.outcome };
            void worker.terminate();
            return;
          case 'failed':
            ended = { error: new Error(m.message) };
            void worker.terminate();
            return;
        }
      });
      worker.on('error', (err) => finish(() => reject(err)));
      worker.on('exit', (code) =>
        finish(() => {
          if (ended && 'outcome' in ended) resolve(ended.outcome);
          else reject(ended?.error ?? new Error(`WORKER_EXITED: code=${code}, before the run reported its end`));
        }),
      );
    });
}
