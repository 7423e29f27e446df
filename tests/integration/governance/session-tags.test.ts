import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../../src-main/app-context';
import { handlers } from '../../../src-main/ipc/handlers';
import { evaluatePromotionFor } from '../../../src-main/services/promotion/promotion-service';
import { createSession } from '../../../src-main/services/sessions/session-service';
import { governanceOf, rebuildGovernanceProjections } from '../../../src-main/services/sessions/governance';
import { readLog } from '../../../src-main/services/sessions/log-reader';
import { verifyAudit } from '../../../src-main/services/verification/verify-audit';
import { parseGovernanceEvent } from '../../../src-shared/events/governance-catalog';
import { runCli } from '../../support/cli-run';
import { makeTempDir } from '../../support/temp-dir';
import { writeSignalFileSpec } from '../pipeline/small-spec';

/** Issue 10 item 1 (in part): a lead tags a finished session as promotion evidence or as ignored, with a reason, as an event. */
let dir: string;
let dataDir: string;
let cleanup: () => void;
const ids: string[] = [];
const cli = (...args: string[]) => runCli(dataDir, ...args);

beforeEach(async () => {
  ({ dir, cleanup } = makeTempDir('papertape-tags-'));
  dataDir = path.join(dir, 'data');
  writeSignalFileSpec(dir, ['2026-12-01T01:00:00Z,a,TX 202612,buy,1,500,enter']);
  ids.length = 0;
  for (let i = 0; i < 2; i++) {
    const run = await cli('run', path.join(dir, 'spec.yaml'), '--json');
    expect(run.code, run.err).toBe(0);
    ids.push((JSON.parse(run.out) as { session_id: string }).session_id);
  }
});
afterEach(() => {
  cleanup();
  fs.rmSync(`${dataDir}.witness`, { force: true });
});

describe('session tags', () => {
  it('an ignored session counts toward no promotion criterion; the tag, who and why are a registry event; clearing restores it', async () => {
    const ctx = createAppContext({ dataDir });
    try {
      const strategyId = (await handlers['sessions.get']({ sessionId: ids[0]! }, ctx)).session.strategyId!;
      const completed = () =>
        evaluatePromotionFor(ctx, { strategyId }).evaluation.results.find((r) => r.criterion === 'minCompletedSessions')!.actual;
      expect(completed()).toBe(2);

      const tagged = await handlers['sessions.tag'](
        { sessionId: ids[1]!, tag: 'ignored', by: 'Lead Chen', reason: 'ran on a feed with a gap' },
        ctx,
      );
      expect(tagged.tag).toMatchObject({ kind: 'ignored', by: 'Lead Chen', reason: 'ran on a feed with a gap' });
      expect(completed()).toBe(1);
      expect(evaluatePromotionFor(ctx, { strategyId }).evaluation.sessionsConsidered).toEqual([ids[0]]);
      // The reviewer sees what was left out, by whom and why.
      expect(evaluatePromotionFor(ctx, { strategyId }).evaluation.sessionsIgnored).toEqual([
        { sessionId: ids[1], by: 'Lead Chen', reason: 'ran on a feed with a gap' },
      ]);

      await handlers['sessions.tag']({ sessionId: ids[0]!, tag: 'promotion_evidence', by: 'Lead Chen', reason: 'clean day' }, ctx);
      await handlers['sessions.tag'](
        { sessionId: ids[1]!, tag: 'none', by: 'Lead Chen', reason: 'the gap was in the fixture, not the feed' },
        ctx,
      );
      expect(completed()).toBe(2);
      expect((await handlers['sessions.get']({ sessionId: ids[1]! }, ctx)).session.tag).toBeNull();

      const gov = governanceOf(ctx);
      const events = readLog(gov.store, 'registry').filter((e) => e.type === 'session.tagged');
      expect(events.map((e) => [e.actor, e.payload.sessionId, e.payload.tag])).toEqual([
        ['operator:Lead Chen', ids[1], 'ignored'],
        ['operator:Lead Chen', ids[0], 'promotion_evidence'],
        ['operator:Lead Chen', ids[1], 'none'],
      ]);
      expect(events.every((e) => parseGovernanceEvent(e.type, e.payload).ok)).toBe(true);
      // The projection is what the log says: a rebuild gives the same tags.
      const before = (await handlers['sessions.list'](undefined, ctx)).map((s) => [s.id, s.tag]);
      rebuildGovernanceProjections(gov);
      expect((await handlers['sessions.list'](undefined, ctx)).map((s) => [s.id, s.tag])).toEqual(before);
      expect(verifyAudit(gov.store, { record: false }).ok).toBe(true);
    } finally {
      ctx.close();
    }
  });

  it('the CLI tags with --as evidence|ignored|none and refuses a repeat, an unknown tag or a missing reason (exit 2, nothing stored)', async () => {
    const ok = await cli('sessions', 'tag', ids[0]!, '--as', 'evidence', '--by', 'lee', '--reason', 'clean day', '--json');
    expect(ok.code, ok.err).toBe(0);
    expect((JSON.parse(ok.out) as { tag: { kind: string } }).tag.kind).toBe('promotion_evidence');
    expect((await cli('sessions', 'list')).out).toContain('[promotion_evidence]');
    const again = await cli('sessions', 'tag', ids[0]!, '--as', 'evidence', '--by', 'lee', '--reason', 'twice');
    expect(again.code).toBe(2);
    expect(again.err).toContain('ALREADY_TAGGED');
    expect((await cli('sessions', 'tag', ids[0]!, '--as', 'golden', '--by', 'lee', '--reason', 'x')).code).toBe(2);
    expect((await cli('sessions', 'tag', ids[0]!, '--as', 'ignored', '--by', 'lee', '--reason', ' ')).code).toBe(2);
    const ctx = createAppContext({ dataDir });
    try {
      expect(readLog(governanceOf(ctx).store, 'registry').filter((e) => e.type === 'session.tagged')).toHaveLength(1);
    } finally {
      ctx.close();
    }
  });

  it('a session still scheduled is not tagged (its evidence is not in yet)', async () => {
    const ctx = createAppContext({ dataDir });
    try {
      const spec = (await handlers['sessions.get']({ sessionId: ids[0]! }, ctx)).spec;
      // The service directly: the stored spec names its signal file by an absolute path outside the data directory.
      const s = createSession(ctx, { spec, owner: 'lee' });
      expect(() => handlers['sessions.tag']({ sessionId: s.id, tag: 'ignored', by: 'lee', reason: 'x' }, ctx)).toThrow(/SESSION_NOT_ENDED/);
    } finally {
      ctx.close();
    }
  });
});
