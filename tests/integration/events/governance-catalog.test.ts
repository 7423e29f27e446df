import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REGISTRY_LOG, sessionLogId } from '../../../src-shared/audit/audit-envelope';
import {
  GOVERNANCE_EVENT_TYPES,
  governanceEvent,
  isGovernanceEventType,
  parseGovernanceEvent,
} from '../../../src-shared/events/governance-catalog';
import { isOperatorRequest } from '../../../src-shared/governance/governance-event-types';
import { runDrill } from '../../../src-main/services/drills/drill-service';
import { governanceOf } from '../../../src-main/services/sessions/governance';
import { pinKey, forgetKey } from '../../../src-main/services/evidence/pinned-keys';
import { verifyAudit } from '../../../src-main/services/verification/verify-audit';
import { openAuditStore } from '../../../src-main/store/audit-log';
import { databasePath, openDatabase } from '../../../src-main/store/database';
import { storedOrigin, keyDirOf } from '../../../src-main/store/workstation-audit';
import { generateKeyPairSync } from 'node:crypto';
import type { AppContext } from '../../../src-main/app-context';
import { makeTempDir } from '../../support/temp-dir';
import { demoSpec, haltResumeOrder, recordSession, replayApp } from '../replay/replay-fixture';

/**
 * Issue 13: what governance writes (registry and its records in session logs) has one strict schema per
 * type, as the pipeline's events do; the real services write only that, and the readers skip what is not it.
 */
type Logged = { type: string; payload: unknown; where: string };

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** Every governance-typed event in every log of the store under `dataDir` (read-only). */
function governanceEventsIn(dataDir: string, where: string): Logged[] {
  const db = openDatabase(databasePath(dataDir), { readonly: true });
  try {
    const store = openAuditStore(db, { keyDir: keyDirOf(dataDir), origin: storedOrigin(db) ?? 'x', clock: () => 0 });
    const out: Logged[] = [];
    for (const l of store.listLogs()) {
      for (const r of store.readEvents(l.log)) {
        const e = JSON.parse(r.canonical) as { type: string; payload: Record<string, unknown> };
        if (isGovernanceEventType(e.type) || isOperatorRequest(e))
          out.push({ type: e.type, payload: e.payload, where: `${where} ${l.log} seq ${r.seq}` });
      }
    }
    return out;
  } finally {
    db.close();
  }
}

function dataDirsUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const n of fs.readdirSync(d, { withFileTypes: true })) {
      if (n.isDirectory()) walk(path.join(d, n.name));
      else if (n.name === 'papertape.db') found.push(d);
    }
  };
  walk(dir);
  return found;
}

const publicPem = () => generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();

describe('the governance event catalog', () => {
  it('every event the real services write (sessions, lanes, operator requests, recovery, incidents, drills, pins, seals) parses with its schema', async () => {
    const events: Logged[] = [];
    const { dir, cleanup } = makeTempDir('papertape-gov-catalog-');
    cleanups.push(cleanup);
    for (const drill of ['stale-data', 'reconciliation-mismatch', 'restart-recovery'] as const) {
      expect((await runDrill(path.join(dir, drill), drill)).ok).toBe(true);
    }
    for (const d of dataDirsUnder(dir)) events.push(...governanceEventsIn(d, path.relative(dir, d)));

    const app = replayApp();
    cleanups.push(() => app.cleanup());
    await recordSession(app.ctx, demoSpec('2026-12-01T02:00:00.000Z'), haltResumeOrder());
    const ctx: AppContext = app.ctx;
    const pinned = pinKey(ctx, { label: 'reviewer', publicKeyPem: publicPem(), by: 'ana' });
    forgetKey(ctx, { fingerprint: pinned.fingerprint, by: 'ana', reason: 'left the team' });
    events.push(...governanceEventsIn(ctx.dataDir, 'demo'));

    expect(events.length).toBeGreaterThan(30);
    const problems = events.flatMap((e) => {
      const r = parseGovernanceEvent(e.type, e.payload);
      return r.ok ? [] : [`${e.where}: ${r.problem}`];
    });
    expect(problems).toEqual([]);
    const seen = new Set(events.map((e) => e.type));
    // Covered elsewhere with the real services: promotions and approvals (governance-ipc, pipeline-runner),
    // incident resolution (governance-cli), session tags (session-tags), key replacement (key-replacement),
    // acknowledged findings (key-and-failed-store).
    expect(GOVERNANCE_EVENT_TYPES.filter((t) => !seen.has(t))).toEqual([
      'approval.decided',
      'approval.queued',
      'audit.finding_acknowledged',
      'incident.resolved',
      'promotion.decided',
      'promotion.requested',
      'session.tagged',
      'workstation.key_replaced',
    ]);
  });

  it('refuses to record a payload a cast let past its constructor, and stores nothing', () => {
    const app = replayApp();
    cleanups.push(() => app.cleanup());
    const gov = governanceOf(app.ctx);
    const before = gov.store.size(REGISTRY_LOG);
    const bad = governanceEvent('lane.configured', 'operator:ana', {
      lane: 'paper_live' as 'paper_research',
      config: {} as never,
      actor: 'ana',
      reason: 'x',
    });
    expect(() => gov.record(REGISTRY_LOG, null, [bad])).toThrow(/^GOVERNANCE_EVENT_INVALID: lane\.configured: lane: /);
    expect(gov.store.size(REGISTRY_LOG)).toBe(before);
  });

  it('a session.created that is not the catalog shape registers nothing: verification names its log a session the registry never created', async () => {
    const app = replayApp();
    cleanups.push(() => app.cleanup());
    const gov = governanceOf(app.ctx);
    gov.store.append(REGISTRY_LOG, null, [
      {
        type: 'session.created',
        ts: '2026-12-01T00:00:00.000Z',
        actor: 'operator:x',
        payload: { sessionId: 'S-20261201-9', log: 'session/S-20261201-9' },
      },
    ]);
    gov.store.append(sessionLogId('S-20261201-9'), 'S-20261201-9', [
      { type: 'session.end', ts: '2026-12-01T00:00:00.000Z', actor: 'system', payload: { session_id: 'S-20261201-9' } },
    ]);
    const report = verifyAudit(gov.store, { record: false });
    expect(report.failures).toContainEqual(expect.objectContaining({ check: 'registry.session_unknown', log: 'session/S-20261201-9' }));
    expect(gov.db.prepare('SELECT COUNT(*) AS n FROM gov_sessions WHERE id = ?').get('S-20261201-9')).toEqual({ n: 0 });
  });

  it('docs/governance-cli.md lists exactly the catalogued governance event types', () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/governance-cli.md'), 'utf8');
    const start = doc.indexOf('## Events governance writes');
    expect(start).toBeGreaterThan(0);
    const end = doc.indexOf('\n## ', start + 1);
    const section = doc.slice(start, end < 0 ? undefined : end);
    const listed = [...new Set([...section.matchAll(/^\| `([a-z]+\.[a-z_]+)`/gm)].map((m) => m[1]))].sort();
    expect(listed).toEqual([...GOVERNANCE_EVENT_TYPES].sort());
  });
});
