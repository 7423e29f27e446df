import type { MessagePort } from 'node:worker_threads';
import type { JsonObject } from '../../src-shared/json';
import { sessionLogId } from '../../src-shared/audit/audit-envelope';
import { databasePath, openDatabase } from '../store/database';
import { createSqliteSink } from '../store/sqlite-sink';
import { openWorkstationAuditStore } from '../store/workstation-audit';
import { memorySigningKeyStore } from '../store/signing-key/signing-key-store';
import { executeSession } from '../services/session-execution/execute-session';
import { acquireRunLease } from '../services/session-execution/run-lease';
import type { MainToWorker, RunSessionJob, WorkerToMain } from '../services/session-execution/worker-protocol';
import { sessionRow } from '../services/sessions/session-rows';

/**
 * One session in this worker thread: its own connection is the only writer of `session/<id>` for the
 * run; the registry stays with the main thread, which this side reaches only through messages.
 */
export async function runSessionJob(job: RunSessionJob, port: Pick<MessagePort, 'postMessage' | 'on' | 'off'>): Promise<void> {
  const post = (m: WorkerToMain): void => port.postMessage(m);
  const db = openDatabase(databasePath(job.dataDir));
  const lease = acquireRunLease(job.dataDir, job.sessionId);
  let reqIds = 0;
  const pending = new Map<number, (m: MainToWorker) => void>();
  let stop: (() => void) | null = null;
  const onMessage = (m: MainToWorker): void => {
    if (m.kind === 'stop') return void stop?.();
    const resolve = pending.get(m.reqId);
    pending.delete(m.reqId);
    resolve?.(m);
  };
  port.on('message', onMessage);
  const ask = (m: { kind: 'take-released' } | { kind: 'sealed' }): Promise<MainToWorker> =>
    new Promise((resolve) => {
      const reqId = ++reqIds;
      pending.set(reqId, resolve);
      post({ ...m, reqId });
    });
  let last: WorkerToMain;
  try {
    const store = openWorkstationAuditStore(db, job.dataDir, () => Date.now(), memorySigningKeyStore(job.keyPem));
    const outcome = await executeSession(
      {
        sessionId: job.sessionId,
        spec: job.spec,
        specHash: job.specHash,
        laneConfig: job.laneConfig,
        dataDir: job.dataDir,
        requiresApproval: job.requiresApproval,
        sink: createSqliteSink(store),
        // Reading the registry's row is a read on this connection; only the main thread writes it.
        status: () => sessionRow(db, job.sessionId).status,
        requestApproval: (intent: JsonObject) => post({ kind: 'approval', intent }),
        takeReleasedIntents: async () => {
          const r = await ask({ kind: 'take-released' });
          return r.kind === 'released' ? r.intents : [];
        },
        seal: async () => {
          // This connection writes the session log, so it signs it; the main thread records it in the registry.
          store.checkpoint(sessionLogId(job.sessionId));
          await ask({ kind: 'sealed' });
        },
        onProgress: (p) => post({ kind: 'progress', marketEvents: p.marketEvents, fraction: p.fraction }),
      },
      { baseDir: job.baseDir, ...(job.checkEvery ? { checkEvery: job.checkEvery } : {}), onClock: (s) => (stop = s) },
    );
    last = { kind: 'done', outcome };
  } catch (err) {
    last = { kind: 'failed', message: err instanceof Error ? err.message : String(err) };
  } finally {
    port.off('message', onMessage);
    lease.release();
    db.close();
  }
  // Only after the connection is closed: the main thread then seals the log as its only writer.
  post(last);
}
