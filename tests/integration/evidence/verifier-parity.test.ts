import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../../src-main/services/evidence/open-bundle';
import { createPrng } from '../../../src-main/pipeline/clock/seeded-prng';
import { exportFixture, openWorkstation, recordSession, reseal, SESSION, tempDir, type Workstation } from './bundle-fixture';
import { PY_MISSING, REFERENCE_SCRIPTS, runVerifyPy, runVerifySh, SH_MISSING, shFirstFailure, type FirstFailure } from './script-runner';

/**
 * The three verifiers (the CLI's, verify.py, verify.sh) must agree on malformed and hostile input:
 * the same first failing check at the same seq, and a clean verdict (exit 1 for a finding), never a
 * traceback, a stack overflow or a hang. The scripts run from the repository (a reviewer's own copy).
 */
let ws: Workstation;
let golden: string;
let root: string;
let pemFile: string;

beforeAll(async () => {
  ws = openWorkstation();
  recordSession(ws.store, SESSION, 8);
  root = tempDir('pt-parity-');
  golden = path.join(root, 'golden');
  await exportFixture(ws, golden);
  pemFile = path.join(root, 'pinned.pem');
  fs.writeFileSync(pemFile, ws.key.publicPem);
});
afterAll(() => ws.close());

let copies = 0;
function copyBundle(): string {
  const dir = path.join(root, `b${copies++}`);
  fs.cpSync(golden, dir, { recursive: true });
  return dir;
}

const eventsFile = (d: string) => path.join(d, 'events.jsonl');
const lines = (d: string) => fs.readFileSync(eventsFile(d), 'utf8').split('\n').slice(0, -1);
const writeLines = (d: string, ls: string[]) => fs.writeFileSync(eventsFile(d), ls.map((l) => `${l}\n`).join(''));
function editLine(d: string, i: number, edit: (line: string) => string): void {
  writeLines(
    d,
    lines(d).map((l, k) => (k === i ? edit(l) : l)),
  );
}
/** Adds payload.zz = marker through canonicalize, then swaps the marker's text for raw JSON text. */
function withPayloadText(line: string, raw: string): string {
  const e = JSON.parse(line) as { payload: Record<string, unknown> };
  e.payload.zz = 987654321;
  return canonicalize(e)!.replace('987654321', raw);
}
function patchBytes(d: string, at: (b: Buffer) => number, bytes: number[]): void {
  const b = fs.readFileSync(eventsFile(d));
  b.set(bytes, at(b));
  fs.writeFileSync(eventsFile(d), b);
}
/** Offset of the first byte inside the `"actor":"..."` value of line i. */
const actorAt = (i: number) => (b: Buffer) => {
  let off = 0;
  for (let k = 0; k < i; k++) off = b.indexOf(0x0a, off) + 1;
  return b.indexOf('"actor":"', off) + '"actor":"'.length;
};

interface Verdicts {
  cli: FirstFailure | null;
  py?: FirstFailure | null;
  sh?: FirstFailure | null;
}

function verdicts(dir: string, args: string[] = ['--pubkey', pemFile], scripts = { py: true, sh: true }): Verdicts {
  const pinned = args.includes('--pubkey') ? { pubkeyPem: ws.key.publicPem } : {};
  const lastAt = args.indexOf('--last-checkpoint');
  const last = lastAt >= 0 ? { lastCheckpoint: fs.readFileSync(args[lastAt + 1]!, 'utf8') } : {};
  const v = verifyBundle(dir, { ...pinned, ...last });
  const out: Verdicts = { cli: v.firstFailure ? { check: v.firstFailure.check, seq: v.firstFailure.seq ?? null } : null };
  if (!PY_MISSING && scripts.py) {
    const py = runVerifyPy(dir, args, REFERENCE_SCRIPTS);
    expect(py.out, 'verify.py must not end in a traceback').not.toMatch(/Traceback/);
    expect(py.code, py.out).toBe(v.ok ? 0 : 1);
    out.py = py.firstFailure;
  }
  if (!SH_MISSING && scripts.sh) {
    const sh = runVerifySh(dir, args, REFERENCE_SCRIPTS);
    expect(sh.code, sh.out).toBe(v.ok ? 0 : 1);
    out.sh = shFirstFailure(sh);
  }
  return out;
}

function expectAgreement(got: Verdicts, want: FirstFailure): void {
  expect(got.cli).toEqual(want);
  if (got.py !== undefined) expect(got.py, 'verify.py').toEqual(want);
  if (got.sh !== undefined) expect(got.sh, 'verify.sh').toEqual(want);
}

interface EventCase {
  name: string;
  apply(dir: string): void;
  want: FirstFailure;
}

const nested = (depth: number) => `${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}`;

const EVENT_CASES: EventCase[] = [
  {
    name: 'an edit that breaks the chain comes before a carriage return further down',
    apply: (d) => {
      patchBytes(d, actorAt(2), [0x5a]);
      editLine(d, 6, (l) => `${l}\r`);
    },
    want: { check: 'events.chain', seq: 3 },
  },
  {
    name: 'a carriage return comes before a chain break further down',
    apply: (d) => {
      editLine(d, 2, (l) => `${l}\r`);
      patchBytes(d, actorAt(6), [0x5a]);
    },
    want: { check: 'events.encoding', seq: 2 },
  },
  { name: 'invalid UTF-8 in a line', apply: (d) => patchBytes(d, actorAt(3), [0xff]), want: { check: 'events.encoding', seq: 3 } },
  {
    name: 'a UTF-16 surrogate encoded in UTF-8',
    apply: (d) => patchBytes(d, actorAt(3), [0xed, 0xa0, 0x80]),
    want: { check: 'events.encoding', seq: 3 },
  },
  { name: 'a NUL byte inside a string', apply: (d) => patchBytes(d, actorAt(4), [0x00]), want: { check: 'events.profile', seq: 4 } },
  // A raw DEL is valid canonical JSON: the line's bytes changed, so the next event's prev_hash no longer matches.
  { name: 'a DEL byte inside a string', apply: (d) => patchBytes(d, actorAt(4), [0x7f]), want: { check: 'events.chain', seq: 5 } },
  {
    name: 'a date that does not exist',
    apply: (d) => editLine(d, 3, (l) => l.replace(/"ts":"2026-12-\d\d/, '"ts":"2026-02-30')),
    want: { check: 'events.profile', seq: 3 },
  },
  { name: 'negative zero', apply: (d) => editLine(d, 3, (l) => withPayloadText(l, '-0')), want: { check: 'events.profile', seq: 3 } },
  { name: 'a decimal number', apply: (d) => editLine(d, 3, (l) => withPayloadText(l, '1.0')), want: { check: 'events.profile', seq: 3 } },
  { name: 'an exponent', apply: (d) => editLine(d, 3, (l) => withPayloadText(l, '1e2')), want: { check: 'events.profile', seq: 3 } },
  {
    name: 'nesting 40 deep',
    apply: (d) => editLine(d, 4, (l) => withPayloadText(l, nested(38))),
    want: { check: 'events.profile', seq: 4 },
  },
  {
    name: 'nesting 5000 deep',
    apply: (d) => editLine(d, 4, (l) => withPayloadText(l, nested(5000))),
    want: { check: 'events.profile', seq: 4 },
  },
  {
    name: 'a duplicated key',
    apply: (d) => editLine(d, 2, (l) => l.replace('"actor":', '"actor":"x","actor":')),
    want: { check: 'events.profile', seq: 2 },
  },
  {
    name: 'a non-ASCII key',
    apply: (d) => editLine(d, 2, (l) => l.replace('"payload":{', '"payload":{"\u00e9":1,')),
    want: { check: 'events.profile', seq: 2 },
  },
  {
    name: 'seq 0 without the genesis prev_hash',
    apply: (d) => editLine(d, 0, (l) => l.replace(/"prev_hash":"0{64}"/, `"prev_hash":"${'1'.repeat(64)}"`)),
    want: { check: 'events.profile', seq: 0 },
  },
  {
    name: 'an empty line',
    apply: (d) =>
      writeLines(
        d,
        lines(d).flatMap((l, i) => (i === 3 ? ['', l] : [l])),
      ),
    want: { check: 'events.encoding', seq: 3 },
  },
  {
    name: 'a line past 1 MiB',
    apply: (d) => editLine(d, 2, (l) => withPayloadText(l, `"${'a'.repeat(1024 * 1024)}"`)),
    want: { check: 'events.encoding', seq: 2 },
  },
  {
    name: 'no line feed after the last line',
    apply: (d) => fs.writeFileSync(eventsFile(d), fs.readFileSync(eventsFile(d)).subarray(0, -1)),
    want: { check: 'events.encoding', seq: -1 },
  },
];

describe('malformed events: every verifier names the same check and seq', () => {
  it.each(EVENT_CASES)('$name', (c) => {
    const dir = copyBundle();
    const count = lines(dir).length;
    c.apply(dir);
    reseal(dir, ws.key);
    expectAgreement(verdicts(dir), c.want.seq === -1 ? { ...c.want, seq: count - 1 } : c.want);
  });

  // One test per flip, so each has its own time budget (three verifiers, verify.sh with jq per line).
  const flipPrng = createPrng(20261207);
  const FLIPS = Array.from({ length: 40 }, (_, i) => ({ i, pick: flipPrng.int(0, 2 ** 30), xor: flipPrng.int(1, 255) }));
  it.each(FLIPS)('random byte flip $i in events.jsonl, re-signed by the key holder: the same verdict everywhere', ({ pick, xor }) => {
    const size = fs.statSync(eventsFile(golden)).size;
    const dir = copyBundle();
    const b = fs.readFileSync(eventsFile(dir));
    const at = pick % size;
    b[at]! ^= xor;
    fs.writeFileSync(eventsFile(dir), b);
    reseal(dir, ws.key);
    const got = verdicts(dir);
    expect(got.cli, `flip at ${at}`).not.toBeNull();
    if (got.py !== undefined) expect(got.py, `verify.py, flip at ${at}`).toEqual(got.cli);
    if (got.sh !== undefined) expect(got.sh, `verify.sh, flip at ${at}`).toEqual(got.cli);
    fs.rmSync(dir, { recursive: true });
  });
});

function rewriteManifest(dir: string, edit: (m: Record<string, unknown>) => unknown): void {
  const p = path.join(dir, 'manifest.json');
  const m = JSON.parse(fs.readFileSync(p, 'utf8')) as Record<string, unknown>;
  const next = edit(m);
  fs.writeFileSync(p, typeof next === 'string' ? next : `${canonicalize(next)}\n`);
  reseal(dir, ws.key);
}

describe('malformed manifest and checkpoint: a finding, never a crash', () => {
  it.each([
    ['an array', () => []],
    ['no key', (m: Record<string, unknown>) => ({ ...m, key: undefined })],
    ['a key without a name', (m: Record<string, unknown>) => ({ ...m, key: { ...(m.key as object), name: undefined } })],
    [
      'run_spec nested 1000 deep',
      (m: Record<string, unknown>) =>
        `${canonicalize({ ...m, run_spec: null })!.replace('"run_spec":null', `"run_spec":{"a":${nested(1000)}}`)}\n`,
    ],
    ['size as a string', (m: Record<string, unknown>) => ({ ...m, size: String(m.size) })],
  ] as const)('manifest: %s', (_name, edit) => {
    const dir = copyBundle();
    rewriteManifest(dir, edit as (m: Record<string, unknown>) => unknown);
    expectAgreement(verdicts(dir), { check: 'manifest', seq: null });
  });

  it('a --last-checkpoint whose signature is badly padded base64', () => {
    const dir = copyBundle();
    const note = fs.readFileSync(path.join(dir, 'checkpoint.note'), 'utf8');
    const bad = path.join(root, 'bad-padding.note');
    fs.writeFileSync(
      bad,
      note.replace(/([A-Za-z0-9+/]+)=*\n$/, (_m, b64: string) => `${b64}\n`),
    );
    expect(fs.readFileSync(bad, 'utf8')).not.toBe(note);
    expectAgreement(verdicts(dir, ['--pubkey', pemFile, '--last-checkpoint', bad]), { check: 'previous.checkpoint', seq: null });
  });
});

/** Rebuilds session.sqlite with `sql` run on a copy (the snapshot's own schema is STRICT, so some edits need a new table). */
function rewriteSnapshot(dir: string, sql: string, resealAfter = true): void {
  const p = path.join(dir, 'session.sqlite');
  const db = new Database(p);
  try {
    db.exec(sql);
    db.exec('VACUUM');
  } finally {
    db.close();
  }
  if (resealAfter) reseal(dir, ws.key);
}

const RECURSIVE_VIEW = `
  DROP TABLE audit_events;
  CREATE VIEW audit_events AS
    WITH RECURSIVE r(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM r)
    SELECT 'session/${SESSION}' AS log, n AS seq, hex(randomblob(4096)) AS canonical FROM r;`;

describe('hostile session.sqlite: refused on its schema, never run', () => {
  it('a recursive view named audit_events, re-signed: refused at once by every verifier', () => {
    const dir = copyBundle();
    rewriteSnapshot(dir, RECURSIVE_VIEW);
    const got = verdicts(dir);
    expectAgreement(got, { check: 'snapshot.events', seq: null });
    expect(verifyBundle(dir, { pubkeyPem: ws.key.publicPem }).firstFailure?.detail).toMatch(/refused: it holds a view/);
  });

  it('the same view, not re-signed: the snapshot is never opened', () => {
    const dir = copyBundle();
    rewriteSnapshot(dir, RECURSIVE_VIEW, false);
    expectAgreement(verdicts(dir), { check: 'sums.files', seq: null });
    const v = verifyBundle(dir, { pubkeyPem: ws.key.publicPem });
    expect(v.checks.find((c) => c.check === 'snapshot.events')).toMatchObject({
      status: 'skip',
      detail: expect.stringMatching(/not opened/),
    });
  });

  it.each([
    ['a trigger', `CREATE TRIGGER t AFTER INSERT ON audit_logs BEGIN SELECT 1; END;`, /trigger/],
    ['an extra table', `CREATE TABLE extra (x TEXT);`, /table "extra" is not one a snapshot holds/],
    ['an index the export never writes', `CREATE INDEX ix ON audit_checkpoints (root);`, /index "ix"/],
    [
      'a generated column',
      `CREATE TABLE e2 (log TEXT NOT NULL, seq INTEGER NOT NULL, canonical TEXT NOT NULL, prev_hash TEXT NOT NULL, event_hash TEXT NOT NULL,
         g TEXT GENERATED ALWAYS AS (hex(zeroblob(1000000))) VIRTUAL, PRIMARY KEY (log, seq)) WITHOUT ROWID;
       INSERT INTO e2 (log, seq, canonical, prev_hash, event_hash) SELECT log, seq, canonical, prev_hash, event_hash FROM audit_events;
       DROP TABLE audit_events; ALTER TABLE e2 RENAME TO audit_events;`,
      /columns and primary key/,
    ],
  ] as const)('%s: refused', (_name, sql, detail) => {
    const dir = copyBundle();
    rewriteSnapshot(dir, sql);
    expectAgreement(verdicts(dir), { check: 'snapshot.events', seq: null });
    expect(verifyBundle(dir, { pubkeyPem: ws.key.publicPem }).firstFailure?.detail).toMatch(detail);
  });

  it('an event stored as an integer (a non-STRICT copy of the table): a finding in every verifier', () => {
    const dir = copyBundle();
    rewriteSnapshot(
      dir,
      `CREATE TABLE e2 (log TEXT NOT NULL, seq INTEGER NOT NULL, canonical NOT NULL, prev_hash TEXT NOT NULL, event_hash TEXT NOT NULL,
         PRIMARY KEY (log, seq)) WITHOUT ROWID;
       INSERT INTO e2 SELECT * FROM audit_events; DROP TABLE audit_events; ALTER TABLE e2 RENAME TO audit_events;
       UPDATE audit_events SET canonical = 42 WHERE seq = 3;`,
    );
    expectAgreement(verdicts(dir), { check: 'snapshot.events', seq: null });
    expect(verifyBundle(dir, { pubkeyPem: ws.key.publicPem }).firstFailure?.detail).toMatch(/stored as integer/);
  });
});
