import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditCheckpointsOutput, AuditEventContext, WorkstationPublicKey } from '../../../src-shared/audit-view/audit-integrity-calls';
import type { SessionView } from '../../../src-shared/governance/session-view';
import { sampleSteps, scriptedRunner } from '../../../src-main/services/drills/scripted-runner';
import { LANE_CONFIG, openGovApp, SPEC, type GovApp } from '../governance/governance-kit';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A session whose process "died" mid-run, reopened: a real session log of 8 events, checkpoints signed by recovery. */
async function recorded(): Promise<{ app: GovApp; log: string }> {
  const first = openGovApp({ runner: scriptedRunner({ steps: sampleSteps({ snapshotQuantity: 2 }), hang: true }) });
  await first.ok('lanes.configure', { lane: 'paper_research', config: LANE_CONFIG, actor: 'lead', reason: 'r' });
  const s = await first.ok<SessionView>('sessions.create', { spec: SPEC, owner: 'ann' });
  await first.ok('sessions.start', { sessionId: s.id, actor: 'ann' });
  await new Promise((r) => setImmediate(r));
  const app = first.reopen();
  cleanups.push(() => app.cleanup());
  return { app, log: `session/${s.id}` };
}

describe('audit.eventContext', () => {
  it('shows seq-2..seq+2 as stored, hashes matching, and names a deleted row as missing', async () => {
    const { app, log } = await recorded();
    const clean = await app.ok<AuditEventContext>('audit.eventContext', { log, seq: 3 });
    expect(clean.rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(clean.rows.every((r) => r.present && r.hashMatches === true && r.chainMatches === true)).toBe(true);
    expect(clean.rows[0]).toMatchObject({ type: 'broker.fill' });
    const edge = await app.ok<AuditEventContext>('audit.eventContext', { log, seq: 0, radius: 1 });
    expect(edge.rows.map((r) => r.seq)).toEqual([0, 1]);

    const other = new Database(app.ctx.dbPath);
    other.exec('DROP TRIGGER audit_events_no_delete');
    other.prepare('DELETE FROM audit_events WHERE log = ? AND seq = 3').run(log);
    other.close();
    const gap = await app.ok<AuditEventContext>('audit.eventContext', { log, seq: 3 });
    expect(gap.rows.find((r) => r.seq === 3)).toMatchObject({ present: false, storedHash: null });
    // The row after the gap has nothing to chain to as stored.
    expect(gap.rows.find((r) => r.seq === 4)).toMatchObject({ present: true, chainMatches: null });
  });

  it('validates at the boundary and refuses an unknown log', async () => {
    const { app } = await recorded();
    expect(await app.call('audit.eventContext', { log: '../x', seq: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await app.call('audit.eventContext', { log: 'registry', seq: 1, radius: 50 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await app.call('audit.eventContext', { log: 'session/S-19990101-1', seq: 0 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('audit.checkpoints, key.public and key.export', () => {
  it('lists every checkpoint with the workstation fingerprint and a verified signature', async () => {
    const { app, log } = await recorded();
    const key = await app.ok<WorkstationPublicKey>('key.public', {});
    const out = await app.ok<AuditCheckpointsOutput>('audit.checkpoints', {});
    expect(out.total).toBeGreaterThan(1);
    expect(out.checkpoints.some((c) => c.log === log)).toBe(true);
    expect(out.checkpoints.every((c) => c.signatureValid && c.keyFingerprint === key.fingerprint && c.keyId === key.keyId)).toBe(true);
  });

  it('writes the PEM inside the data directory and refuses a typed path outside it', async () => {
    const { app } = await recorded();
    const key = await app.ok<WorkstationPublicKey>('key.public', {});
    const file = path.join(app.dataDir, 'workstation.pem');
    const r = await app.ok<{ path: string; fingerprint: string }>('key.export', { path: file });
    expect(r).toMatchObject({ path: file, fingerprint: key.fingerprint });
    expect(fs.readFileSync(file, 'utf8')).toBe(key.publicKeyPem);
    const outside = path.join(os.tmpdir(), `papertape-key-${process.pid}.pem`);
    expect(await app.call('key.export', { path: outside })).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expect(fs.existsSync(outside)).toBe(false);
    expect(await app.call('key.export', { path: path.join(app.dataDir, 'keys', 'x.pem') })).toMatchObject({ ok: false });
  });
});

describe('audit.verify progress', () => {
  it('pushes events read over the recorded total, ending at done = total', async () => {
    const { app } = await recorded();
    const seen: { done: number; total: number; phase: string }[] = [];
    app.ctx.events.subscribe((event, payload) => {
      if (event === 'audit.progress') seen.push(payload as (typeof seen)[number]);
    });
    await app.ok('audit.verify', {});
    expect(seen.length).toBeGreaterThan(2);
    const last = seen.at(-1)!;
    expect(last.phase).toBe('done');
    expect(last.done).toBe(last.total);
    expect(last.total).toBeGreaterThan(8);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
  });
});
