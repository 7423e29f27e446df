import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A zip written by hand, so tests can build what no honest zip tool writes: entries that overlap,
 * sizes that lie, bytes that no entry accounts for. Only what the zip reader looks at is filled in.
 */
export interface RawEntry {
  name: string;
  /** The bytes stored for the entry (already deflated when method is 8). */
  stored: Buffer;
  method: 0 | 8;
  /** The uncompressed size and CRC the headers declare. */
  size: number;
  crc: number;
}

export function storedEntry(name: string, data: Buffer): RawEntry {
  return { name, stored: data, method: 0, size: data.length, crc: crc32(data) };
}

export function deflatedEntry(name: string, data: Buffer): RawEntry {
  return { name, stored: deflateRawSync(data), method: 8, size: data.length, crc: crc32(data) };
}

export function localHeader(e: RawEntry): Buffer {
  const name = Buffer.from(e.name, 'utf8');
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(e.method, 8);
  h.writeUInt32LE(e.crc, 14);
  h.writeUInt32LE(e.stored.length, 18);
  h.writeUInt32LE(e.size, 22);
  h.writeUInt16LE(name.length, 26);
  return Buffer.concat([h, name]);
}

export function centralRecord(e: RawEntry, localOffset: number): Buffer {
  const name = Buffer.from(e.name, 'utf8');
  const c = Buffer.alloc(46);
  c.writeUInt32LE(0x02014b50, 0);
  c.writeUInt16LE(20, 4);
  c.writeUInt16LE(20, 6);
  c.writeUInt16LE(e.method, 10);
  c.writeUInt32LE(e.crc, 16);
  c.writeUInt32LE(e.stored.length, 20);
  c.writeUInt32LE(e.size, 24);
  c.writeUInt16LE(name.length, 28);
  c.writeUInt32LE(localOffset, 42);
  return Buffer.concat([c, name]);
}

/** Local parts as given (`body`), then a central directory of `records`, then the end record. */
export function assembleZip(body: Buffer, records: Buffer[]): Buffer {
  const cd = Buffer.concat(records);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(records.length, 8);
  end.writeUInt16LE(records.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(body.length, 16);
  return Buffer.concat([body, cd, end]);
}

/** An honest zip of the entries, back to back. */
export function honestZip(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  const records: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const part = Buffer.concat([localHeader(e), e.stored]);
    records.push(centralRecord(e, offset));
    parts.push(part);
    offset += part.length;
  }
  return assembleZip(Buffer.concat(parts), records);
}

/**
 * `count` names over one deflate stream: each entry is stored and holds the next entry's header and
 * data, the last one holds the real data. Every central record is honest about its own entry; the
 * entries simply share bytes, so the zip inflates to far more than its size.
 */
export function overlappingZip(names: string[], data: Buffer): Buffer {
  let inner: RawEntry = deflatedEntry(names[names.length - 1]!, data);
  const chain: RawEntry[] = [inner];
  for (let i = names.length - 2; i >= 0; i--) {
    inner = storedEntry(names[i]!, Buffer.concat([localHeader(inner), inner.stored]));
    chain.unshift(inner);
  }
  const records: Buffer[] = [];
  let offset = 0;
  for (const e of chain) {
    records.push(centralRecord(e, offset));
    offset += localHeader(e).length;
  }
  return assembleZip(Buffer.concat([localHeader(chain[0]!), chain[0]!.stored]), records);
}
