import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sessionLogId } from '../../../src-shared/audit/audit-envelope';
import type { JsonObject } from '../../../src-shared/json';
import type { AppContext } from '../../app-context';
import type { MarketDataSet } from '../../pipeline/market-data/market-source';
import { runSpecFromObject } from '../../pipeline/runner/run-spec';
import { openMarketData } from '../../pipeline/runner/session-setup';
import type { BundleVerification } from '../evidence/bundle-checks';
import { BUNDLE_FILES, BUNDLE_LIMITS } from '../evidence/bundle-layout';
import { BundleManifestSchema } from '../evidence/bundle-manifest';
import { readRawLines } from '../evidence/line-reader';
import { withVerifiedBundle } from '../evidence/open-bundle';
import { governanceOf } from '../sessions/governance';
import { getSession } from '../sessions/session-service';
import { scanRecordedInputs } from './recorded-inputs';
import { parseRecorded, type RecordedLog } from './recorded-log';
import { openReplayDataFile, ReplayRefused } from './replay-data-file';
import type { ReplayInputs } from './replay-run';
import { ServiceError } from '../../../src-shared/envelope';

export type ReplaySource =
  { kind: 'store'; ctx: AppContext; sessionId: string; specBaseDir?: string } | { kind: 'bundle'; path: string; pubkeyPem?: string };

export interface LoadOptions {
  /** `--data FILE`: replay data (canonical JSONL) whose SHA-256 must equal the recorded fingerprint. */
  dataFile?: string;
}

export interface LoadedReplay {
  inputs: ReplayInputs;
  verification: BundleVerification | null;
  cleanup(): void;
}

/** A bundle that fails verification is never replayed; the report says which check failed. */
export class BundleNotVerified extends ServiceError {
  constructor(readonly verification: BundleVerification) {
    const f = verification.firstFailure;
    super('INTEGRITY_FAILURE', `REPLAY_BUNDLE_UNVERIFIED: check=${f?.check ?? '-'}; ${f?.detail ?? 'verification failed'}`);
    this.name = 'BundleNotVerified';
  }
}

function storeLog(ctx: AppContext, sessionId: string): RecordedLog {
  const store = governanceOf(ctx).store;
  const log = sessionLogId(sessionId);
  return {
    log,
    sessionId,
    *events() {
      for (const r of store.readEvents(log)) yield parseRecorded(r.seq, r.canonical);
    },
  };
}

function fileLog(file: string, log: string, sessionId: string): RecordedLog {
  return {
    log,
    sessionId,
    *events() {
      for (const line of readRawLines(file, BUNDLE_LIMITS.maxLineBytes)) yield parseRecorded(line.index, line.bytes.toString('utf8'));
    },
  };
}

/** The registry's spec, else the run-spec.json `papertape run` writes beside a session's files. */
function specOf(ctx: AppContext, sessionId: string): JsonObject {
  try {
    return getSession(ctx, sessionId).spec;
  } catch {
    const file = path.join(ctx.dataDir, 'sessions', sessionId, 'run-spec.json');
    if (fs.existsSync(file)) {
      const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { spec?: JsonObject };
      if (saved.spec) return saved.spec;
    }
  }
  throw new ReplayRefused(
    `REPLAY_SPEC_MISSING: session=${sessionId}; neither the registry nor sessions/${sessionId}/run-spec.json holds its run spec`,
  );
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function loadFromStore(src: Extract<ReplaySource, { kind: 'store' }>, opts: LoadOptions): LoadedReplay {
  const { ctx, sessionId } = src;
  if (governanceOf(ctx).store.size(sessionLogId(sessionId)) === 0) {
    throw new ReplayRefused(`REPLAY_SESSION_MISSING: session=${sessionId}; the audit store holds no events for it`);
  }
  const recorded = storeLog(ctx, sessionId);
  const inputs = scanRecordedInputs(recorded);
  const spec = specOf(ctx, sessionId);
  const baseDir = src.specBaseDir ?? ctx.dataDir;
  const fingerprint = str(inputs.started?.data_fingerprint);
  const dataId = str(inputs.started?.data_id) ?? 'replay-data';
  let data: MarketDataSet;
  if (opts.dataFile) data = openReplayDataFile(opts.dataFile, dataId, fingerprint);
  else {
    try {
      data = openMarketData(runSpecFromObject(spec, baseDir)).data;
    } catch (err) {
      throw new ReplayRefused(
        `REPLAY_DATA_MISSING: session=${sessionId}; the spec's data source cannot be opened (${(err as Error).message}); supply --data FILE`,
      );
    }
    if (fingerprint !== null && data.fingerprint !== fingerprint) {
      throw new ReplayRefused(
        `REPLAY_DATA_MISMATCH: source=${data.id}, fingerprint=${data.fingerprint}, recorded=${fingerprint}; the spec's data changed since the session ran; supply --data FILE`,
      );
    }
  }
  return {
    inputs: { sessionId, log: recorded.log, source: 'store', inputs, recorded, spec, baseDir, data },
    verification: null,
    cleanup: () => {},
  };
}

/** Copies what replay reads out of a zip's private extraction folder, which is removed when verification returns. */
function keepFiles(dir: string, names: string[]): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'papertape-replay-'));
  for (const n of names) if (fs.existsSync(path.join(dir, n))) fs.copyFileSync(path.join(dir, n), path.join(tmp, n));
  return tmp;
}

function loadFromBundle(src: Extract<ReplaySource, { kind: 'bundle' }>, opts: LoadOptions): LoadedReplay {
  const bundlePath = path.resolve(src.path);
  const { verification, dir, owned } = withVerifiedBundle(bundlePath, src.pubkeyPem ? { pubkeyPem: src.pubkeyPem } : {}, (v, d) => {
    if (!v.ok || d === null) return { verification: v, dir: null, owned: false };
    if (d === bundlePath) return { verification: v, dir: d, owned: false };
    return { verification: v, dir: keepFiles(d, [BUNDLE_FILES.manifest, BUNDLE_FILES.events, BUNDLE_FILES.data]), owned: true };
  });
  if (!verification.ok || dir === null) throw new BundleNotVerified(verification);
  const cleanup = () => {
    if (owned) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const manifest = BundleManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, BUNDLE_FILES.manifest), 'utf8')));
    const recorded = fileLog(path.join(dir, BUNDLE_FILES.events), manifest.log, manifest.session_id);
    const inputs = scanRecordedInputs(recorded);
    if (inputs.root !== verification.root && inputs.root !== Buffer.from(verification.root ?? '', 'base64').toString('hex')) {
      throw new ReplayRefused(`REPLAY_BUNDLE_CHANGED: root=${inputs.root}; events.jsonl changed after it was verified`);
    }
    if (!manifest.run_spec) throw new ReplayRefused(`REPLAY_SPEC_MISSING: bundle=${bundlePath}; the manifest carries no run spec`);
    const fingerprint = str(inputs.started?.data_fingerprint) ?? manifest.data.fingerprint;
    const dataId = str(inputs.started?.data_id) ?? manifest.data.id ?? 'replay-data';
    let dataFile = opts.dataFile;
    if (!dataFile) {
      if (!manifest.data.included || !manifest.data.file) {
        throw new ReplayRefused(
          `REPLAY_DATA_MISSING: bundle=${bundlePath}; exported with --no-data; supply the data with --data FILE (its SHA-256 must be ${fingerprint ?? 'the recorded fingerprint'})`,
        );
      }
      dataFile = path.join(dir, manifest.data.file);
    }
    const data = openReplayDataFile(dataFile, dataId, fingerprint);
    const baseDir = path.dirname(bundlePath);
    return {
      inputs: {
        sessionId: manifest.session_id,
        log: manifest.log,
        source: 'bundle',
        inputs,
        recorded,
        spec: manifest.run_spec,
        baseDir,
        data,
      },
      verification,
      cleanup,
    };
  } catch (err) {
    cleanup();
    throw err;
  }
}

export function loadReplay(src: ReplaySource, opts: LoadOptions = {}): LoadedReplay {
  return src.kind === 'store' ? loadFromStore(src, opts) : loadFromBundle(src, opts);
}
