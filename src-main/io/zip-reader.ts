import fs from 'node:fs';
import { Inflate } from 'fflate';
import { ServiceError } from '../../src-shared/envelope';

/**
 * The one zip reader: evidence bundles and TAIFEX daily files both come through here. A zip is
 * judged whole before a byte is inflated: its directory, every local header, and the layout of the
 * file itself (entries back to back from offset 0 up to the central directory, so no two entries can
 * share data and no declared size can be a lie about where data ends). Inflation then runs in small
 * pieces and stops at the size the entry declared.
 */

export interface ZipLimits {
  maxFiles: number;
  /** Per entry, uncompressed. */
  maxFileBytes: number;
  /** All entries together, uncompressed; also capped at maxZipRatio times the zip's own size. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio an entry (and the whole zip) may have. */
  maxZipRatio: number;
  /** Entries (and zips) this small are not judged by ratio: a tiny file can compress very well. */
  ratioFloorBytes: number;
}

export interface ZipEntry {
  name: string;
  method: 0 | 8;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** First byte of the entry's compressed data. */
  dataStart: number;
}

export class ZipRefused extends ServiceError {
  constructor(reason: string) {
    super('REFUSED', reason);
    this.name = 'ZipRefused';
  }
}

/** Where the zip's bytes come from: an open file, or bytes already in memory (each capped by its caller). */
export interface ZipSource {
  readonly size: number;
  /** Reads exactly `length` bytes at `position`, or throws ZipRefused when the zip ends first. */
  read(length: number, position: number): Buffer;
}

export function fileZipSource(fd: number): ZipSource {
  const size = fs.fstatSync(fd).size;
  return {
    size,
    read(length, position) {
      const buf = Buffer.alloc(length);
      let got = 0;
      while (got < length) {
        const n = fs.readSync(fd, buf, got, length - got, position + got);
        if (n === 0) throw new ZipRefused('the zip ends in the middle of an entry (truncated)');
        got += n;
      }
      return buf;
    },
  };
}

export function bytesZipSource(bytes: Uint8Array): ZipSource {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    size: b.length,
    read(length, position) {
      if (position < 0 || position + length > b.length) throw new ZipRefused('the zip ends in the middle of an entry (truncated)');
      return b.subarray(position, position + length);
    },
  };
}

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const DESCRIPTOR_SIG = 0x08074b50;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DESCRIPTOR = 0x0008;
const MAX_CENTRAL_BYTES = 1024 * 1024;
/** Compressed input per inflate step: one step can emit at most ~1032x this, so memory stays small. */
const INFLATE_PIECE = 16 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads and judges the whole layout. `acceptName` returns why a (UTF-8) entry name is refused, or
 * null; the caller owns its naming rules (a flat bundle, a single .csv).
 */
export function readZipDirectory(src: ZipSource, limits: ZipLimits, acceptName: (name: string) => string | null): ZipEntry[] {
  const tailLen = Math.min(src.size, 22 + 0xffff);
  if (tailLen < 22) throw new ZipRefused('not a zip file (no end of central directory)');
  const tail = src.read(tailLen, src.size - tailLen);
  let eocd = -1;
  // The record whose comment runs exactly to the end of the file: nothing may trail the zip.
  for (let i = tailLen - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG && i + 22 + tail.readUInt16LE(i + 20) === tailLen) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipRefused('not a zip file (no end of central directory)');
  const eocdPos = src.size - tailLen + eocd;
  const disk = tail.readUInt16LE(eocd + 4);
  const cdDisk = tail.readUInt16LE(eocd + 6);
  const countHere = tail.readUInt16LE(eocd + 8);
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new ZipRefused('ZIP64 archives are not accepted');
  if (disk !== 0 || cdDisk !== 0 || countHere !== count) throw new ZipRefused('multi-part (spanned) zips are not accepted');
  if (count > limits.maxFiles) throw new ZipRefused(`too many entries: ${count} (at most ${limits.maxFiles})`);
  if (cdSize > MAX_CENTRAL_BYTES || cdOffset + cdSize !== eocdPos)
    throw new ZipRefused('the central directory is malformed (it does not end where the end record begins)');
  const cd = src.read(cdSize, cdOffset);

  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL_SIG) throw new ZipRefused('the central directory is malformed');
    const madeBy = cd.readUInt16LE(p + 4);
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc = cd.readUInt32LE(p + 16);
    const compressedSize = cd.readUInt32LE(p + 20);
    const size = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const extAttr = cd.readUInt32LE(p + 38);
    const localOffset = cd.readUInt32LE(p + 42);
    if (p + 46 + nameLen + extraLen + commentLen > cd.length) throw new ZipRefused('the central directory is malformed');
    const rawName = cd.subarray(p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    let name: string;
    try {
      name = utf8.decode(rawName);
    } catch {
      throw new ZipRefused('an entry name is not valid UTF-8');
    }
    const shown = JSON.stringify(name);
    const nameProblem = acceptName(name);
    if (nameProblem) throw new ZipRefused(nameProblem);
    if (madeBy >> 8 === 3 && ((extAttr >>> 16) & 0o170000) === 0o120000) throw new ZipRefused(`entry ${shown} is a symbolic link`);
    if (flags & FLAG_ENCRYPTED) throw new ZipRefused(`entry ${shown} is encrypted`);
    if (method !== 0 && method !== 8) throw new ZipRefused(`entry ${shown} uses compression method ${method}`);
    if (method === 0 && compressedSize !== size) throw new ZipRefused(`entry ${shown} is stored, yet its two sizes differ`);
    if (seen.has(name)) throw new ZipRefused(`entry ${shown} appears twice`);
    seen.add(name);
    if (size > limits.maxFileBytes)
      throw new ZipRefused(`entry ${shown} unpacks to ${size} bytes, over the ${limits.maxFileBytes}-byte limit`);
    if (size > limits.ratioFloorBytes && size > compressedSize * limits.maxZipRatio)
      throw new ZipRefused(
        `entry ${shown} expands ${Math.round(size / Math.max(1, compressedSize))}x (zip bomb guard: at most ${limits.maxZipRatio}x)`,
      );
    total += size;
    if (total > limits.maxTotalBytes) throw new ZipRefused(`the zip would expand past the ${limits.maxTotalBytes}-byte limit`);
    const dataStart = localHeaderEnd(src, localOffset, rawName, flags, method, crc, compressedSize, size, shown);
    entries.push({ name, method: method as 0 | 8, compressedSize, size, localOffset, dataStart });
  }
  if (p !== cd.length) throw new ZipRefused('the central directory is malformed (bytes after its last entry)');
  if (total > Math.max(limits.ratioFloorBytes, src.size * limits.maxZipRatio))
    throw new ZipRefused(`the zip would expand to ${total} bytes, over ${limits.maxZipRatio}x its own ${src.size} bytes (zip bomb guard)`);
  checkBackToBack(src, entries, cdOffset);
  return entries;
}

/** Checks an entry's local header against its directory record; returns where its data begins. */
function localHeaderEnd(
  src: ZipSource,
  at: number,
  rawName: Buffer,
  flags: number,
  method: number,
  crc: number,
  compressedSize: number,
  size: number,
  shown: string,
): number {
  if (at + 30 > src.size) throw new ZipRefused(`entry ${shown}: its local header lies outside the zip`);
  const lh = src.read(30, at);
  if (lh.readUInt32LE(0) !== LOCAL_SIG) throw new ZipRefused(`entry ${shown}: bad local header`);
  const nameLen = lh.readUInt16LE(26);
  const extraLen = lh.readUInt16LE(28);
  if (lh.readUInt16LE(8) !== method || (lh.readUInt16LE(6) & FLAG_DESCRIPTOR) !== (flags & FLAG_DESCRIPTOR))
    throw new ZipRefused(`entry ${shown}: the local header and the directory disagree`);
  if (nameLen !== rawName.length || !src.read(nameLen, at + 30).equals(rawName))
    throw new ZipRefused(`entry ${shown}: the local header names another file`);
  if (!(flags & FLAG_DESCRIPTOR) && (lh.readUInt32LE(14) !== crc || lh.readUInt32LE(18) !== compressedSize || lh.readUInt32LE(22) !== size))
    throw new ZipRefused(`entry ${shown}: the local header and the directory disagree on its sizes`);
  return at + 30 + nameLen + extraLen;
}

/**
 * Entries must tile the file from offset 0 to the central directory, in order, each one's data (and
 * data descriptor) ending where the next header begins. Overlapping entries (many names over the same
 * deflate stream) and compressed sizes that do not add up to the file are refused here.
 */
function checkBackToBack(src: ZipSource, entries: readonly ZipEntry[], cdOffset: number): void {
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let expected = 0;
  for (const e of byOffset) {
    const shown = JSON.stringify(e.name);
    if (e.localOffset !== expected)
      throw new ZipRefused(
        e.localOffset < expected
          ? `entry ${shown} overlaps the entry before it (zip bomb guard)`
          : `entry ${shown} starts after a gap of unaccounted bytes`,
      );
    let end = e.dataStart + e.compressedSize;
    if (end > cdOffset) throw new ZipRefused(`entry ${shown} runs into the central directory`);
    const flags = src.read(2, e.localOffset + 6).readUInt16LE(0);
    if (flags & FLAG_DESCRIPTOR) end += descriptorLength(src, end, e, cdOffset);
    expected = end;
  }
  if (expected !== cdOffset) throw new ZipRefused('the entries do not add up to the zip: unaccounted bytes before the central directory');
}

/** A data descriptor after the data: 12 bytes, or 16 with its optional signature; its sizes must match. */
function descriptorLength(src: ZipSource, at: number, e: ZipEntry, limit: number): number {
  const shown = JSON.stringify(e.name);
  if (at + 12 > limit) throw new ZipRefused(`entry ${shown}: its data descriptor is missing`);
  const head = src.read(Math.min(16, limit - at), at);
  const signed = head.length >= 16 && head.readUInt32LE(0) === DESCRIPTOR_SIG;
  const o = signed ? 4 : 0;
  if (head.readUInt32LE(o + 4) !== e.compressedSize || head.readUInt32LE(o + 8) !== e.size)
    throw new ZipRefused(`entry ${shown}: its data descriptor and the directory disagree on its sizes`);
  return signed ? 16 : 12;
}

/**
 * Inflates one judged entry into `sink`, in small pieces. An entry that inflates past its declared
 * size is stopped there; one that ends short, or is not a complete deflate stream, is refused.
 */
export function inflateEntry(src: ZipSource, e: ZipEntry, sink: (chunk: Uint8Array) => void): void {
  const shown = JSON.stringify(e.name);
  let written = 0;
  let ended = e.method === 0;
  const take = (chunk: Uint8Array) => {
    written += chunk.length;
    if (written > e.size) throw new ZipRefused(`entry ${shown} inflates beyond its declared ${e.size} bytes (zip bomb guard)`);
    if (chunk.length > 0) sink(chunk);
  };
  try {
    const inflate =
      e.method === 8
        ? new Inflate((chunk, final) => {
            take(chunk);
            if (final) ended = true;
          })
        : null;
    let left = e.compressedSize;
    let pos = e.dataStart;
    if (inflate && left === 0) inflate.push(new Uint8Array(0), true);
    while (left > 0) {
      const n = Math.min(INFLATE_PIECE, left);
      const piece = new Uint8Array(src.read(n, pos));
      left -= n;
      pos += n;
      if (inflate) inflate.push(piece, left === 0);
      else take(piece);
    }
  } catch (err) {
    if (err instanceof ZipRefused) throw err;
    throw new ZipRefused(`entry ${shown} cannot be inflated: ${(err as Error).message}`);
  }
  if (!ended || written !== e.size) throw new ZipRefused(`entry ${shown} holds ${written} bytes, its header says ${e.size}`);
}
