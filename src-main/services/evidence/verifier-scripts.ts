import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_FILES } from './bundle-layout';
import { sha256File } from './sha256-sums';

/**
 * The reviewer's scripts (verify.sh, verify.py). A bundle carries copies, and SHA256SUMS covers them,
 * but whoever could rewrite a bundle could rewrite its scripts too: a reviewer trusts only a copy
 * obtained apart from the bundle. So the scripts print their own SHA-256, the report lists them, and
 * `papertape verifier-hashes` prints the hashes of the copies this installation ships, to compare.
 */
export const VERIFIER_SCRIPTS = [BUNDLE_FILES.verifySh, BUNDLE_FILES.verifyPy] as const;

export function defaultVerifyScriptsDir(): string {
  return fileURLToPath(new URL('../../../resources/verify/', import.meta.url));
}

export interface ScriptHash {
  name: string;
  sha256: string;
}

export function scriptHashes(dir = defaultVerifyScriptsDir()): ScriptHash[] {
  return VERIFIER_SCRIPTS.map((name) => ({ name, sha256: sha256File(path.join(dir, name)) }));
}

/** For each script in a bundle folder: its hash, and whether it is byte for byte this installation's copy. */
export function compareBundledScripts(
  bundleDir: string,
  referenceDir = defaultVerifyScriptsDir(),
): (ScriptHash & { matches: boolean | null })[] {
  const reference = new Map(scriptHashes(referenceDir).map((s) => [s.name, s.sha256]));
  return VERIFIER_SCRIPTS.map((name) => {
    const p = path.join(bundleDir, name);
    const st = fs.lstatSync(p, { throwIfNoEntry: false });
    if (!st?.isFile()) return { name, sha256: '', matches: null };
    const sha256 = sha256File(p);
    return { name, sha256, matches: sha256 === reference.get(name) };
  });
}
