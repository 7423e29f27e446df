import fs from 'node:fs';
import path from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import { BUNDLE_LIMITS, SAFE_FILE_NAME } from './bundle-layout';
import { fileZipSource, inflateEntry, readZipDirectory } from '../../io/zip-reader';

/** A fixed entry time, so zipping the same folder twice gives the same bytes. */
const ZIP_MTIME = new Date(Date.UTC(1980, 0, 2));
const CHUNK = 1024 * 1024;

/** Zips a flat bundle folder, streaming each file (deflate level 6), to `zipFile`. */
export async function zipBundleDir(dir: string, zipFile: string): Promise<void> {
  const out = fs.openSync(zipFile, 'wx');
  let failure: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else fs.writeSync(out, data);
  });
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (const name of fs.readdirSync(dir).sort()) {
      const entry = new ZipDeflate(name, { level: 6 });
      entry.mtime = ZIP_MTIME;
      zip.add(entry);
      const fd = fs.openSync(path.join(dir, name), 'r');
      try {
        let n: number;
        while ((n = fs.readSync(fd, buf, 0, CHUNK, null)) > 0) {
          entry.push(new Uint8Array(buf.subarray(0, n)), false);
          await Promise.resolve();
        }
        entry.push(new Uint8Array(0), true);
      } finally {
        fs.closeSync(fd);
      }
    }
    zip.end();
    if (failure) throw failure;
    fs.fsyncSync(out);
  } finally {
    fs.closeSync(out);
  }
}

/** A bundle zip is flat: plain portable names only, no folders, nothing absolute, nothing that climbs. */
function bundleEntryName(name: string): string | null {
  const shown = JSON.stringify(name);
  if (/^([/\\]|[A-Za-z]:)/.test(name)) return `absolute path in the zip: ${shown}`;
  if (name.split(/[/\\]/).includes('..')) return `path traversal in the zip: ${shown}`;
  if (/[/\\]/.test(name)) return `a bundle zip is flat; entry ${shown} has a folder`;
  if (!SAFE_FILE_NAME.test(name)) return `entry ${shown} is not a plain file name`;
  return null;
}

/** Extracts a bundle zip into an empty folder, once the shared zip reader has judged all of it. */
export function extractBundleZip(zipFile: string, destDir: string, limits = BUNDLE_LIMITS): string[] {
  const fd = fs.openSync(zipFile, 'r');
  try {
    const src = fileZipSource(fd);
    const entries = readZipDirectory(src, limits, bundleEntryName);
    fs.mkdirSync(destDir, { recursive: true });
    for (const e of entries) {
      const out = fs.openSync(path.join(destDir, e.name), 'wx');
      try {
        inflateEntry(src, e, (chunk) => fs.writeSync(out, chunk));
      } finally {
        fs.closeSync(out);
      }
    }
    return entries.map((e) => e.name);
  } finally {
    fs.closeSync(fd);
  }
}
