import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUNDLE_CHECKS, BundleUsageError, type BundleVerification } from './bundle-checks';
import { verifyBundleDir, type VerifyBundleOptions } from './verify-bundle';
import { ZipRefused } from '../../io/zip-reader';
import { extractBundleZip } from './zip-bundle';

/** A bundle is a folder holding manifest.json or SHA256SUMS, or a .zip file. */
export function looksLikeBundle(p: string): boolean {
  try {
    const st = fs.statSync(p);
    if (st.isFile()) return /\.zip$/i.test(p);
    return st.isDirectory() && (fs.existsSync(path.join(p, 'manifest.json')) || fs.existsSync(path.join(p, 'SHA256SUMS')));
  } catch {
    return false;
  }
}

function refused(bundle: string, reason: string): BundleVerification {
  const checks = BUNDLE_CHECKS.map((check) =>
    check === 'bundle.safety'
      ? { check, status: 'fail' as const, detail: `refused: ${reason}` }
      : { check, status: 'skip' as const, detail: 'not reached' },
  );
  return { ok: false, bundle, checks, firstFailure: checks[0]!, log: null, size: null, root: null, keyFingerprint: null, keyPinned: false };
}

/**
 * Verifies a bundle folder or zip. A zip is judged by its directory, then extracted into a private
 * temporary folder that `use` may read (for inspect) before it is removed.
 */
export function withVerifiedBundle<T>(p: string, opts: VerifyBundleOptions, use: (v: BundleVerification, dir: string | null) => T): T {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch (err) {
    throw new BundleUsageError(`Cannot read ${p}: ${(err as Error).message}`);
  }
  if (st.isDirectory()) return use(verifyBundleDir(p, opts), p);
  if (!st.isFile() || !/\.zip$/i.test(p)) throw new BundleUsageError(`${p} is neither a bundle folder nor a .zip`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'papertape-bundle-'));
  try {
    const dir = path.join(tmp, 'bundle');
    try {
      extractBundleZip(p, dir);
    } catch (err) {
      if (err instanceof ZipRefused) return use(refused(p, err.message), null);
      throw err;
    }
    const v = verifyBundleDir(dir, opts);
    return use({ ...v, bundle: p }, dir);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export function verifyBundle(p: string, opts: VerifyBundleOptions = {}): BundleVerification {
  return withVerifiedBundle(p, opts, (v) => v);
}
