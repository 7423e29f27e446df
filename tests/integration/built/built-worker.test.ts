import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src-shared/json';
import { inProcessJobRunner } from '../../../src-main/services/jobs/job-runner-port';
import { createWorkerJobRunner } from '../../../src-main/services/jobs/worker-job-runner';
import { createWorkerSessionRunner } from '../../../src-main/services/session-execution/worker-session-runner';
import { governanceOf } from '../../../src-main/services/sessions/governance';
import { setSessionRunner } from '../../../src-main/services/sessions/session-runner-port';
import { startSession, whenSettled } from '../../../src-main/services/sessions/session-runs';
import { createSession, getSession } from '../../../src-main/services/sessions/session-service';
import { verifyAudit } from '../../../src-main/services/verification/verify-audit';
import { openExecApp, smallSpec } from '../session-execution/execution-kit';

/**
 * The worker thread as the desktop app ships it: the built `out/main/jobs-worker.js` under plain
 * Node, no tsx. It runs a session, a verification, an export and a chart build on a temp data dir
 * and answers as the in-process services do. `npm test` builds first.
 */
const BUILT_WORKER = path.resolve(import.meta.dirname, '../../../out/main/jobs-worker.js');

describe('the built worker entry', () => {
  it('runs a session, then verifies, exports and builds a chart, as the in-process services do', async () => {
    expect(fs.existsSync(BUILT_WORKER), 'out/main/jobs-worker.js: run npm run build').toBe(true);
    const app = openExecApp();
    try {
      governanceOf(app.ctx);
      setSessionRunner(app.ctx, createWorkerSessionRunner(app.ctx, { workerFile: BUILT_WORKER, baseDir: app.dir, checkEvery: 16 }));
      const s = createSession(app.ctx, { spec: smallSpec() as JsonObject, owner: 'ann' });
      startSession(app.ctx, s.id, 'ann');
      await whenSettled(app.ctx, s.id);
      expect(getSession(app.ctx, s.id).session.status).toBe('completed');
      expect(app.sessionEvents(s.id).at(-1)!.type).toBe('session.completed');
      expect(verifyAudit(governanceOf(app.ctx).store, { mode: 'full' }).failures).toEqual([]);

      const worker = createWorkerJobRunner({ workerFile: BUILT_WORKER });
      const none = (): void => {};
      const verified = await worker(app.ctx, 'audit-verify', undefined, none);
      expect(verified.ok).toBe(true);
      expect(verified.totals.events).toBeGreaterThan(0);

      const args = { sessionId: s.id, zip: false, includeData: true };
      const viaWorker = await worker(app.ctx, 'evidence-export', { ...args, outDir: path.join(app.dir, 'bundle-worker') }, none);
      const inProc = await inProcessJobRunner(app.ctx, 'evidence-export', { ...args, outDir: path.join(app.dir, 'bundle-in') }, none);
      expect(viaWorker.root).toBe(inProc.root);
      expect(viaWorker.files).toEqual(inProc.files);

      const series = await worker(app.ctx, 'market-series', { sessionId: s.id, maxPoints: 50 }, none);
      expect(series).toEqual(await inProcessJobRunner(app.ctx, 'market-series', { sessionId: s.id, maxPoints: 50 }, none));
      expect(series.available).toBe(true);
    } finally {
      app.cleanup();
    }
  }, 180_000);
});
