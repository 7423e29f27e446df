import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REGISTRY_LOG } from '../../../src-shared/audit/audit-envelope';
import { leafHash } from '../../../src-main/store/merkle';
import { recordSessionCheckpoint } from '../../../src-main/store/session-checkpoint';
import { createSqliteSink } from '../../../src-main/store/sqlite-sink';
import { verifyAudit } from '../../../src-main/services/verification/verify-audit';
import { auditFixture, events, sessionCreatedEvent, type Fixture } from '../../unit/audit/audit-fixture';

const LOG = 'session/s1';
let fx: Fixture;
let other: Database.Database;

/** 35 events in steps of 5, a checkpoint every 10 (at 10, 20, 30), then the final checkpoint recorded in the registry. */
function seed(): void {
  const sink = createSqliteSink(fx.store, { everyEvents: 10, everyMs: 0 });
  for (let i = 0; i < 7; i++) sink.appendStep('s1', events(5, i * 5));
  fx.store.append(REGISTRY_LOG, 's1', [sessionCreatedEvent('s1', '2026-12-16T01:44:00.000Z')]);
}

function dropTriggers(): void {
  for (const t of ['audit_events_no_update', 'audit_events_no_delete', 'audit_events_append_guard']) other.exec(`DROP TRIGGER ${t}`);
}

function canonicalAt(seq: number, log = LOG): string {
  return (other.prepare('SELECT canonical FROM audit_events WHERE log = ? AND seq = ?').get(log, seq) as { canonical: string }).canonical;
}

/** Rewrites events from..end with a changed payload, recomputing hashes and prev_hash as a careful forger would. */
function rechainFrom(from: number, log = LOG): void {
  const rows = other.prepare('SELECT seq, canonical FROM audit_events WHERE log = ? AND seq >= ? ORDER BY seq').all(log, from) as {
    seq: number;
    canonical: string;
  }[];
  let prev =
    from === 0
      ? '0'.repeat(64)
      : (other.prepare('SELECT event_hash FROM audit_events WHERE log = ? AND seq = ?').get(log, from - 1) as { event_hash: string })
          .event_hash;
  const upd = other.prepare('UPDATE audit_events SET canonical = ?, prev_hash = ?, event_hash = ? WHERE log = ? AND seq = ?');
  for (const r of rows) {
    const env = JSON.parse(r.canonical);
    env.payload.bid = 1;
    env.prev_hash = prev;
    const text = canonicalize(env)!;
    const hash = leafHash(Buffer.from(text)).toString('hex');
    upd.run(text, prev, hash, log, r.seq);
    prev = hash;
  }
}

function firstFailure() {
  const report = verifyAudit(fx.store, { record: false });
  expect(report.ok).toBe(false);
  const f = report.failures[0]!;
  return { check: f.check, log: f.log, seq: f.seq };
}

beforeEach(() => {
  fx = auditFixture();
  seed();
  other = new Database(fx.file);
});
afterEach(() => {
  other.close();
  fx.cleanup();
});

describe('verification of an untouched store', () => {
  it('holds, checking every event and checkpoint', () => {
    recordSessionCheckpoint(fx.store, 's1', '2026-12-16T02:00:00.000Z');
    const report = verifyAudit(fx.store);
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.eventsChecked).toBe(35 + 2);
    const s1 = report.logs.find((l) => l.log === LOG)!;
    expect(s1).toMatchObject({ ok: true, size: 35, eventsChecked: 35, checkpointsChecked: 4, root: fx.store.root(LOG) });
  });

  it('verifies incrementally from the last verified state', () => {
    verifyAudit(fx.store);
    fx.store.append(LOG, 's1', events(4, 35));
    const report = verifyAudit(fx.store, { mode: 'incremental' });
    expect(report.ok).toBe(true);
    expect(report.logs.find((l) => l.log === LOG)!.eventsChecked).toBe(4);
    expect(report.logs.find((l) => l.log === REGISTRY_LOG)!.eventsChecked).toBe(0);
  });
});

describe('tampering through a second connection', () => {
  it('DROP TRIGGER then UPDATE: event.hash at the edited seq', () => {
    dropTriggers();
    other
      .prepare('UPDATE audit_events SET canonical = ? WHERE log = ? AND seq = 12')
      .run(canonicalAt(12).replace('"bid":', '"bid":1'), LOG);
    expect(firstFailure()).toEqual({ check: 'event.hash', log: LOG, seq: 12 });
  });

  it('DELETE: event.seq at the deleted seq', () => {
    dropTriggers();
    other.prepare('DELETE FROM audit_events WHERE log = ? AND seq = 7').run(LOG);
    expect(firstFailure()).toEqual({ check: 'event.seq', log: LOG, seq: 7 });
  });

  it('INSERT OR REPLACE with the guard dropped: event.hash at the replaced seq', () => {
    dropTriggers();
    const text = canonicalAt(3).replace('step 3', 'step X');
    other
      .prepare('INSERT OR REPLACE INTO audit_events SELECT log, seq, ?, prev_hash, event_hash FROM audit_events WHERE log = ? AND seq = 3')
      .run(text, LOG);
    expect(canonicalAt(3)).toBe(text);
    expect(firstFailure()).toEqual({ check: 'event.hash', log: LOG, seq: 3 });
  });

  it('re-chaining a rewritten tail: checkpoint.root, from the last checkpoint that still holds', () => {
    dropTriggers();
    rechainFrom(25);
    expect(firstFailure()).toEqual({ check: 'checkpoint.root', log: LOG, seq: 20 });
  });

  it('re-chaining one event with its hash: event.chain at the next seq', () => {
    dropTriggers();
    const env = JSON.parse(canonicalAt(5));
    env.payload.bid = 99;
    const text = canonicalize(env)!;
    other
      .prepare('UPDATE audit_events SET canonical = ?, event_hash = ? WHERE log = ? AND seq = 5')
      .run(text, leafHash(Buffer.from(text)).toString('hex'), LOG);
    expect(firstFailure()).toEqual({ check: 'event.chain', log: LOG, seq: 6 });
  });

  it('truncation below a signed checkpoint: checkpoint.truncated at the first missing seq', () => {
    dropTriggers();
    other.prepare('DELETE FROM audit_events WHERE log = ? AND seq >= 25').run(LOG);
    other.prepare('UPDATE audit_logs SET size = 25 WHERE log = ?').run(LOG);
    expect(firstFailure()).toEqual({ check: 'checkpoint.truncated', log: LOG, seq: 25 });
  });

  it('a truncated tail that no checkpoint covers: verified.rollback against the last verification', () => {
    verifyAudit(fx.store);
    dropTriggers();
    other.prepare('DELETE FROM audit_events WHERE log = ? AND seq >= 32').run(LOG);
    other.prepare('UPDATE audit_logs SET size = 32 WHERE log = ?').run(LOG);
    const report = verifyAudit(fx.store, { mode: 'incremental', record: false });
    expect(report.failures[0]).toMatchObject({ check: 'verified.rollback', log: LOG, seq: 34 });
  });

  it('a forged checkpoint note: checkpoint.signature', () => {
    other.exec('DROP TRIGGER audit_checkpoints_no_update');
    other
      .prepare(
        "UPDATE audit_checkpoints SET note = replace(note, char(10) || '20' || char(10), char(10) || '21' || char(10)) WHERE log = ? AND size = 20",
      )
      .run(LOG);
    expect(firstFailure()).toEqual({ check: 'checkpoint.signature', log: LOG, seq: 19 });
  });

  it('a foreign event copied from another log: event.log', () => {
    dropTriggers();
    other
      .prepare(
        'UPDATE audit_events SET canonical = replace(canonical, \'"log":"session/s1"\', \'"log":"session/s2"\') WHERE log = ? AND seq = 2',
      )
      .run(LOG);
    other
      .prepare('UPDATE audit_events SET event_hash = ? WHERE log = ? AND seq = 2')
      .run(leafHash(Buffer.from(canonicalAt(2))).toString('hex'), LOG);
    expect(firstFailure()).toEqual({ check: 'event.log', log: LOG, seq: 2 });
  });
});

describe('registry against sessions', () => {
  beforeEach(() => {
    recordSessionCheckpoint(fx.store, 's1', '2026-12-16T02:00:00.000Z');
  });

  it('a session log removed entirely: registry.session_missing at the registry event', () => {
    dropTriggers();
    other.exec('DROP TRIGGER audit_checkpoints_no_delete');
    other.exec(
      "DELETE FROM audit_events WHERE log = 'session/s1'; DELETE FROM audit_checkpoints WHERE log = 'session/s1'; DELETE FROM audit_logs WHERE log = 'session/s1';",
    );
    expect(firstFailure()).toEqual({ check: 'registry.session_missing', log: LOG, seq: 1 });
  });

  it('a session log replaced by a re-chained one without checkpoints: registry.session_replaced', () => {
    dropTriggers();
    other.exec('DROP TRIGGER audit_checkpoints_no_delete');
    rechainFrom(0);
    other.exec("DELETE FROM audit_checkpoints WHERE log = 'session/s1'; UPDATE audit_logs SET frontier = '' WHERE log = 'session/s1'");
    const report = verifyAudit(fx.store, { record: false });
    expect(report.logs.find((l) => l.log === LOG)?.failure).toBeNull();
    expect(report.failures).toEqual([expect.objectContaining({ check: 'registry.session_replaced', log: LOG, seq: 1 })]);
  });
});

describe('any single-byte change is detected (property)', () => {
  it('in any stored event of any log', () => {
    dropTriggers();
    const rows = other.prepare('SELECT log, seq, canonical FROM audit_events').all() as { log: string; seq: number; canonical: string }[];
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: 0x20, max: 0x7e }), (r, pos, code) => {
        const row = rows[r % rows.length]!;
        const i = pos % row.canonical.length;
        const ch = String.fromCharCode(code === row.canonical.charCodeAt(i) ? ((code - 0x20 + 1) % 95) + 0x20 : code);
        const changed = row.canonical.slice(0, i) + ch + row.canonical.slice(i + 1);
        const upd = other.prepare('UPDATE audit_events SET canonical = ? WHERE log = ? AND seq = ?');
        upd.run(changed, row.log, row.seq);
        try {
          const report = verifyAudit(fx.store, { record: false });
          expect(report.ok).toBe(false);
          expect(report.failures[0]).toMatchObject({ check: 'event.hash', log: row.log, seq: row.seq });
        } finally {
          upd.run(row.canonical, row.log, row.seq);
        }
      }),
      { numRuns: 150 },
    );
    expect(verifyAudit(fx.store, { record: false }).ok).toBe(true);
  });
});
