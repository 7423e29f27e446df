import { describe, expect, it } from 'vitest';
import { sessionLogId } from '../../../src-shared/audit/audit-envelope';
import { replaySession } from '../../../src-main/services/replay/replay-session';
import { governanceOf } from '../../../src-main/services/sessions/governance';
import { demoSpec, haltResumeOrder, recordSession, replayApp } from './replay-fixture';

describe('replay from the audit store', () => {
  it('reproduces the Merkle root of a demo session with operator actions and governance records', async () => {
    const app = replayApp();
    try {
      const { sessionId } = await recordSession(app.ctx, demoSpec(), haltResumeOrder());
      const types = [...governanceOf(app.ctx).store.readEvents(sessionLogId(sessionId))].map(
        (e) => (JSON.parse(e.canonical) as { type: string }).type,
      );
      expect(types).toContain('operator.halt');
      expect(types).toContain('operator.action_refused');
      expect(types.filter((t) => t === 'operator.action').length).toBe(3);
      expect(types.filter((t) => t === 'operator.requested').length).toBe(3);
      expect(types).toContain('broker.fill');
      const r = await replaySession({ kind: 'store', ctx: app.ctx, sessionId });
      expect(r.divergence).toBeNull();
      expect(r.status).toBe('identical');
      expect(r.replay.root).toBe(r.original.root);
      expect(r.replay.size).toBe(types.length);
      expect(r.governanceInputs).toBe(3);
      expect(r.operatorInputs).toBe(4);
      expect(r.operatorUnmatched).toBe(0);
    } finally {
      app.cleanup();
    }
  });
});
