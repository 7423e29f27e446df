import fs from 'node:fs';
import path from 'node:path';
import { BUNDLE_LIMITS, SAFE_FILE_NAME } from './bundle-layout';

export interface BundleEntry {
  name: string;
  size: number;
}

/**
 * Looks at a bundle folder without following anything: a symlink, a sub-folder, a device, an odd
 * name, an oversized file or too many files make it a refusal (a reason string), never a read.
 */
export function inspectBundleDir(dir: string, limits = BUNDLE_LIMITS): BundleEntry[] | string {
  const names = fs.readdirSync(dir);
  if (names.length > limits.maxFiles) return `too many files: ${names.length} (at most ${limits.maxFiles})`;
  const out: BundleEntry[] = [];
  let total = 0;
  for (const name of names.sort()) {
    const st = fs.lstatSync(path.join(dir, name));
    if (st.isSymbolicLink()) return `${name} is a symbolic link; a bundle holds plain files only`;
    if (st.isDirectory()) return `${name} is a folder; a bundle is flat`;
    if (!st.isFile()) return `${name} is not a regular file`;
    if (!SAFE_FILE_NAME.test(name)) return `${JSON.stringify(name)} is not a plain file name`;
    if (st.size > limits.maxFileBytes) return `${name} is ${st.size} bytes, over the ${limits.maxFileBytes}-byte limit`;
    total += st.size;
    if (total > limits.maxTotalBytes) return `the bundle is over the ${limits.maxTotalBytes}-byte limit`;
    out.push({ name, size: st.size });
  }
  return out;
}

/** Reads a small text file strictly: size-capped, valid UTF-8, no BOM. Returns the text or a reason. */
export function readSmallText(file: string, limit = BUNDLE_LIMITS.maxSmallFileBytes): { text: string; bytes: Buffer } | string {
  const st = fs.statSync(file);
  if (st.size > limit) return `${path.basename(file)} is ${st.size} bytes, over the ${limit}-byte limit`;
  const bytes = fs.readFileSync(file);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return `${path.basename(file)} starts with a byte-order mark`;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), bytes };
  } catch {
    return `${path.basename(file)} is not valid UTF-8`;
  }
}
