import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SESSION_CHECKPOINT_EVENT } from '../../../src-shared/audit/audit-envelope';
import type { JsonObject } from '../../../src-shared/json';
import { haltSession } from '../../../src-main/services/operator/operator-service';
import { createWorkerSessionRunner } from '../../../src-main/services/session-execution/worker-session-runner';
import { governanceOf } from '../../../src-main/services/sessions/governance';
import { hasExternalWriter, setSessionRunner } from '../../../src-main/services/sessions/session-runner-port';
import { pauseSession, resumeSession, startSession, whenSettled } from '../../../src-main/services/sessions/session-runs';
import { createSession, getSession } from '../../../src-main/services/sessions/session-service';
import { verifyAudit } from '../../../src-main/services/verification/verify-audit';
import { openExecApp, smallSpec, waitFor, writeSignals } from './execution-kit';

const WORKER = path.resolve('src-main/worker/jobs-worker.ts');

describe('the worker-thread session runner (plain Node: the .ts entry under tsx)', () => {
  it('runs the session in a worker with its own connection; pause, halt and resume reach it; the audit verifies', async () => {
    const app = openExecApp();
    try {
      governanceOf(app.ctx);
      setSessionRunner(
        app.ctx,
        createWorkerSessionRunner(app.ctx, { workerFile: WORKER, execArgv: ['--import', 'tsx'], baseDir: app.dir, checkEvery: 16 }),
      );
      writeSignals(app.dir, ['2026-12-01T00:45:10.000Z,rest-1,TX 202612,buy,1,100,resting bid,LIMIT,22000,ROD']);
      const spec = smallSpec({ strategy: { kind: 'signal_file', id: 'file', params: { path: 'signals.csv' } } });
      const s = createSession(app.ctx, { spec: spec as JsonObject, owner: 'ann' });
      const pushes: string[] = [];
      app.ctx.events.subscribe((name, payload) => {
        if (name === 'sessions.changed') pushes.push((payload as { status: string }).status);
      });
      startSession(app.ctx, s.id, 'ann');
      // The worker writes through its own connection; this thread sees it through WAL reads.
      for (let i = 0; i < 3000 && !app.logHas(s.id, '"to":"ACCEPTED"'); i++) await new Promise((r) => setTimeout(r, 20));
      expect(app.logHas(s.id, '"to":"ACCEPTED"')).toBe(true);
      expect(hasExternalWriter(app.ctx, s.id)).toBe(true);
      pauseSession(app.ctx, s.id, 'ann', 'look');
      // The worker signs the session log at pause and the main thread records it in the registry.
      await waitFor('the pause seal', () =>
        app.registryEvents().some((e) => e.type === SESSION_CHECKPOINT_EVENT && e.payload.log === `session/${s.id}`),
      );
      const action = haltSession(app.ctx, { sessionId: s.id, operator: 'olga', reason: 'worker halt' });
      resumeSession(app.ctx, s.id, 'ann', 'go on');
      await whenSettled(app.ctx, s.id);
      expect(hasExternalWriter(app.ctx, s.id)).toBe(false);

      expect(getSession(app.ctx, s.id).session.statusReason).toBe(null);
      expect(getSession(app.ctx, s.id).session).toMatchObject({ status: 'completed', halted: true });
      const events = app.sessionEvents(s.id);
      const applied = events.findIndex((e) => e.type === 'operator.action' && e.payload.action_id === action.actionId);
      expect(applied).toBeGreaterThan(0);
      expect(events.slice(applied).some((e) => JSON.stringify(e.payload).includes('KILL_SWITCH_CANCEL: trigger=operator'))).toBe(true);
      expect(events.at(-1)!.type).toBe('session.completed');
      expect(verifyAudit(governanceOf(app.ctx).store, { mode: 'full' }).failures).toEqual([]);
      // Status changes (and progress, as running) reached the UI's event stream.
      expect(pushes).toContain('paused');
      expect(pushes.at(-1)).toBe('completed');
    } finally {
      app.cleanup();
    }
  }, 120_000);
});
