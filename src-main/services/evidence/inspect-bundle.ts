import fs from 'node:fs';
import path from 'node:path';
import type { BundleVerification } from './bundle-checks';
import { BUNDLE_FILES, BUNDLE_LIMITS } from './bundle-layout';
import { BundleManifestSchema } from './bundle-manifest';
import { readRawLines } from './line-reader';
import { withVerifiedBundle } from './open-bundle';
import type { VerifyBundleOptions } from './verify-bundle';

export interface BundleSummary {
  sessionId: string;
  log: string;
  size: number;
  root: string;
  createdAt: string;
  codeVersion: string;
  keyFingerprint: string;
  specName: string | null;
  dataIncluded: boolean;
  dataFingerprint: string | null;
  firstTs: string | null;
  lastTs: string | null;
  /** Event type -> count, sorted by type. */
  eventTypes: [string, number][];
  notice: string;
}

export interface BundleInspection {
  verification: BundleVerification;
  /** Present only when every check passed: a failing bundle is never loaded as if it were sound. */
  summary: BundleSummary | null;
}

/** Verifies first; only a bundle that verifies is read for its read-only summary. */
export function inspectBundle(p: string, opts: VerifyBundleOptions = {}): BundleInspection {
  return withVerifiedBundle(p, opts, (verification, dir) => {
    if (!verification.ok || dir === null) return { verification, summary: null };
    const manifest = BundleManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, BUNDLE_FILES.manifest), 'utf8')));
    const types = new Map<string, number>();
    let firstTs: string | null = null;
    let lastTs: string | null = null;
    for (const line of readRawLines(path.join(dir, BUNDLE_FILES.events), BUNDLE_LIMITS.maxLineBytes)) {
      const e = JSON.parse(line.bytes.toString('utf8')) as { ts: string; type: string };
      types.set(e.type, (types.get(e.type) ?? 0) + 1);
      firstTs ??= e.ts;
      lastTs = e.ts;
    }
    const spec = manifest.run_spec;
    return {
      verification,
      summary: {
        sessionId: manifest.session_id,
        log: manifest.log,
        size: manifest.size,
        root: manifest.root,
        createdAt: manifest.created_at,
        codeVersion: manifest.code_version,
        keyFingerprint: manifest.key.fingerprint,
        specName: spec && typeof spec.name === 'string' ? spec.name : null,
        dataIncluded: manifest.data.included,
        dataFingerprint: manifest.data.fingerprint,
        firstTs,
        lastTs,
        eventTypes: [...types.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
        notice: manifest.notice,
      },
    };
  });
}
