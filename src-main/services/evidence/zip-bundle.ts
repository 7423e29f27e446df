import fs from 'node:fs';
import path from 'node:path';
import { Inflate, Zip, ZipDeflate } from 'fflate';
import { BUNDLE_LIMITS, SAFE_FILE_NAME } from './bundle-layout';
import { ServiceError } from '../../../src-shared/envelope';

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

interface CentralEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export class ZipRefused extends ServiceError {
  constructor(reason: string) {
    super('REFUSED', reason);
    this.name = 'ZipRefused';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads and judges the central directory before a single byte is inflated. */
export function readZipDirectory(fd: number, fileSize: number, limits = BUNDLE_LIMITS): CentralEntry[] {
  const tailLen = Math.min(fileSize, 65557);
  const tail = Buffer.alloc(tailLen);
  fs.readSync(fd, tail, 0, tailLen, fileSize - tailLen);
  let eocd = -1;
  for (let i = tailLen - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipRefused('not a zip file (no end of central directory)');
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new ZipRefused('ZIP64 archives are not accepted');
  if (count > limits.maxFiles) throw new ZipRefused(`too many entries: ${count} (at most ${limits.maxFiles})`);
  if (cdOffset + cdSize > fileSize || cdSize > 1024 * 1024) throw new ZipRefused('the central directory is malformed');
  const cd = Buffer.alloc(cdSize);
  fs.readSync(fd, cd, 0, cdSize, cdOffset);
  const entries: CentralEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new ZipRefused('the central directory is malformed');
    const madeBy = cd.readUInt16LE(p + 4);
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const compressedSize = cd.readUInt32LE(p + 20);
    const size = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const extAttr = cd.readUInt32LE(p + 38);
    const localOffset = cd.readUInt32LE(p + 42);
    const rawName = cd.subarray(p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    let name: string;
    try {
      name = utf8.decode(rawName);
    } catch {
      throw new ZipRefused('an entry name is not valid UTF-8');
    }
    const shown = JSON.stringify(name);
    if (/^([/\\]|[A-Za-z]:)/.test(name)) throw new ZipRefused(`absolute path in the zip: ${shown}`);
    if (name.split(/[/\\]/).includes('..')) throw new ZipRefused(`path traversal in the zip: ${shown}`);
    if (/[/\\]/.test(name)) throw new ZipRefused(`a bundle zip is flat; entry ${shown} has a folder`);
    if (!SAFE_FILE_NAME.test(name)) throw new ZipRefused(`entry ${shown} is not a plain file name`);
    if (madeBy >> 8 === 3 && ((extAttr >>> 16) & 0o170000) === 0o120000) throw new ZipRefused(`entry ${shown} is a symbolic link`);
    if (flags & 1) throw new ZipRefused(`entry ${shown} is encrypted`);
    if (method !== 0 && method !== 8) throw new ZipRefused(`entry ${shown} uses compression method ${method}`);
    if (seen.has(name)) throw new ZipRefused(`entry ${shown} appears twice`);
    seen.add(name);
    if (size > limits.maxFileBytes)
      throw new ZipRefused(`entry ${shown} would be ${size} bytes, over the ${limits.maxFileBytes}-byte limit`);
    total += size;
    if (total > limits.maxTotalBytes) throw new ZipRefused(`the zip would expand past the ${limits.maxTotalBytes}-byte limit`);
    if (size > limits.ratioFloorBytes && size > compressedSize * limits.maxZipRatio) {
      throw new ZipRefused(
        `entry ${shown} expands ${Math.round(size / Math.max(1, compressedSize))}x (zip bomb guard: at most ${limits.maxZipRatio}x)`,
      );
    }
    entries.push({ name, method, compressedSize, size, localOffset });
  }
  return entries;
}

/**
 * Extracts a bundle zip into an empty folder after judging its directory; inflation is counted
 * byte by byte, so an entry that lies about its size is stopped at the declared size.
 */
export function extractBundleZip(zipFile: string, destDir: string, limits = BUNDLE_LIMITS): string[] {
  const fd = fs.openSync(zipFile, 'r');
  try {
    const fileSize = fs.fstatSync(fd).size;
    const entries = readZipDirectory(fd, fileSize, limits);
    fs.mkdirSync(destDir, { recursive: true });
    for (const e of entries) {
      const lh = Buffer.alloc(30);
      fs.readSync(fd, lh, 0, 30, e.localOffset);
      if (lh.readUInt32LE(0) !== 0x04034b50) throw new ZipRefused(`entry ${e.name}: bad local header`);
      const start = e.localOffset + 30 + lh.readUInt16LE(26) + lh.readUInt16LE(28);
      if (start + e.compressedSize > fileSize) throw new ZipRefused(`entry ${e.name} runs past the end of the zip`);
      const out = fs.openSync(path.join(destDir, e.name), 'wx');
      let written = 0;
      const sink = (chunk: Uint8Array) => {
        written += chunk.length;
        if (written > e.size) throw new ZipRefused(`entry ${e.name} inflates beyond its declared ${e.size} bytes (zip bomb guard)`);
        fs.writeSync(out, chunk);
      };
      try {
        const inflate = e.method === 8 ? new Inflate((chunk) => sink(chunk)) : null;
        const buf = Buffer.allocUnsafe(CHUNK);
        let left = e.compressedSize;
        let pos = start;
        while (left > 0) {
          const n = fs.readSync(fd, buf, 0, Math.min(CHUNK, left), pos);
          if (n === 0) throw new ZipRefused(`entry ${e.name} is truncated`);
          left -= n;
          pos += n;
          const piece = new Uint8Array(buf.subarray(0, n));
          if (inflate) inflate.push(piece, left === 0);
          else sink(piece);
        }
        if (inflate && e.compressedSize === 0) inflate.push(new Uint8Array(0), true);
      } catch (err) {
        if (err instanceof ZipRefused) throw err;
        throw new ZipRefused(`entry ${e.name} cannot be inflated: ${(err as Error).message}`);
      } finally {
        fs.closeSync(out);
      }
      if (written !== e.size) throw new ZipRefused(`entry ${e.name} holds ${written} bytes, its header says ${e.size}`);
    }
    return entries.map((e) => e.name);
  } finally {
    fs.closeSync(fd);
  }
}
