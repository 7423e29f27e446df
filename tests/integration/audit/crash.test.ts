import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { afterAll, describe, expect, it } from 'vitest';
import { openAuditStore } from '../../../src-main/store/audit-log';
import { openDatabase } from '../../../src-main/store/database';
import { recoverOnOpen } from '../../../src-main/services/verification/recover-on-open';
import { verifyAudit } from '../../../src-main/services/verification/verify-audit';
import { makeTempDir } from '../../support/temp-dir';
import { ORIGIN } from '../../unit/audit/audit-fixture';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash-child.ts');
const KILLS = 22;
const tmp = makeTempDir('papertape-crash-');
afterAll(() => tmp.cleanup());

/** Runs the child until it has committed for `delayMs` after recovery, then SIGKILLs it; returns its stdout lines. */
function runAndKill(file: string, keyDir: string, seed: number, delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, keyDir, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (timer === null && out.includes('committed')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended without being killed (${String(signal)}): ${err}`));
      else resolve(out.split('\n').filter(Boolean));
    });
  });
}

describe('crash safety under SIGKILL', () => {
  it(`loses no committed event and verifies after each of ${KILLS} kills`, async () => {
    const file = path.join(tmp.dir, 'papertape.db');
    const keyDir = path.join(tmp.dir, 'keys');
    const rng = xoroshiro128plus(20261216);
    let lastCommitted = 0;
    for (let i = 0; i < KILLS; i++) {
      const lines = await runAndKill(file, keyDir, i, uniformInt(rng, 0, 120));
      expect(lines[0]).toMatch(/^recovered ok/);
      const committed = lines.filter((l) => l.startsWith('committed ')).map((l) => Number(l.split(' ')[1]));
      // The kill may land after a commit but before its line was written: the store may hold more, never less.
      const reported = committed.at(-1) ?? lastCommitted;
      const db = openDatabase(file);
      try {
        const store = openAuditStore(db, { keyDir, origin: ORIGIN, clock: () => 0 });
        const size = store.size('session/crash');
        expect(size).toBeGreaterThanOrEqual(reported);
        expect(size).toBeGreaterThanOrEqual(lastCommitted);
        lastCommitted = size;
        const report = verifyAudit(store, { record: false });
        expect(report.failures).toEqual([]);
        expect(report.logs.find((l) => l.log === 'session/crash')).toMatchObject({ size, eventsChecked: size });
      } finally {
        db.close();
      }
    }
    expect(lastCommitted).toBeGreaterThan(KILLS);
    // The next open verifies the interrupted tail incrementally and anchors it with a checkpoint.
    const db = openDatabase(file);
    try {
      const store = openAuditStore(db, { keyDir, origin: ORIGIN, clock: () => 0 });
      const recovery = recoverOnOpen(store);
      expect(recovery.verification.ok).toBe(true);
      expect(store.checkpoints('session/crash').at(-1)?.size).toBe(lastCommitted);
    } finally {
      db.close();
    }
  }, 180_000);
});
