import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VerificationReport } from '../../../src-shared/audit/verification-result';
import { AuditVerifyReport } from '../../../src-shared/audit-view/audit-verify-call';
import { contract, type AppHealth } from '../../../src-shared/contract';
import { createAppContext, type AppContext } from '../../../src-main/app-context';
import { handlers } from '../../../src-main/ipc/handlers';
import { createRegistry } from '../../../src-main/ipc/registry';
import { toAuditVerifyReport } from '../../../src-main/services/audit-view/audit-verify';
import { configureLane } from '../../../src-main/services/lanes/lane-service';
import { makeTempDir } from '../../support/temp-dir';
import { RESEARCH_LANE_CONFIG } from '../../e2e/view-fixture';

const ORIGIN = 'http://papertape.test';
const SENDER = { url: `${ORIGIN}/index.html` };

describe('audit.verify schemas', () => {
  it('accepts no input, an empty object, the registry or a session log, and nothing else', () => {
    const input = contract.calls['audit.verify'].input;
    expect(input.safeParse(undefined).success).toBe(true);
    expect(input.safeParse({}).success).toBe(true);
    expect(input.safeParse({ logId: 'registry' }).success).toBe(true);
    expect(input.safeParse({ logId: 'session/S-20261121-1' }).success).toBe(true);
    expect(input.safeParse({ logId: '../etc/passwd' }).success).toBe(false);
    expect(input.safeParse({ logId: 'session/' }).success).toBe(false);
    expect(input.safeParse({ logId: 'registry', extra: 1 }).success).toBe(false);
  });
});

describe('toAuditVerifyReport', () => {
  const failing: VerificationReport = {
    ok: false,
    mode: 'full',
    logs: [
      { log: 'registry', ok: true, eventsChecked: 4, size: 4, checkpointsChecked: 2, root: 'aa', failure: null },
      {
        log: 'session/s1',
        ok: false,
        eventsChecked: 9,
        size: 12,
        checkpointsChecked: 1,
        root: 'bb',
        failure: { check: 'event.chain', log: 'session/s1', seq: 9, detail: 'prev_hash differs' },
      },
    ],
    failures: [
      { check: 'event.chain', log: 'session/s1', seq: 9, detail: 'prev_hash differs' },
      { check: 'registry.session_replaced', log: 'session/s1', seq: 3, detail: 'other root' },
    ],
    eventsChecked: 13,
    seenCheckpointsChecked: 0,
  };

  it('lists every named check with its outcome, the first failure and the totals', () => {
    const r = toAuditVerifyReport(failing, null, '2026-11-21T00:00:00.000Z');
    expect(AuditVerifyReport.parse(r)).toEqual(r);
    const status = Object.fromEntries(r.checks.map((c) => [c.check, c.status]));
    expect(status).toEqual({
      'event.profile': 'pass',
      'event.hash': 'pass',
      'event.seq': 'pass',
      'event.log': 'pass',
      'event.chain': 'fail',
      'checkpoint.root': 'pass',
      'checkpoint.signature': 'pass',
      'checkpoint.truncated': 'pass',
      'verified.rollback': 'skip',
      'registry.session_missing': 'pass',
      'registry.session_replaced': 'fail',
      'registry.session_unknown': 'pass',
      'registry.session_extended': 'pass',
      'registry.key_unrecorded': 'pass',
    });
    expect(r.firstFailure).toEqual({ check: 'event.chain', log: 'session/s1', seq: 9, detail: 'prev_hash differs' });
    expect(r.totals).toEqual({ logs: 2, logsOk: 1, logsFailed: 1, events: 13, checkpoints: 3 });
  });

  it('counts rollback as checked in a full run that compared a witness or a kept checkpoint', () => {
    const r = toAuditVerifyReport({ ...failing, seenCheckpointsChecked: 1 }, null, 'x');
    expect(r.checks.find((c) => c.check === 'verified.rollback')?.status).toBe('pass');
  });

  it('marks the registry checks skipped when only one log was verified', () => {
    const r = toAuditVerifyReport({ ...failing, failures: [failing.failures[0]!] }, 'session/s1', 'x');
    expect(r.checks.filter((c) => c.status === 'skip').map((c) => c.check)).toEqual([
      'verified.rollback',
      'registry.session_missing',
      'registry.session_replaced',
      'registry.session_unknown',
      'registry.session_extended',
      'registry.key_unrecorded',
    ]);
    expect(r.logId).toBe('session/s1');
  });
});

describe('audit.verify through the registry', () => {
  let t: ReturnType<typeof makeTempDir>;
  let ctx: AppContext;
  let pushed: AppHealth[];

  beforeEach(() => {
    t = makeTempDir('papertape-audit-verify-');
    ctx = createAppContext({ dataDir: t.dir });
    pushed = [];
    ctx.events.subscribe((event, payload) => {
      if (event === 'app.health.changed') pushed.push(payload as AppHealth);
    });
    configureLane(ctx, { lane: 'paper_research', config: RESEARCH_LANE_CONFIG, actor: 'Lead Chen', reason: 'first' });
    configureLane(ctx, { lane: 'paper_research', config: RESEARCH_LANE_CONFIG, actor: 'Lead Chen', reason: 'second' });
  });
  afterEach(() => {
    ctx.close();
    t.cleanup();
  });

  const verify = (input?: unknown) => createRegistry(ctx, handlers, { trustedOrigin: ORIGIN }).dispatch('audit.verify', input, SENDER);

  it('verifies a sound store and pushes health showing it verified', async () => {
    const env = await verify();
    expect(env.ok).toBe(true);
    if (!env.ok) return;
    const r = env.value as AuditVerifyReport;
    expect(r.ok).toBe(true);
    expect(r.logs.map((l) => [l.log, l.ok, l.size])).toEqual([['registry', true, 3]]);
    expect(r.firstFailure).toBeNull();
    expect(r.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(r.totals.events).toBe(3);
    // The registry's witness file was compared, so rollback was checked even in a full run.
    expect(fs.existsSync(`${t.dir}.witness`)).toBe(true);
    expect(r.checks.find((c) => c.check === 'verified.rollback')?.status).toBe('pass');
    expect(pushed.map((h) => h.audit.status)).toEqual(['verified']);
  });

  it('names the check and the first failing seq after an edit through a second connection, and health turns failed', async () => {
    const other = new Database(ctx.dbPath);
    try {
      other.exec('DROP TRIGGER audit_events_no_update');
      const row = other.prepare("SELECT canonical FROM audit_events WHERE log = 'registry' AND seq = 2").get() as { canonical: string };
      const edited = row.canonical.replace('"second"', '"Second"');
      expect(edited).not.toBe(row.canonical);
      other.prepare("UPDATE audit_events SET canonical = ? WHERE log = 'registry' AND seq = 2").run(edited);
    } finally {
      other.close();
    }
    const env = await verify({ logId: 'registry' });
    expect(env.ok).toBe(true);
    if (!env.ok) return;
    const r = env.value as AuditVerifyReport;
    expect(r.ok).toBe(false);
    expect(r.firstFailure).toMatchObject({ check: 'event.hash', log: 'registry', seq: 2 });
    expect(r.checks.find((c) => c.check === 'event.hash')).toMatchObject({ status: 'fail', failures: 1 });
    expect(r.totals).toMatchObject({ logs: 1, logsFailed: 1 });
    expect(pushed.map((h) => h.audit.status)).toEqual(['failed']);
  });

  it('answers NOT_FOUND for a log the store does not hold, and INVALID_INPUT for a malformed name', async () => {
    const missing = await verify({ logId: 'session/S-20990101-1' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'LOG_NOT_FOUND: log=session/S-20990101-1' } });
    const bad = await verify({ logId: 'registry/../x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(pushed).toEqual([]);
  });
});
