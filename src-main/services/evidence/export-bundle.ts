import fs from 'node:fs';
import path from 'node:path';
import { createHash, sign, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import { GENESIS_PREV_HASH, sessionLogId } from '../../../src-shared/audit/audit-envelope';
import type { JsonObject } from '../../../src-shared/json';
import { ServiceError } from '../../../src-shared/envelope';
import type { AuditStore, SignedCheckpoint } from '../../store/audit-log';
import { recordSessionCheckpoint } from '../../store/session-checkpoint';
import { cosignNote, openNote } from '../../store/signed-note';
import { openNoteByAnyKey } from '../../store/signing-key/key-history';
import { isSealedStatus, readRegistryIndex, type RegistrySession } from '../verification/registry-index';
import { logOrigin } from '../../store/checkpoint';
import { BUNDLE_FILES, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION } from './bundle-layout';
import { SIMULATED_NOTICE, type BundleManifest } from './bundle-manifest';
import { BundleUsageError } from './bundle-checks';
import { renderReportHtml } from './report-html';
import { defaultVerifyScriptsDir, scriptHashes } from './verifier-scripts';
import { emptyReportModel, foldReportEvent } from './report-model';
import { formatSums, sha256File } from './sha256-sums';
import { writeSessionSnapshot } from './session-snapshot';
import { zipBundleDir } from './zip-bundle';

export type ExportPhase = 'events' | 'snapshot' | 'data' | 'report' | 'sums' | 'zip' | 'done';

export interface ExportProgress {
  phase: ExportPhase;
  done: number;
  total: number;
}

/** The market data a replay needs: its canonical JSONL lines, whose SHA-256 is the fingerprint. */
export interface ReplayDataSource {
  id: string;
  fingerprint: string;
  lines(): Iterable<string>;
}

export interface ExportBundleOptions {
  sessionId: string;
  outDir: string;
  /** The workstation's private key, to sign SHA256SUMS (the store exposes only the public half). */
  privateKey: KeyObject;
  clock: () => number;
  codeVersion: string;
  zip?: boolean;
  /** false = `--no-data`: only the data fingerprint goes into the bundle. */
  includeData?: boolean;
  runSpec?: JsonObject | null;
  dataFingerprints?: readonly string[];
  data?: ReplayDataSource | null;
  /** The folder holding verify.sh and verify.py (resources/verify in the repository and in the app). */
  verifyScriptsDir?: string;
  onProgress?: (p: ExportProgress) => void;
}

export interface ExportResult {
  dir: string;
  zip: string | null;
  size: number;
  root: string;
  files: string[];
}

/** Writes in 1 MiB batches so a million-event log is never one string. */
class BatchedWriter {
  private parts: string[] = [];
  private pending = 0;
  private readonly fd: number;
  readonly hash = createHash('sha256');
  constructor(file: string) {
    this.fd = fs.openSync(file, 'wx');
  }
  write(text: string): void {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= 1 << 20) this.flush();
  }
  private flush(): void {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    this.hash.update(buf);
    fs.writeSync(this.fd, buf);
    this.parts = [];
    this.pending = 0;
  }
  close(): void {
    this.flush();
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
  }
}

/**
 * Only what the registry vouches for is signed into a bundle: a log it never created is refused,
 * and so is a finished session holding events past its last recorded seal (someone appended after
 * it ended; signing now would launder that tail with the workstation key).
 */
function registeredSession(store: AuditStore, sessionId: string): RegistrySession {
  const log = sessionLogId(sessionId);
  const entry = readRegistryIndex(store).sessions.get(log);
  if (!entry) {
    throw new ServiceError(
      'REFUSED',
      `INTEGRITY_FAILURE: session=${sessionId}; the registry never created this session log, so it is not exported (run papertape verify).`,
    );
  }
  const size = store.size(log);
  if (isSealedStatus(entry.status) && entry.sealed?.size !== size) {
    throw new ServiceError(
      'REFUSED',
      `INTEGRITY_FAILURE: session=${sessionId}, status=${entry.status}, sealed=${entry.sealed?.size ?? 0}, stored=${size}; the log grew after the session ended, so it is not exported (run papertape verify).`,
    );
  }
  return entry;
}

/** A sealed session's existing checkpoint; a still-running one is signed now and the signing recorded in the registry. */
function exportCheckpoint(store: AuditStore, entry: RegistrySession, clock: () => number): SignedCheckpoint {
  if (isSealedStatus(entry.status)) return store.checkpoint(entry.log);
  return recordSessionCheckpoint(store, entry.sessionId, new Date(clock()).toISOString()).session;
}

/**
 * The bundle carries one public key, the current one. A session sealed before `key replace` was signed
 * by a key that is now lost; its note is cosigned with the current key, which vouches only for a body
 * a recorded key of this store signed (never for one that verifies with none of them).
 */
function bundleCheckpointNote(store: AuditStore, cp: SignedCheckpoint, privateKey: KeyObject): string {
  if (openNote(cp.note, store.origin, store.key.publicKey, store.key.publicRaw) !== null) return cp.note;
  if (openNoteByAnyKey(cp.note, store.origin, store.verifyingKeys) === null) {
    throw new ServiceError(
      'REFUSED',
      `INTEGRITY_FAILURE: log=${cp.log}, size=${cp.size}; its checkpoint does not verify with any recorded key of this workstation, so it is not exported (run papertape verify).`,
    );
  }
  return cosignNote(cp.note, store.origin, privateKey, store.key.publicRaw);
}

/**
 * Exports one session's evidence bundle into a new folder (and optionally a zip beside it). The
 * bundle covers exactly the events of the signed checkpoint taken at the start, so events the
 * session appends meanwhile are not half-included.
 */
export async function exportBundle(store: AuditStore, opts: ExportBundleOptions): Promise<ExportResult> {
  const log = sessionLogId(opts.sessionId);
  const progress = opts.onProgress ?? (() => undefined);
  if (fs.existsSync(opts.outDir) && fs.readdirSync(opts.outDir).length > 0)
    throw new BundleUsageError(`${opts.outDir} exists and is not empty`);
  if (store.size(log) === 0) throw new BundleUsageError(`Session ${opts.sessionId} has no events to export`);
  const registered = registeredSession(store, opts.sessionId);
  fs.mkdirSync(opts.outDir, { recursive: true });
  const file = (n: string) => path.join(opts.outDir, n);

  const cp = exportCheckpoint(store, registered, opts.clock);
  const size = cp.size;

  // events.jsonl: exactly the stored bytes, one per line, LF only.
  const report = emptyReportModel();
  const events = new BatchedWriter(file(BUNDLE_FILES.events));
  let n = 0;
  for (const ev of store.readEvents(log, 0, size - 1)) {
    events.write(ev.canonical + '\n');
    const e = JSON.parse(ev.canonical) as { ts: string; type: string; payload: JsonObject };
    foldReportEvent(report, ev.seq, e);
    n++;
    if (n % 65536 === 0) progress({ phase: 'events', done: n, total: size });
    if (n % 65536 === 0) await Promise.resolve();
  }
  events.close();
  progress({ phase: 'events', done: n, total: size });

  progress({ phase: 'snapshot', done: 0, total: 1 });
  writeSessionSnapshot(store.db, log, size, file(BUNDLE_FILES.snapshot));
  progress({ phase: 'snapshot', done: 1, total: 1 });

  fs.writeFileSync(file(BUNDLE_FILES.checkpoint), bundleCheckpointNote(store, cp, opts.privateKey), { flag: 'wx' });
  fs.writeFileSync(file(BUNDLE_FILES.publicKey), store.key.publicPem, { flag: 'wx' });

  const includeData = opts.includeData !== false && opts.data != null;
  let dataSha: string | null = null;
  if (includeData) {
    progress({ phase: 'data', done: 0, total: 1 });
    const w = new BatchedWriter(file(BUNDLE_FILES.data));
    for (const line of opts.data!.lines()) w.write(line);
    w.close();
    dataSha = w.hash.digest('hex');
    if (dataSha !== opts.data!.fingerprint) {
      throw new BundleUsageError(`The replay data ${opts.data!.id} hashes to ${dataSha}, not its fingerprint ${opts.data!.fingerprint}`);
    }
    progress({ phase: 'data', done: 1, total: 1 });
  }

  const createdAt = new Date(opts.clock()).toISOString();
  const checkpointOrigin = logOrigin(store.origin, log);
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    format_version: BUNDLE_FORMAT_VERSION,
    origin: store.origin,
    log,
    session_id: opts.sessionId,
    checkpoint_origin: checkpointOrigin,
    key: { name: cp.keyName, id: cp.keyId, fingerprint: store.key.fingerprint },
    genesis: GENESIS_PREV_HASH,
    size,
    root: cp.root,
    run_spec: opts.runSpec ?? null,
    data: {
      included: includeData,
      file: includeData ? BUNDLE_FILES.data : null,
      id: opts.data?.id ?? null,
      fingerprint: opts.data?.fingerprint ?? opts.dataFingerprints?.[0] ?? null,
      sha256: dataSha,
    },
    data_fingerprints: [...(opts.dataFingerprints ?? (opts.data ? [opts.data.fingerprint] : []))],
    code_version: opts.codeVersion,
    created_at: createdAt,
    notice: SIMULATED_NOTICE,
  };
  fs.writeFileSync(file(BUNDLE_FILES.manifest), `${canonicalize(manifest)}\n`, { flag: 'wx' });

  const scripts = opts.verifyScriptsDir ?? defaultVerifyScriptsDir();
  progress({ phase: 'report', done: 0, total: 1 });
  const html = renderReportHtml(report, {
    sessionId: opts.sessionId,
    log,
    size,
    root: cp.root,
    keyFingerprint: store.key.fingerprint,
    checkpointOrigin,
    createdAt,
    codeVersion: opts.codeVersion,
    runSpec: opts.runSpec ?? null,
    dataFingerprint: manifest.data.fingerprint,
    dataIncluded: includeData,
    scripts: scriptHashes(scripts),
  });
  fs.writeFileSync(file(BUNDLE_FILES.report), html, { flag: 'wx' });
  progress({ phase: 'report', done: 1, total: 1 });

  for (const s of [BUNDLE_FILES.verifySh, BUNDLE_FILES.verifyPy]) {
    fs.copyFileSync(path.join(scripts, s), file(s), fs.constants.COPYFILE_EXCL);
    fs.chmodSync(file(s), 0o755);
  }

  progress({ phase: 'sums', done: 0, total: 1 });
  const names = fs.readdirSync(opts.outDir).filter((f) => f !== BUNDLE_FILES.sums && f !== BUNDLE_FILES.sumsSig);
  const sums = formatSums(names.map((name) => ({ name, sha256: sha256File(file(name)) })));
  fs.writeFileSync(file(BUNDLE_FILES.sums), sums, { flag: 'wx' });
  // Raw 64-byte Ed25519 signature over the exact bytes of SHA256SUMS (openssl pkeyutl -verify -rawin checks it).
  fs.writeFileSync(file(BUNDLE_FILES.sumsSig), sign(null, Buffer.from(sums, 'utf8'), opts.privateKey), { flag: 'wx' });
  progress({ phase: 'sums', done: 1, total: 1 });

  let zip: string | null = null;
  if (opts.zip) {
    progress({ phase: 'zip', done: 0, total: 1 });
    zip = `${opts.outDir.replace(/[\\/]+$/, '')}.zip`;
    await zipBundleDir(opts.outDir, zip);
    progress({ phase: 'zip', done: 1, total: 1 });
  }
  progress({ phase: 'done', done: 1, total: 1 });
  return { dir: opts.outDir, zip, size, root: cp.root, files: fs.readdirSync(opts.outDir).sort() };
}
