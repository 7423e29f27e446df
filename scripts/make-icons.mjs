#!/usr/bin/env node
// Draws the placeholder Papertape logo (a paper tape strip with punched holes on a dark tile) and
// writes resources/icon.png, icon.ico and icon.icns. Deterministic: same bytes on every run.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../resources');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** RGBA colour of pixel (x, y) in a size x size icon, in unit coordinates so every size matches. */
function pixel(x, y, size) {
  const u = (x + 0.5) / size;
  const v = (y + 0.5) / size;
  const r = 0.18;
  const dx = Math.max(0.06 + r - u, 0, u - (0.94 - r));
  const dy = Math.max(0.06 + r - v, 0, v - (0.94 - r));
  if (u < 0.06 || u > 0.94 || v < 0.06 || v > 0.94 || dx * dx + dy * dy > r * r) return [0, 0, 0, 0];
  const onTape = v > 0.3 && v < 0.7 && u > 0.12 && u < 0.88;
  if (!onTape) return [26, 27, 30, 255];
  // Two rows of data holes and the small sprocket row between them, like 5-hole paper tape.
  const col = Math.floor((u - 0.12) / 0.095);
  const cu = 0.12 + (col + 0.5) * 0.095;
  const bits = [0b11, 0b01, 0b10, 0b11, 0b00, 0b10, 0b01, 0b11];
  const hole = (cv, rad) => (u - cu) ** 2 + (v - cv) ** 2 < rad * rad;
  const b = bits[col] ?? 0;
  if (hole(0.5, 0.018) || (b & 1 && hole(0.39, 0.034)) || (b & 2 && hole(0.61, 0.034))) return [26, 27, 30, 255];
  return [240, 228, 196, 255];
}

function png(size) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y, size), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** ICO with PNG-compressed entries (Windows Vista and later). */
function ico(sizes) {
  const images = sizes.map(png);
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((s, i) => {
    const e = 6 + 16 * i;
    header[e] = s >= 256 ? 0 : s;
    header[e + 1] = s >= 256 ? 0 : s;
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(images[i].length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += images[i].length;
  });
  return Buffer.concat([header, ...images]);
}

/** ICNS with PNG entries: ic07 128, ic08 256, ic09 512, ic10 1024. */
function icns() {
  const entries = [
    ['ic07', 128],
    ['ic08', 256],
    ['ic09', 512],
    ['ic10', 1024],
  ].map(([type, size]) => {
    const data = png(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const body = Buffer.concat(entries);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'icon.png'), png(1024));
fs.writeFileSync(path.join(out, 'icon.ico'), ico([16, 32, 48, 256]));
fs.writeFileSync(path.join(out, 'icon.icns'), icns());
console.log(`icons written to ${out}`);
