import fs from 'node:fs';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import canonicalize from 'canonicalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionLogId } from '../../../src-shared/audit/audit-envelope';
import { verifyBundle } from '../../../src-main/services/evidence/open-bundle';
import { leafHash } from '../../../src-main/store/merkle';
import { exportFixture, openWorkstation, recordSession, reseal, SESSION, tempDir, type Workstation } from './bundle-fixture';
import { PY_MISSING, runVerifyPy, runVerifySh, SH_MISSING } from './script-runner';

let ws: Workstation;
let golden: string;
let root: string;

function dirDigest(dir: string): string {
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => {
      const p = path.join(dir, f);
      const st = fs.lstatSync(p);
      return `${f}:${st.isSymbolicLink() ? 'link' : fs.readFileSync(p).toString('base64')}`;
    })
    .join('|');
}

function copyBundle(name: string): string {
  const dir = path.join(root, name);
  fs.cpSync(golden, dir, { recursive: true });
  return dir;
}

const lines = (dir: string) => fs.readFileSync(path.join(dir, 'events.jsonl'), 'utf8').split('\n').slice(0, -1);
const writeLines = (dir: string, ls: string[]) => fs.writeFileSync(path.join(dir, 'events.jsonl'), ls.map((l) => l + '\n').join(''));

interface Tamper {
  name: string;
  apply(dir: string): void;
  /** Re-sign SHA256SUMS afterwards (an attacker holding the key), so the deeper check must catch it. */
  reseal: boolean;
  check: string;
  seq?: number;
  args?: () => string[];
}

function rechain(ls: string[], from: number): string[] {
  const out = [...ls];
  for (let i = from; i < out.length; i++) {
    const e = JSON.parse(out[i]!) as Record<string, unknown>;
    e.prev_hash = i === 0 ? '0'.repeat(64) : leafHash(Buffer.from(out[i - 1]!, 'utf8')).toString('hex');
    out[i] = canonicalize(e)!;
  }
  return out;
}

const TAMPERS: Tamper[] = [
  {
    name: 'edited event, not resealed',
    reseal: false,
    check: 'sums.files',
    apply: (d) =>
      writeLines(
        d,
        lines(d).map((l, i) => (i === 5 ? l.replace('"system"', '"systen"') : l)),
      ),
  },
  {
    name: 'edited event',
    reseal: true,
    check: 'events.chain',
    seq: 6,
    apply: (d) =>
      writeLines(
        d,
        lines(d).map((l, i) => (i === 5 ? l.replace('"system"', '"systen"') : l)),
      ),
  },
  {
    name: 'deleted event',
    reseal: true,
    check: 'events.seq',
    seq: 5,
    apply: (d) =>
      writeLines(
        d,
        lines(d).filter((_, i) => i !== 5),
      ),
  },
  {
    name: 'reordered events',
    reseal: true,
    check: 'events.seq',
    seq: 5,
    apply: (d) => {
      const ls = lines(d);
      [ls[5], ls[6]] = [ls[6]!, ls[5]!];
      writeLines(d, ls);
    },
  },
  {
    name: 'duplicated event',
    reseal: true,
    check: 'events.seq',
    seq: 6,
    apply: (d) =>
      writeLines(
        d,
        lines(d).flatMap((l, i) => (i === 5 ? [l, l] : [l])),
      ),
  },
  {
    name: 'foreign event',
    reseal: true,
    check: 'events.log',
    seq: 5,
    apply: (d) => {
      const ls = lines(d);
      const e = JSON.parse(ls[5]!) as Record<string, unknown>;
      e.log = sessionLogId('20261216-002');
      e.session_id = '20261216-002';
      ls[5] = canonicalize(e)!;
      writeLines(d, ls);
    },
  },
  {
    name: 'rewritten and re-chained tail',
    reseal: true,
    check: 'events.root',
    apply: (d) =>
      writeLines(
        d,
        rechain(
          lines(d).map((l, i) => (i >= 10 ? l.replace('"system"', '"systen"') : l)),
          10,
        ),
      ),
  },
  { name: 'truncated', reseal: true, check: 'events.size', apply: (d) => writeLines(d, lines(d).slice(0, -3)) },
  {
    name: 'bad signature',
    reseal: false,
    check: 'sums.signature',
    apply: (d) => {
      const p = path.join(d, 'SHA256SUMS.sig');
      const b = fs.readFileSync(p);
      b[10]! ^= 0x01;
      fs.writeFileSync(p, b);
    },
  },
  { name: 'missing signature', reseal: false, check: 'bundle.layout', apply: (d) => fs.rmSync(path.join(d, 'SHA256SUMS.sig')) },
  {
    name: 'changed checkpoint',
    reseal: true,
    check: 'checkpoint.signature',
    apply: (d) => {
      const p = path.join(d, 'checkpoint.note');
      const t = fs.readFileSync(p, 'utf8').split('\n');
      t[1] = String(Number(t[1]) - 1);
      fs.writeFileSync(p, t.join('\n'));
    },
  },
  { name: 'unlisted file', reseal: false, check: 'bundle.layout', apply: (d) => fs.writeFileSync(path.join(d, 'notes.txt'), 'hello\n') },
  { name: 'missing file', reseal: false, check: 'bundle.layout', apply: (d) => fs.rmSync(path.join(d, 'report.html')) },
  {
    name: 'stray -wal file',
    reseal: false,
    check: 'bundle.layout',
    apply: (d) => fs.writeFileSync(path.join(d, 'session.sqlite-wal'), Buffer.alloc(32)),
  },
  {
    name: 'stray -shm file',
    reseal: false,
    check: 'bundle.layout',
    apply: (d) => fs.writeFileSync(path.join(d, 'session.sqlite-shm'), Buffer.alloc(32)),
  },
  {
    name: 'CRLF line ends',
    reseal: true,
    check: 'events.encoding',
    seq: 0,
    apply: (d) =>
      writeLines(
        d,
        lines(d).map((l) => l + '\r'),
      ),
  },
  {
    name: 'byte-order mark',
    reseal: true,
    check: 'events.encoding',
    seq: 0,
    apply: (d) =>
      fs.writeFileSync(
        path.join(d, 'events.jsonl'),
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(path.join(d, 'events.jsonl'))]),
      ),
  },
  {
    name: 're-encoded bytes (\\u escape)',
    reseal: true,
    check: 'events.profile',
    seq: 0,
    apply: (d) =>
      writeLines(
        d,
        lines(d).map((l) => l.replace('"TX 202612"', '"\\u0054X 202612"')),
      ),
  },
  {
    name: 'symlink in the bundle',
    reseal: false,
    check: 'bundle.safety',
    apply: (d) => fs.symlinkSync('/etc/passwd', path.join(d, 'passwd')),
  },
  {
    name: 'wrong pinned key',
    reseal: false,
    check: 'sums.signature',
    apply: () => undefined,
    args: () => {
      const p = path.join(root, 'other.pem');
      if (!fs.existsSync(p))
        fs.writeFileSync(p, generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString());
      return ['--pubkey', p];
    },
  },
];

function verifyArgs(args: string[]) {
  const i = args.indexOf('--pubkey');
  return i >= 0 ? { pubkeyPem: fs.readFileSync(args[i + 1]!, 'utf8') } : {};
}

beforeAll(async () => {
  ws = openWorkstation();
  recordSession(ws.store, SESSION, 8);
  root = tempDir('pt-tamper-');
  golden = path.join(root, 'golden');
  await exportFixture(ws, golden);
});
afterAll(() => ws.close());

describe('clean bundle', () => {
  it('verifies in the CLI verifier, verify.py and verify.sh', () => {
    const dir = copyBundle('clean');
    const pem = path.join(root, 'pinned.pem');
    fs.writeFileSync(pem, ws.key.publicPem);
    const v = verifyBundle(dir, { pubkeyPem: ws.key.publicPem });
    expect(v.firstFailure).toBeNull();
    expect(v.checks.find((c) => c.check === 'key.pinned')?.status).toBe('pass');
    expect(verifyBundle(dir).checks.find((c) => c.check === 'key.pinned')?.status).toBe('warn');
    if (!PY_MISSING) expect(runVerifyPy(dir, ['--pubkey', pem]).code).toBe(0);
    if (!SH_MISSING) expect(runVerifySh(dir, ['--pubkey', pem])).toMatchObject({ code: 0 });
  });

  it('accepts an extra signature line from an unknown key in checkpoint.note', () => {
    const dir = copyBundle('extra-sig');
    const p = path.join(dir, 'checkpoint.note');
    const before = fs.readFileSync(p, 'utf8');
    fs.writeFileSync(p, `${before}\u2014 someone.else/key ${Buffer.alloc(68, 7).toString('base64')}\n`);
    expect(fs.readFileSync(p, 'utf8')).not.toBe(before);
    reseal(dir, ws.key);
    const v = verifyBundle(dir, { pubkeyPem: ws.key.publicPem });
    expect(v.firstFailure).toBeNull();
    if (!PY_MISSING) expect(runVerifyPy(dir, ['--trust-bundled-key']).code).toBe(0);
    if (!SH_MISSING) expect(runVerifySh(dir, ['--trust-bundled-key']).code).toBe(0);
  });

  it('unpinned: every verifier refuses to call it verified (exit 3) unless told to trust the bundled key', () => {
    const dir = copyBundle('unpinned');
    if (!PY_MISSING) {
      const py = runVerifyPy(dir);
      expect(py.code).toBe(3);
      expect(runVerifyPy(dir, ['--trust-bundled-key']).code).toBe(0);
    }
    if (!SH_MISSING) {
      const sh = runVerifySh(dir);
      expect(sh.code).toBe(3);
      expect(sh.out).toContain('UNPINNED: every check holds');
      expect(runVerifySh(dir, ['--trust-bundled-key']).code).toBe(0);
    }
    // A bundle signed by another workstation's key passes the bundled-key checks, so only pinning tells it apart.
    const v = verifyBundle(dir, {});
    expect(v).toMatchObject({ ok: true, keyPinned: false });
  });
});

describe.each(TAMPERS)('tamper: $name', (t) => {
  it(`is caught by ${t.check}, and the scripts agree`, () => {
    const dir = copyBundle(t.name.replace(/[^a-z0-9]+/gi, '-'));
    const before = dirDigest(dir);
    t.apply(dir);
    if (t.reseal) reseal(dir, ws.key);
    const args = t.args?.() ?? [];
    if (args.length === 0) expect(dirDigest(dir)).not.toBe(before);
    const v = verifyBundle(dir, verifyArgs(args));
    expect(v.ok).toBe(false);
    expect(v.firstFailure?.check).toBe(t.check);
    if (t.seq !== undefined) expect(v.checks.find((c) => c.check === t.check)?.seq).toBe(t.seq);
    if (!PY_MISSING) {
      const py = runVerifyPy(dir, args);
      expect(py.code, py.out).toBe(1);
      expect(py.first).toBe(t.check);
    }
    if (!SH_MISSING) expect(runVerifySh(dir, args).code).toBe(1);
  });
});

describe('checkpoint seen earlier', () => {
  it('reports a rollback: the bundle is shorter than a checkpoint signed before', async () => {
    const w = openWorkstation();
    recordSession(w.store, SESSION, 4);
    const early = path.join(root, 'early');
    await exportFixture(w, early);
    w.store.append(sessionLogId(SESSION), SESSION, [
      { type: 'market.quote', ts: '2026-12-16T02:00:00.000Z', actor: 'system', payload: { n: 1 } },
    ]);
    const later = path.join(root, 'later.note');
    fs.writeFileSync(later, w.store.checkpoint(sessionLogId(SESSION)).note);
    w.close();
    const v = verifyBundle(early, { lastCheckpoint: fs.readFileSync(later, 'utf8') });
    expect(v.firstFailure?.check).toBe('previous.checkpoint');
    expect(v.firstFailure?.detail).toMatch(/^rollback/);
    expect(verifyBundle(early).ok).toBe(true);
    if (!PY_MISSING) expect(runVerifyPy(early, ['--last-checkpoint', later]).first).toBe('previous.checkpoint');
    if (!SH_MISSING) expect(runVerifySh(early, ['--last-checkpoint', later]).code).toBe(1);
  });

  it('reports a fork: an earlier checkpoint by the same key over different events', () => {
    // Same key and origin, different history: copy the key and origin into a second workstation.
    const other = tempDir('pt-fork-');
    fs.cpSync(path.join(ws.dataDir, 'keys'), path.join(other, 'keys'), { recursive: true });
    const w = openWorkstation(other);
    w.db.prepare('UPDATE workstation_meta SET value = ? WHERE key = ?').run(ws.store.origin, 'audit.origin');
    w.close();
    const w2 = openWorkstation(other);
    expect(w2.store.origin).toBe(ws.store.origin);
    w2.store.append(sessionLogId(SESSION), SESSION, [
      { type: 'market.quote', ts: '2026-12-16T00:45:00.000Z', actor: 'system', payload: { forked: true } },
    ]);
    const note = path.join(root, 'fork.note');
    fs.writeFileSync(note, w2.store.checkpoint(sessionLogId(SESSION)).note);
    w2.close();
    const dir = copyBundle('fork');
    const v = verifyBundle(dir, { lastCheckpoint: fs.readFileSync(note, 'utf8') });
    expect(v.firstFailure?.check).toBe('previous.checkpoint');
    expect(v.firstFailure?.detail).toMatch(/^fork/);
    if (!PY_MISSING) expect(runVerifyPy(dir, ['--last-checkpoint', note]).first).toBe('previous.checkpoint');
    if (!SH_MISSING) expect(runVerifySh(dir, ['--last-checkpoint', note]).code).toBe(1);
  });
});

describe('scripts', () => {
  it.skipIf(SH_MISSING !== null)(`verify.sh needs its tools${SH_MISSING ? ` (skipped: ${SH_MISSING})` : ''}`, () => {
    expect(runVerifySh(golden, ['--pubkey', '/nonexistent.pem']).code).toBe(2);
  });
  it.skipIf(PY_MISSING !== null)(`verify.py usage errors exit 2${PY_MISSING ? ` (skipped: ${PY_MISSING})` : ''}`, () => {
    expect(runVerifyPy(path.join(root, 'does-not-exist')).code).toBe(2);
  });
});
