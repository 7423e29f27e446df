import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_PREV_HASH, REGISTRY_LOG } from '../../../src-shared/audit/audit-envelope';
import { AuditStoreError, openAuditStore } from '../../../src-main/store/audit-log';
import { parseCheckpoint } from '../../../src-main/store/checkpoint';
import { openDatabase } from '../../../src-main/store/database';
import { leafHash, merkleRoot } from '../../../src-main/store/merkle';
import { openNote } from '../../../src-main/store/signed-note';
import { createSqliteSink } from '../../../src-main/store/sqlite-sink';
import { KEY_FILE } from '../../../src-main/store/signing-key/signing-key-store';
import { auditFixture, events, ORIGIN, type Fixture } from '../../unit/audit/audit-fixture';

let fx: Fixture;
beforeEach(() => {
  fx = auditFixture();
});
afterEach(() => fx.cleanup());

function storedHashes(log: string): Buffer[] {
  return [...fx.store.readEvents(log)].map((e) => Buffer.from(e.eventHash, 'hex'));
}

describe('audit store append', () => {
  it('stores canonical envelopes verbatim, chained, with the RFC 6962 root', () => {
    const r1 = fx.store.append('session/s1', 's1', events(3));
    const r2 = fx.store.append('session/s1', 's1', events(2, 3));
    expect([r1.firstSeq, r1.lastSeq, r2.firstSeq, r2.lastSeq, r2.size]).toEqual([0, 2, 3, 4, 5]);
    const stored = [...fx.store.readEvents('session/s1')];
    expect(stored.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    const first = JSON.parse(stored[0]!.canonical);
    expect(first).toEqual({
      v: 1,
      log: 'session/s1',
      seq: 0,
      ts: '2026-12-16T01:45:00.000Z',
      type: 'market.quote',
      session_id: 's1',
      actor: 'system',
      payload: { bid: 23000, ask: 23001, contract: 'TXF202612', note: 'step 0' },
      prev_hash: GENESIS_PREV_HASH,
    });
    expect(stored[0]!.canonical).toBe(canonicalize(first));
    expect(stored[0]!.eventHash).toBe(leafHash(Buffer.from(stored[0]!.canonical)).toString('hex'));
    expect(JSON.parse(stored[1]!.canonical).prev_hash).toBe(stored[0]!.eventHash);
    expect(r2.root).toBe(merkleRoot(storedHashes('session/s1')).toString('hex'));
    expect(fx.store.root('session/s1')).toBe(r2.root);
    expect(fx.store.tip('session/s1')).toEqual({ seq: 4, eventHash: stored[4]!.eventHash });
    expect(fx.store.tip('session/none')).toEqual({ seq: null, eventHash: GENESIS_PREV_HASH });
    expect(fx.store.listLogs()).toEqual([{ log: 'session/s1', kind: 'session', sessionId: 's1', size: 5 }]);
  });

  it('writes a batch all or nothing: one bad event leaves the log as it was', () => {
    fx.store.append('session/s1', 's1', events(2));
    const bad = [...events(2, 2), { type: 'market.quote', ts: '2026-12-16T01:45:00.000Z', actor: 'system', payload: { px: 1.5 } }];
    expect(() => fx.store.append('session/s1', 's1', bad)).toThrow(expect.objectContaining({ code: 'INVALID_EVENT' }));
    expect(fx.store.size('session/s1')).toBe(2);
    expect(fx.store.append('session/s1', 's1', events(1, 2)).lastSeq).toBe(2);
  });

  it('refuses log ids that do not match the session', () => {
    expect(() => fx.store.append('session/s1', 's2', events(1))).toThrow(expect.objectContaining({ code: 'INVALID_LOG' }));
    expect(() => fx.store.append('elsewhere', null, events(1))).toThrow(expect.objectContaining({ code: 'INVALID_LOG' }));
  });

  it('keeps the Merkle frontier across reopen, and rebuilds it when the cached one is stale', () => {
    fx.store.append(REGISTRY_LOG, null, events(7));
    const root = fx.store.root(REGISTRY_LOG);
    fx.reopen();
    expect(fx.store.root(REGISTRY_LOG)).toBe(root);
    fx.db.prepare("UPDATE audit_logs SET frontier = '' WHERE log = ?").run(REGISTRY_LOG);
    fx.reopen();
    expect(fx.store.root(REGISTRY_LOG)).toBe(root);
    fx.store.append(REGISTRY_LOG, null, events(2, 7));
    expect(fx.store.root(REGISTRY_LOG)).toBe(merkleRoot(storedHashes(REGISTRY_LOG)).toString('hex'));
  });
});

describe('checkpoints', () => {
  it('signs a C2SP checkpoint of the committed log, idempotently', () => {
    fx.store.append('session/s1', 's1', events(4));
    const cp = fx.store.checkpoint('session/s1');
    expect(cp.body).toBe(`${ORIGIN}/session/s1\n4\n${Buffer.from(fx.store.root('session/s1'), 'hex').toString('base64')}\n`);
    expect(parseCheckpoint(cp.body)?.size).toBe(4);
    expect(cp.keyName).toBe(ORIGIN);
    expect(openNote(cp.note, ORIGIN, fx.store.key.publicKey, fx.store.key.publicRaw)).toBe(cp.body);
    expect(fx.store.checkpoint('session/s1').note).toBe(cp.note);
    fx.store.append('session/s1', 's1', events(1, 4));
    expect(fx.store.checkpoint('session/s1').size).toBe(5);
    expect(fx.store.checkpoints('session/s1').map((c) => c.size)).toEqual([4, 5]);
  });

  it('refuses to sign inside an open transaction', () => {
    fx.store.append('session/s1', 's1', events(1));
    expect(() => fx.db.transaction(() => fx.store.checkpoint('session/s1'))()).toThrow(/open transaction/);
  });

  it('creates the key once, owner-only, and reuses it', () => {
    const file = path.join(fx.dir, 'keys', KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const fp = fx.store.key.fingerprint;
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    fx.reopen();
    expect(fx.store.key.fingerprint).toBe(fp);
  });
});

describe('sqlite sink', () => {
  it('writes each step as one batch and checkpoints every N events', () => {
    const sink = createSqliteSink(fx.store, { everyEvents: 5, everyMs: 0 });
    for (let i = 0; i < 6; i++) sink.appendStep('s9', events(2, i * 2));
    expect(fx.store.size('session/s9')).toBe(12);
    expect(fx.store.checkpoints('session/s9').map((c) => c.size)).toEqual([6, 12]);
  });

  it('checkpoints after T ms of injected time', () => {
    const sink = createSqliteSink(fx.store, { everyEvents: 0, everyMs: 2500 });
    for (let i = 0; i < 4; i++) sink.appendStep('s8', events(1, i));
    // The fixture clock advances 1000 ms per reading: the third step is 2000 ms after the first, the fourth 3000.
    expect(fx.store.checkpoints('session/s8').map((c) => c.size)).toEqual([4]);
  });
});

describe('triggers through a second connection', () => {
  it('refuse UPDATE, DELETE, INSERT OR REPLACE and out-of-order inserts', () => {
    fx.store.append('session/s1', 's1', events(3));
    const other = new Database(fx.file);
    try {
      expect(() => other.prepare("UPDATE audit_events SET canonical = '{}' WHERE seq = 1").run()).toThrow(/append-only/);
      expect(() => other.prepare('DELETE FROM audit_events WHERE seq = 2').run()).toThrow(/append-only/);
      expect(() =>
        other
          .prepare('INSERT OR REPLACE INTO audit_events SELECT log, seq, canonical, prev_hash, event_hash FROM audit_events WHERE seq = 1')
          .run(),
      ).toThrow(/next one/);
      expect(() => other.prepare(`INSERT INTO audit_events VALUES ('session/s1', 3, '{}', '${GENESIS_PREV_HASH}', 'x')`).run()).toThrow(
        /tip/,
      );
      fx.store.checkpoint('session/s1');
      expect(() => other.prepare('DELETE FROM audit_checkpoints').run()).toThrow(/append-only/);
    } finally {
      other.close();
    }
    expect(fx.store.size('session/s1')).toBe(3);
  });
});

describe('faults', () => {
  it('raises DISK_FULL on a full database and keeps committed events', () => {
    fx.store.append('session/s1', 's1', events(5));
    const pages = fx.db.pragma('page_count', { simple: true }) as number;
    fx.db.pragma(`max_page_count = ${pages + 1}`);
    let error: unknown;
    for (let i = 0; i < 200 && !error; i++) {
      try {
        fx.store.append('session/s1', 's1', events(50, 5 + i * 50));
      } catch (err) {
        error = err;
      }
    }
    expect(error).toBeInstanceOf(AuditStoreError);
    expect((error as AuditStoreError).code).toBe('DISK_FULL');
    const size = fx.store.size('session/s1');
    fx.reopen();
    expect(fx.store.size('session/s1')).toBe(size);
    expect([...fx.store.readEvents('session/s1')].map((e) => e.seq)).toEqual(Array.from({ length: size }, (_, i) => i));
  });

  it('raises READ_ONLY on a read-only connection and keeps committed events', () => {
    fx.store.append('session/s1', 's1', events(3));
    fx.db.close();
    const ro = openDatabase(fx.file, { readonly: true });
    const store = openAuditStore(ro, { keyDir: path.join(fx.dir, 'keys'), origin: ORIGIN, clock: () => 0 });
    expect(() => store.append('session/s1', 's1', events(1, 3))).toThrow(expect.objectContaining({ code: 'READ_ONLY' }));
    expect(store.size('session/s1')).toBe(3);
    ro.close();
    fx.reopen();
    expect(fx.store.size('session/s1')).toBe(3);
  });
});
