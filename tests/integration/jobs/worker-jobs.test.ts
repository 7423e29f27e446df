import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../src-shared/app-identity';
import { ServiceError } from '../../../src-shared/envelope';
import { createAppContext } from '../../../src-main/app-context';
import { handlers } from '../../../src-main/ipc/handlers';
import { createRegistry } from '../../../src-main/ipc/registry';
import { inProcessJobRunner, setJobRunner } from '../../../src-main/services/jobs/job-runner-port';
import type { JobProgress } from '../../../src-main/services/jobs/job-services';
import { createWorkerJobRunner } from '../../../src-main/services/jobs/worker-job-runner';
import { lastVerification } from '../../../src-main/services/verification/verification-state';
import { TRUSTED_SENDER } from '../../support/app-fixture';
import { makeTempDir } from '../../support/temp-dir';
import { demoSpec, recordSession } from '../replay/replay-fixture';

const WORKER = path.resolve('src-main/worker/jobs-worker.ts');
const NOW = Date.parse('2026-12-02T08:00:00.000Z');

function fixedApp() {
  const { dir, cleanup } = makeTempDir('papertape-jobs-');
  const ctx = createAppContext({ dataDir: dir, clock: () => new Date(NOW) });
  return {
    ctx,
    dir,
    cleanup: () => {
      ctx.close();
      cleanup();
    },
  };
}

describe('heavy calls in a worker thread (plain Node: the .ts entry under tsx)', () => {
  it('audit-verify and evidence-export on a recorded session answer as in-process; errors keep their code', async () => {
    const app = fixedApp();
    try {
      const { sessionId } = await recordSession(app.ctx, demoSpec('2026-12-01T00:55:00.000Z'));
      const keyBefore = app.ctx.signingKeyStore.load();
      const worker = createWorkerJobRunner({ workerFile: WORKER, execArgv: ['--import', 'tsx'] });
      const none = (): void => {};

      const inProc = await inProcessJobRunner(app.ctx, 'audit-verify', undefined, none);
      const viaWorker = await worker(app.ctx, 'audit-verify', undefined, none);
      expect(inProc.ok).toBe(true);
      expect(inProc.totals.events).toBeGreaterThan(0);
      expect(viaWorker).toEqual(inProc);
      // The worker recorded its run through its own connection; this thread reads it.
      expect(lastVerification(app.ctx.db())).toMatchObject({ ok: true });

      const oneLog = `session/${sessionId}`;
      expect((await worker(app.ctx, 'audit-verify', { logId: oneLog }, none)).logId).toBe(oneLog);
      const missing = await worker(app.ctx, 'audit-verify', { logId: 'session/nope' }, none).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(ServiceError);
      expect((missing as ServiceError).code).toBe('NOT_FOUND');
      expect((missing as ServiceError).message).toBe('LOG_NOT_FOUND: log=session/nope');

      const exportIn = path.join(app.dir, 'bundle-in');
      const exportOut = path.join(app.dir, 'bundle-worker');
      const phases: JobProgress['phase'][] = [];
      const args = { sessionId, zip: false, includeData: true };
      const a = await inProcessJobRunner(app.ctx, 'evidence-export', { ...args, outDir: exportIn }, none);
      const b = await worker(app.ctx, 'evidence-export', { ...args, outDir: exportOut }, (p) => phases.push(p.phase));
      expect(b).toEqual({ ...a, dir: exportOut });
      expect(phases).toContain('events');
      expect(phases.at(-1)).toBe('done');
      for (const f of a.files) expect(fs.readFileSync(path.join(exportOut, f))).toEqual(fs.readFileSync(path.join(exportIn, f)));

      const opened = await worker(app.ctx, 'evidence-open', { path: exportOut }, none);
      expect(opened.verification.ok).toBe(true);
      expect(opened.summary?.root).toBe(a.root);
      const replayed = await worker(app.ctx, 'replay-run', { bundlePath: exportOut }, none);
      expect(replayed).toEqual(await inProcessJobRunner(app.ctx, 'replay-run', { bundlePath: exportIn }, none));
      expect(replayed.status).toBe('identical');

      const tampered = path.join(app.dir, 'tampered');
      fs.cpSync(exportOut, tampered, { recursive: true });
      const ev = path.join(tampered, 'events.jsonl');
      fs.writeFileSync(ev, fs.readFileSync(ev, 'utf8').replace('"session.started"', '"session.startex"'));
      const refused = await worker(app.ctx, 'replay-run', { bundlePath: tampered }, none).catch((e: unknown) => e);
      expect((refused as ServiceError).code).toBe('INTEGRITY_FAILURE');
      expect((refused as ServiceError).message).toMatch(/^REPLAY_BUNDLE_UNVERIFIED: check=/);

      // The worker signed with the app's key, never a second one.
      expect(app.ctx.signingKeyStore.load()).toBe(keyBefore);
    } finally {
      app.cleanup();
    }
  }, 120_000);

  it('the IPC handlers go through the attached runner: export progress and the health push reach the main bus', async () => {
    const app = fixedApp();
    try {
      const { sessionId } = await recordSession(app.ctx, demoSpec('2026-12-01T00:55:00.000Z'));
      const registry = createRegistry(app.ctx, handlers, { trustedOrigin: APP_ORIGIN });
      const jobs: string[] = [];
      const worker = createWorkerJobRunner({ workerFile: WORKER, execArgv: ['--import', 'tsx'] });
      setJobRunner(app.ctx, (ctx, job, input, onProgress) => {
        jobs.push(job);
        return worker(ctx, job, input, onProgress);
      });
      const pushed: string[] = [];
      app.ctx.events.subscribe((name, payload) => {
        if (name === 'evidence.progress') pushed.push(`progress:${(payload as { phase: string }).phase}`);
        if (name === 'app.health.changed') pushed.push('health');
      });
      const call = (name: string, input: unknown) =>
        registry.dispatch(name, input, TRUSTED_SENDER) as Promise<{
          ok: boolean;
          value?: { ok?: boolean; dir?: string; available?: boolean };
        }>;

      const verified = await call('audit.verify', {});
      expect(verified.ok).toBe(true);
      expect(verified.value?.ok).toBe(true);
      const outDir = path.join(app.dir, 'bundle');
      const exported = await call('evidence.export', { sessionId, outDir });
      expect(exported.value?.dir).toBe(outDir);
      const series = await call('market.series', { sessionId, maxPoints: 50 });
      expect(series.ok).toBe(true);
      expect(series.value?.available).toBe(true);
      expect(jobs).toEqual(['audit-verify', 'evidence-export', 'market-series']);
      expect(pushed[0]).toBe('health');
      expect(pushed.at(-1)).toBe('progress:done');
    } finally {
      app.cleanup();
    }
  }, 120_000);
});
