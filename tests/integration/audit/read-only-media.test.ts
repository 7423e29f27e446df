import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePath, openDatabase } from '../../../src-main/store/database';
import { createSqliteSink } from '../../../src-main/store/sqlite-sink';
import { openWorkstationAuditStore } from '../../../src-main/store/workstation-audit';
import { runCli } from '../../support/cli-run';
import { makeTempDir } from '../../support/temp-dir';
import { events, registerSession } from '../../unit/audit/audit-fixture';

/**
 * Issue 14 item 8: a store on read-only media. As root (CI containers) the folder is a tmpfs remounted
 * read-only, since root ignores file modes; otherwise the folder is made read-only with chmod.
 */
const isRoot = process.getuid?.() === 0;
function tryMount(dir: string): boolean {
  return spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dir]).status === 0;
}
const CAN = process.platform !== 'win32' && (!isRoot || spawnSync('sh', ['-c', 'command -v mount']).status === 0);

let undo: (() => void)[] = [];
afterEach(() => {
  for (const u of undo.reverse()) u();
  undo = [];
});

describe.skipIf(!CAN)('a store on read-only media', () => {
  it('verify and key export read it (exit 0), record nothing, and leave the media as it was', async (ctx) => {
    const t = makeTempDir('papertape-ro-');
    undo.push(t.cleanup);
    const media = path.join(t.dir, 'media');
    fs.mkdirSync(media);
    if (isRoot) {
      if (!tryMount(media)) return ctx.skip();
      undo.push(() => spawnSync('umount', [media]));
    }
    const dataDir = path.join(media, 'data');
    fs.mkdirSync(dataDir);
    const db = openDatabase(databasePath(dataDir));
    const store = openWorkstationAuditStore(db, dataDir, () => 0);
    registerSession(store, 's1');
    const sink = createSqliteSink(store, { everyEvents: 4, everyMs: 0 });
    for (let i = 0; i < 5; i++) sink.appendStep('s1', events(2, i * 2));
    db.close();
    const listing = () => fs.readdirSync(dataDir).sort();
    const before = listing();
    const bytes = fs.readFileSync(databasePath(dataDir));

    if (isRoot) {
      // A container may allow a tmpfs but not a remount; then there is no read-only media to test on here.
      if (spawnSync('mount', ['-o', 'remount,ro', media]).status !== 0) return ctx.skip();
    } else {
      fs.chmodSync(dataDir, 0o555);
      fs.chmodSync(databasePath(dataDir), 0o444);
      undo.push(() => fs.chmodSync(dataDir, 0o755));
    }

    expect(() => fs.writeFileSync(path.join(dataDir, 'probe'), 'x')).toThrow();

    const v = await runCli(dataDir, 'verify');
    expect(v.err).toBe('');
    expect(v.code).toBe(0);
    expect(v.out).toContain('All 2 log(s) verify (12 events read)');
    expect(v.out).toContain('a private copy was verified, and this run is not recorded');
    const k = await runCli(dataDir, 'key', 'export', '--json');
    expect(k.code).toBe(0);
    expect(JSON.parse(k.out)).toMatchObject({ fingerprint: store.key.fingerprint });
    expect(listing()).toEqual(before);
    expect(fs.readFileSync(databasePath(dataDir)).equals(bytes)).toBe(true);
  });
});
