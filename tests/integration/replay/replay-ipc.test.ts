import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRUSTED_SENDER, makeApp } from '../../support/app-fixture';
import { demoSpec, recordSession } from './replay-fixture';

describe('evidence.export / evidence.open / replay.run through the real registry', () => {
  it('exports with progress events, opens only a verified bundle, replays from store and bundle; refuses bad paths', async () => {
    const app = makeApp();
    try {
      const { sessionId } = await recordSession(app.ctx, demoSpec('2026-12-01T00:55:00.000Z'));
      const call = (name: string, input: unknown) =>
        app.registry.dispatch(name, input, TRUSTED_SENDER) as Promise<{
          ok: boolean;
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- outputs are checked field by field below
          value?: any;
          error?: { code: string; message: string };
        }>;

      for (const outDir of ['relative/dir', `${app.dataDir}/a\0b`]) {
        const bad = await call('evidence.export', { sessionId, outDir });
        expect(bad.ok).toBe(false);
        expect(bad.error!.code).toBe('INVALID_INPUT');
      }
      // A dialog answer made up by the page is not a grant: it fails the schema.
      expect((await call('evidence.export', { sessionId, outDir: { canceled: false, path: app.dataDir } })).error!.code).toBe(
        'INVALID_INPUT',
      );

      const phases: string[] = [];
      const off = app.ctx.events.subscribe((event, payload) => {
        if (event === 'evidence.progress') phases.push((payload as { phase: string }).phase);
      });
      const outDir = path.join(app.dataDir, 'bundle');
      const exp = await call('evidence.export', { sessionId, outDir, zip: false, includeData: true });
      off();
      expect(exp.ok, JSON.stringify(exp.error)).toBe(true);
      expect(exp.value.dir).toBe(outDir);
      expect(phases).toContain('events');
      expect(phases.at(-1)).toBe('done');

      const opened = await call('evidence.open', { path: outDir });
      expect(opened.ok).toBe(true);
      expect(opened.value.verification.ok).toBe(true);
      expect(opened.value.summary.sessionId).toBe(sessionId);
      expect(opened.value.summary.root).toBe(exp.value.root);

      const tampered = path.join(app.dataDir, 'tampered');
      fs.cpSync(outDir, tampered, { recursive: true });
      const ev = path.join(tampered, 'events.jsonl');
      fs.writeFileSync(ev, fs.readFileSync(ev, 'utf8').replace('"session.started"', '"session.startex"'));
      const bad = await call('evidence.open', { path: tampered });
      expect(bad.ok).toBe(true);
      expect(bad.value.verification.ok).toBe(false);
      expect(bad.value.summary).toBeNull();
      const badReplay = await call('replay.run', { bundlePath: tampered });
      expect(badReplay.ok).toBe(false);
      expect(badReplay.error!.code).toBe('INTEGRITY_FAILURE');
      expect(badReplay.error!.message).toMatch(/^REPLAY_BUNDLE_UNVERIFIED: check=/);

      const fromStore = await call('replay.run', { sessionId });
      expect(fromStore.ok, JSON.stringify(fromStore.error)).toBe(true);
      expect(fromStore.value.status).toBe('identical');
      expect(fromStore.value.replay.root).toBe(exp.value.root);
      const fromBundle = await call('replay.run', { bundlePath: outDir });
      expect(fromBundle.value.status).toBe('identical');
      expect(fromBundle.value.source).toBe('bundle');
      expect((await call('replay.run', { bundlePath: 'bundle' })).error!.code).toBe('INVALID_INPUT');
      expect((await call('replay.run', { sessionId, extra: 1 })).error!.code).toBe('INVALID_INPUT');
    } finally {
      app.cleanup();
    }
  }, 120_000);
});
