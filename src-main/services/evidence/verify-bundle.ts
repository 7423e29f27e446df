import fs from 'node:fs';
import path from 'node:path';
import { createHash, verify as edVerify, type Hash, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import Database from 'better-sqlite3';
import type { AuditEnvelope } from '../../../src-shared/audit/audit-envelope';
import { GENESIS_PREV_HASH } from '../../../src-shared/audit/audit-envelope';
import { envelopeViolation, exceedsNesting, MAX_NESTING } from '../../../src-shared/audit/canonical-profile';
import { parseCheckpoint } from '../../store/checkpoint';
import { leafHash, MerkleFrontier } from '../../store/merkle';
import { openNote, parseNote } from '../../store/signed-note';
import { publicKeyFromPem } from '../../store/signing-key/workstation-key';
import { BUNDLE_CHECKS, BundleUsageError, type BundleCheck, type BundleVerification, type CheckResult } from './bundle-checks';
import { inspectBundleDir, readSmallText } from './bundle-guards';
import { BUNDLE_FILES, BUNDLE_LIMITS, REQUIRED_FILES } from './bundle-layout';
import { BundleManifestSchema, type BundleManifest } from './bundle-manifest';
import { LineTooLongError, readRawLines } from './line-reader';
import { snapshotSchemaProblem } from './session-snapshot';
import { parseSums, sha256File } from './sha256-sums';

export interface VerifyBundleOptions {
  /** The pinned public key (PEM). Without it the bundle's own public-key.pem is used, as a hint only. */
  pubkeyPem?: string;
  /** A checkpoint note seen earlier for this log (rollback and fork detection). */
  lastCheckpoint?: string;
}

interface PinnedKey {
  publicKey: KeyObject;
  publicRaw: Buffer;
  fingerprint: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Verifies a bundle folder and lists every check with its result. Findings never throw; only a
 * path that is not a readable folder does (BundleUsageError, exit 2). Nothing in the folder is
 * written, normalised or followed.
 */
export function verifyBundleDir(dir: string, opts: VerifyBundleOptions = {}): BundleVerification {
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch (err) {
    throw new BundleUsageError(`Cannot read ${dir}: ${(err as Error).message}`);
  }
  if (!st.isDirectory()) throw new BundleUsageError(`${dir} is not a bundle folder`);

  const results = new Map<BundleCheck, CheckResult>();
  const set = (check: BundleCheck, status: CheckResult['status'], detail: string, seq?: number) => {
    if (!results.has(check)) results.set(check, seq === undefined ? { check, status, detail } : { check, status, detail, seq });
  };
  const done = (manifest: BundleManifest | null, key: PinnedKey | null, pinned: boolean): BundleVerification => {
    const checks = BUNDLE_CHECKS.map((c) => results.get(c) ?? { check: c, status: 'skip' as const, detail: 'not reached' });
    const firstFailure = checks.find((c) => c.status === 'fail') ?? null;
    return {
      ok: firstFailure === null,
      bundle: dir,
      checks,
      firstFailure,
      log: manifest?.log ?? null,
      size: manifest?.size ?? null,
      root: manifest?.root ?? null,
      keyFingerprint: key?.fingerprint ?? null,
      keyPinned: pinned,
    };
  };
  const file = (name: string) => path.join(dir, name);

  // 1. Look before reading anything.
  const entries = inspectBundleDir(dir);
  if (typeof entries === 'string') {
    set('bundle.safety', 'fail', `refused: ${entries}`);
    return done(null, null, opts.pubkeyPem !== undefined);
  }
  set('bundle.safety', 'pass', `${entries.length} plain files`);
  const present = new Set(entries.map((e) => e.name));

  // 2. Layout against SHA256SUMS.
  const sumsText = present.has(BUNDLE_FILES.sums) ? readSmallText(file(BUNDLE_FILES.sums)) : `${BUNDLE_FILES.sums} is missing`;
  const sums = typeof sumsText === 'string' ? sumsText : parseSums(sumsText.text);
  const listed = typeof sums === 'string' ? null : new Set(sums.map((s) => s.name));
  {
    const problems: string[] = [];
    for (const r of REQUIRED_FILES) if (!present.has(r)) problems.push(`missing ${r}`);
    if (listed) {
      for (const n of listed) if (!present.has(n)) problems.push(`listed but missing ${n}`);
      for (const n of present) {
        if (n === BUNDLE_FILES.sums || n === BUNDLE_FILES.sumsSig || listed.has(n)) continue;
        problems.push(/-(wal|shm|journal)$/.test(n) ? `stray SQLite side file ${n}` : `unlisted file ${n}`);
      }
      for (const r of REQUIRED_FILES)
        if (r !== BUNDLE_FILES.sums && r !== BUNDLE_FILES.sumsSig && !listed.has(r)) problems.push(`${r} is not listed`);
    } else problems.push(typeof sums === 'string' ? sums : 'SHA256SUMS unreadable');
    if (problems.length > 0) set('bundle.layout', 'fail', problems.join('; '));
    else set('bundle.layout', 'pass', `${present.size} files, all listed in SHA256SUMS`);
  }

  // 3. Manifest.
  let manifest: BundleManifest | null = null;
  if (present.has(BUNDLE_FILES.manifest)) {
    const m = readSmallText(file(BUNDLE_FILES.manifest));
    if (typeof m === 'string') set('manifest', 'fail', m);
    else {
      try {
        const value: unknown = JSON.parse(m.text);
        const parsed = exceedsNesting(value) ? null : BundleManifestSchema.safeParse(value);
        if (!parsed) set('manifest', 'fail', `manifest.json is nested deeper than ${MAX_NESTING} levels`);
        else if (!parsed.success)
          set(
            'manifest',
            'fail',
            `not a supported manifest: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`,
          );
        else if (`${canonicalize(value)}\n` !== m.text)
          set('manifest', 'fail', 'manifest.json is not RFC 8785 canonical JSON followed by one LF');
        else if (parsed.data.genesis !== GENESIS_PREV_HASH) set('manifest', 'fail', 'the genesis hash is not 64 zeros');
        else {
          manifest = parsed.data;
          set('manifest', 'pass', `format ${manifest.format} v${manifest.format_version}, log ${manifest.log}, ${manifest.size} events`);
        }
      } catch {
        set('manifest', 'fail', 'manifest.json is not JSON');
      }
    }
  } else set('manifest', 'fail', 'manifest.json is missing');

  // 4. The key: pinned, or the bundled one as a hint.
  let key: PinnedKey | null = null;
  const pinned = opts.pubkeyPem !== undefined;
  try {
    if (pinned) key = publicKeyFromPem(opts.pubkeyPem!);
    else if (present.has(BUNDLE_FILES.publicKey)) {
      const k = readSmallText(file(BUNDLE_FILES.publicKey));
      if (typeof k !== 'string') key = publicKeyFromPem(k.text);
    }
  } catch {
    key = null;
  }
  if (!key) set('key.pinned', 'fail', pinned ? 'the --pubkey file is not an Ed25519 public key' : 'no usable public key: pass --pubkey');
  else if (pinned) set('key.pinned', 'pass', `pinned key, fingerprint ${key.fingerprint}`);
  else
    set(
      'key.pinned',
      'warn',
      `no --pubkey given: checked with the key shipped inside the bundle (fingerprint ${key.fingerprint}), which is only a hint; anyone who rewrote the bundle could have replaced it. Pin the analyst's key with --pubkey.`,
    );
  if (key && manifest && manifest.key.fingerprint !== key.fingerprint) {
    // Not a finding on its own; the signature checks below decide.
    set(
      'key.pinned',
      key && pinned ? 'pass' : 'warn',
      `${results.get('key.pinned')?.detail ?? ''} (the manifest names key ${manifest.key.fingerprint})`,
    );
  }

  // 5. SHA256SUMS signature and digests.
  if (typeof sumsText === 'string') set('sums.signature', 'fail', sumsText);
  else if (!present.has(BUNDLE_FILES.sumsSig)) set('sums.signature', 'fail', `${BUNDLE_FILES.sumsSig} is missing`);
  else if (!key) set('sums.signature', 'fail', 'no key to check it with');
  else {
    const sig = fs.readFileSync(file(BUNDLE_FILES.sumsSig));
    if (sig.length !== 64) set('sums.signature', 'fail', `${BUNDLE_FILES.sumsSig} is ${sig.length} bytes, not a 64-byte Ed25519 signature`);
    else if (!edVerify(null, sumsText.bytes, key.publicKey, sig))
      set('sums.signature', 'fail', 'the signature of SHA256SUMS does not verify with the key');
    else set('sums.signature', 'pass', 'SHA256SUMS is signed by the key');
  }
  if (typeof sums === 'string') set('sums.files', 'fail', sums);
  else {
    const bad: string[] = [];
    for (const s of sums) {
      if (!present.has(s.name)) continue;
      if (sha256File(file(s.name)) !== s.sha256) bad.push(s.name);
    }
    if (bad.length > 0) set('sums.files', 'fail', `SHA-256 differs for ${bad.join(', ')}`);
    else set('sums.files', 'pass', `${sums.length} files match their SHA-256`);
  }

  // 6. The signed checkpoint.
  let cp: { size: number; root: Buffer } | null = null;
  const noteText = present.has(BUNDLE_FILES.checkpoint)
    ? readSmallText(file(BUNDLE_FILES.checkpoint))
    : `${BUNDLE_FILES.checkpoint} is missing`;
  if (typeof noteText === 'string') {
    set('checkpoint.signature', 'fail', noteText);
    set('checkpoint.body', 'fail', noteText);
  } else {
    const keyName = manifest?.key.name;
    const body = key && keyName ? openNoteBody(noteText.text, keyName, key) : null;
    if (!key || !keyName) set('checkpoint.signature', 'fail', 'no key or key name to check the note with');
    else if (body === null) set('checkpoint.signature', 'fail', `checkpoint.note has no valid signature by ${keyName} with the key`);
    else set('checkpoint.signature', 'pass', `signed by ${keyName}`);
    const parsed = parseCheckpoint(body ?? parseNote(noteText.text)?.body ?? '');
    if (!parsed) set('checkpoint.body', 'fail', 'checkpoint.note is not a C2SP tlog-checkpoint');
    else if (!manifest) set('checkpoint.body', 'fail', 'no manifest to compare with');
    else if (parsed.origin !== manifest.checkpoint_origin)
      set('checkpoint.body', 'fail', `origin ${parsed.origin}, manifest says ${manifest.checkpoint_origin}`);
    else if (parsed.size !== manifest.size) set('checkpoint.body', 'fail', `size ${parsed.size}, manifest says ${manifest.size}`);
    else if (parsed.root.toString('hex') !== manifest.root)
      set('checkpoint.body', 'fail', 'the signed root differs from the manifest root');
    else {
      cp = parsed;
      set('checkpoint.body', 'pass', `${parsed.origin}, ${parsed.size} events, root ${manifest.root}`);
    }
  }

  // 7. Earlier checkpoint, parsed up front so the event pass can note the prefix root.
  let prev: { size: number; root: Buffer } | null = null;
  if (opts.lastCheckpoint !== undefined) {
    const body = key && manifest ? openNoteBody(opts.lastCheckpoint, manifest.key.name, key) : null;
    const parsed = body ? parseCheckpoint(body) : null;
    if (!parsed) set('previous.checkpoint', 'fail', 'the earlier checkpoint has no valid signature by the key, or is malformed');
    else if (manifest && parsed.origin !== manifest.checkpoint_origin)
      set('previous.checkpoint', 'fail', `the earlier checkpoint is for ${parsed.origin}`);
    else prev = parsed;
  } else set('previous.checkpoint', 'skip', 'no --last-checkpoint given');

  // 8. Events, one streaming pass.
  const frontier = MerkleFrontier.empty();
  let prefixRoot: Buffer | null = prev?.size === 0 ? frontier.root() : null;
  let count = 0;
  let eventsHash: Hash | null = null;
  if (!present.has(BUNDLE_FILES.events)) set('events.encoding', 'fail', 'events.jsonl is missing');
  else if (!manifest) set('events.encoding', 'skip', 'no manifest');
  else {
    const log = manifest.log;
    let prevHash = GENESIS_PREV_HASH;
    let tail: Buffer = Buffer.alloc(0);
    let failed = false;
    const failAt = (check: BundleCheck, seq: number, detail: string) => {
      set(check, 'fail', detail, seq);
      failed = true;
    };
    const lineHash = createHash('sha256');
    eventsHash = lineHash;
    try {
      for (const line of readRawLines(file(BUNDLE_FILES.events), BUNDLE_LIMITS.maxLineBytes, (t) => (tail = t))) {
        const seq = line.index;
        const b = line.bytes;
        if (seq === 0 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
          failAt('events.encoding', seq, 'events.jsonl starts with a UTF-8 byte-order mark');
          break;
        }
        if (b.includes(0x0d)) {
          failAt('events.encoding', seq, `line ${seq + 1} (seq ${seq}) holds a carriage return (CRLF or CR): the bytes were changed`);
          break;
        }
        if (b.length === 0) {
          failAt('events.encoding', seq, `line ${seq + 1} is empty`);
          break;
        }
        let text: string;
        try {
          text = utf8.decode(b);
        } catch {
          failAt('events.encoding', seq, `line ${seq + 1} (seq ${seq}) is not valid UTF-8`);
          break;
        }
        let env: AuditEnvelope;
        try {
          env = JSON.parse(text) as AuditEnvelope;
        } catch {
          failAt('events.profile', seq, `line ${seq + 1} is not JSON`);
          break;
        }
        const violation = envelopeViolation(env);
        if (violation) {
          failAt('events.profile', seq, `seq ${seq}: ${violation.path || '/'}: ${violation.reason}`);
          break;
        }
        if (canonicalize(env) !== text) {
          failAt('events.profile', seq, `seq ${seq}: not RFC 8785 canonical JSON (re-encoded or re-formatted)`);
          break;
        }
        if (env.seq !== seq) {
          failAt('events.seq', seq, `line ${seq + 1} carries seq ${env.seq}, expected ${seq}: an event was deleted, duplicated or moved`);
          break;
        }
        if (env.log !== log || env.session_id !== manifest.session_id) {
          failAt('events.log', seq, `seq ${seq} belongs to ${env.log} (session ${String(env.session_id)}), not ${log}: a foreign event`);
          break;
        }
        if (env.prev_hash !== prevHash) {
          failAt(
            'events.chain',
            seq,
            `seq ${seq}: prev_hash ${env.prev_hash.slice(0, 16)}... is not the hash of seq ${seq - 1} (${prevHash.slice(0, 16)}...)`,
          );
          break;
        }
        const h = leafHash(b);
        frontier.push(h);
        lineHash.update(b).update('\n');
        prevHash = h.toString('hex');
        count++;
        if (prev && count === prev.size) prefixRoot = frontier.root();
      }
    } catch (err) {
      if (!(err instanceof LineTooLongError)) throw err;
      failAt('events.encoding', err.index, `line ${err.index + 1} is longer than ${err.limit} bytes: refused`);
    }
    if (!failed && tail.length > 0)
      failAt('events.encoding', count, 'events.jsonl does not end with a line feed (truncated or edited last line)');
    if (!failed) {
      set('events.encoding', 'pass', `${count} lines, LF only, UTF-8, no BOM`);
      set('events.profile', 'pass', 'every line is canonical JSON of a valid envelope');
      set('events.seq', 'pass', `seq 0..${count - 1} without gaps`);
      set('events.log', 'pass', `every event belongs to ${log}`);
      set('events.chain', 'pass', 'prev_hash chains from the genesis');
      const expected = cp?.size ?? manifest.size;
      if (count < expected)
        set('events.size', 'fail', `${count} events, the signed checkpoint covers ${expected}: truncated from seq ${count}`, count);
      else if (count > expected)
        set(
          'events.size',
          'fail',
          `${count} events, the signed checkpoint covers only ${expected}: events appended after signing from seq ${expected}`,
          expected,
        );
      else set('events.size', 'pass', `${count} events, as signed`);
      const root = frontier.root().toString('hex');
      const signedRoot = cp?.root.toString('hex') ?? manifest.root;
      if (count === expected && root !== signedRoot)
        set('events.root', 'fail', `root ${root} differs from the signed root ${signedRoot}: events were rewritten and re-chained`);
      else if (count === expected) set('events.root', 'pass', `root ${root}`);
      else set('events.root', 'fail', 'not comparable: the event count differs from the signed size');
    }
    for (const c of ['events.profile', 'events.seq', 'events.log', 'events.chain', 'events.size', 'events.root'] as const) {
      if (failed) set(c, 'skip', 'not reached: an earlier event check failed');
    }
  }

  // 9. The SQLite snapshot holds the same bytes.
  if (!present.has(BUNDLE_FILES.snapshot)) set('snapshot.events', 'fail', 'session.sqlite is missing');
  else if (results.get('sums.signature')?.status !== 'pass' || results.get('sums.files')?.status !== 'pass')
    // A hostile SQLite file can make a reader hang or fill the disk: it is opened only once its bytes are the signed ones.
    set('snapshot.events', 'skip', 'not opened: SHA256SUMS or its signature did not verify');
  else if (!manifest || !eventsHash || results.get('events.chain')?.status !== 'pass')
    set('snapshot.events', 'skip', 'events did not verify');
  else set(...snapshotCheck(file(BUNDLE_FILES.snapshot), manifest.log, eventsHash.digest('hex'), count));

  // 10. Rollback / fork against an earlier checkpoint.
  if (prev && !results.has('previous.checkpoint')) {
    if (results.get('events.chain')?.status !== 'pass') set('previous.checkpoint', 'skip', 'events did not verify');
    else if (prev.size > count)
      set('previous.checkpoint', 'fail', `rollback: an earlier checkpoint covered ${prev.size} events, the bundle holds ${count}`, count);
    else if (!prefixRoot || !prefixRoot.equals(prev.root))
      set('previous.checkpoint', 'fail', `fork: the first ${prev.size} events differ from the earlier checkpoint`);
    else set('previous.checkpoint', 'pass', `the earlier checkpoint of ${prev.size} events is a prefix of this log`);
  }

  return done(manifest, key, pinned);
}

/** The note body when a line by keyName with this key verifies (the store's openNote; other keys' lines are ignored). */
function openNoteBody(note: string, keyName: string, key: PinnedKey): string | null {
  return openNote(note, keyName, key.publicKey, key.publicRaw);
}

function snapshotCheck(file: string, log: string, eventsSha: string, count: number): [BundleCheck, 'pass' | 'fail', string] {
  let db: Database.Database | null = null;
  try {
    // better-sqlite3 takes no URI (so no immutable=1): refuse a WAL-mode header, which would make even a
    // read-only open create -shm beside the evidence; a rollback-journal file opened read-only writes nothing.
    const head = Buffer.alloc(20);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, head, 0, 20, 0);
    } finally {
      fs.closeSync(fd);
    }
    if (head[18] !== 1 || head[19] !== 1)
      return ['snapshot.events', 'fail', 'session.sqlite is not a rollback-journal SQLite file (WAL header or not SQLite)'];
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('trusted_schema = OFF');
    db.pragma('query_only = ON');
    const problem = snapshotSchemaProblem(db);
    if (problem) return ['snapshot.events', 'fail', `session.sqlite refused: ${problem}`];
    const hash = createHash('sha256');
    let n = 0;
    // The schema check pinned the primary key (log, seq): this walks one index range, no sort, no temp file; LIMIT bounds it.
    for (const row of db
      .prepare('SELECT typeof(canonical) AS t, canonical AS c FROM audit_events WHERE log = ? ORDER BY seq LIMIT ?')
      .raw()
      .iterate(log, count + 1) as IterableIterator<[string, unknown]>) {
      if (row[0] !== 'text') return ['snapshot.events', 'fail', `the snapshot's event ${n} is stored as ${row[0]}, not text`];
      hash.update(Buffer.from(row[1] as string, 'utf8')).update('\n');
      n++;
    }
    const digest = hash.digest('hex');
    if (n !== count)
      return [
        'snapshot.events',
        'fail',
        `the snapshot holds ${n > count ? `more than ${count}` : n} events of ${log}, events.jsonl ${count}`,
      ];
    if (digest !== eventsSha) return ['snapshot.events', 'fail', 'the snapshot events differ from events.jsonl'];
    return ['snapshot.events', 'pass', `${n} events, byte-identical to events.jsonl`];
  } catch (err) {
    return ['snapshot.events', 'fail', `session.sqlite cannot be read as SQLite: ${(err as Error).message}`];
  } finally {
    db?.close();
  }
}
