import fs from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectBundle } from '../../../src-main/services/evidence/inspect-bundle';
import { verifyBundle } from '../../../src-main/services/evidence/open-bundle';
import { assembleZip, centralRecord, deflatedEntry, honestZip, localHeader, overlappingZip, storedEntry } from '../../support/raw-zip';
import { exportFixture, openWorkstation, recordSession, reseal, tempDir } from './bundle-fixture';

let root: string;
let bundle: string;
let zipFile: string;

function zipOf(entries: Zippable): string {
  const p = path.join(root, `z${fs.readdirSync(root).length}.zip`);
  fs.writeFileSync(p, zipSync(entries));
  return p;
}

function refusal(p: string): string {
  const v = verifyBundle(p);
  expect(v.ok).toBe(false);
  expect(v.firstFailure?.check).toBe('bundle.safety');
  return v.firstFailure!.detail;
}

beforeAll(async () => {
  const ws = openWorkstation();
  recordSession(ws.store, undefined, 6);
  root = tempDir('pt-hostile-');
  bundle = path.join(root, 'bundle');
  const r = await exportFixture(ws, bundle, { zip: true });
  zipFile = r.zip!;
  ws.close();
});

describe('hostile zips are refused before anything is inflated', () => {
  it('verifies and inspects the clean zip export', () => {
    const r = inspectBundle(zipFile);
    expect(r.verification.ok).toBe(true);
    expect(r.summary?.size).toBe(r.verification.size);
    expect(r.summary?.eventTypes.find(([t]) => t === 'broker.fill')?.[1]).toBeGreaterThan(0);
  });

  it('refuses path traversal, absolute paths and folders in entry names', () => {
    expect(refusal(zipOf({ '../evil.txt': new Uint8Array([1]) }))).toMatch(/path traversal/);
    expect(refusal(zipOf({ '/etc/evil': new Uint8Array([1]) }))).toMatch(/absolute path/);
    expect(refusal(zipOf({ 'sub/evil.txt': new Uint8Array([1]) }))).toMatch(/flat/);
  });

  it('refuses a symlink entry', () => {
    const z = zipOf({ 'link.pem': [new TextEncoder().encode('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }] });
    expect(refusal(z)).toMatch(/symbolic link/);
  });

  it('refuses a zip bomb by ratio', () => {
    expect(refusal(zipOf({ 'events.jsonl': new Uint8Array(20 * 1024 * 1024) }))).toMatch(/zip bomb/);
  });

  it('refuses too many entries', () => {
    const many: Zippable = {};
    for (let i = 0; i < 40; i++) many[`f${i}.txt`] = new Uint8Array([i]);
    expect(refusal(zipOf(many))).toMatch(/too many entries/);
  });

  it('refuses a non-UTF-8 entry name', () => {
    const p = zipOf({ 'qqqq.txt': new Uint8Array([1]) });
    const b = fs.readFileSync(p);
    let i = -1;
    while ((i = b.indexOf('qqqq', i + 1)) >= 0) b.set([0xff, 0xfe, 0xff, 0xfe], i);
    fs.writeFileSync(p, b);
    expect(refusal(p)).toMatch(/not valid UTF-8/);
  });

  it('refuses an entry whose data inflates past its declared size', () => {
    const p = zipOf({ 'events.jsonl': new Uint8Array(4096).fill(65) });
    const b = fs.readFileSync(p);
    // Shrink the declared uncompressed size in the central directory (offset 24 of the entry)...
    const cd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    b.writeUInt32LE(100, cd + 24);
    fs.writeFileSync(p, b);
    expect(refusal(p)).toMatch(/local header and the directory disagree on its sizes/);
    // ...and in the local header too (offset 22): then inflation itself stops at the declared size.
    b.writeUInt32LE(100, 22);
    fs.writeFileSync(p, b);
    expect(refusal(p)).toMatch(/beyond its declared 100 bytes/);
  });

  const rawZip = (bytes: Buffer) => {
    const p = path.join(root, `raw${fs.readdirSync(root).length}.zip`);
    fs.writeFileSync(p, bytes);
    return p;
  };

  it('refuses entries that overlap: many names over one deflate stream', () => {
    const names = ['events.jsonl', 'report.html', 'manifest.json', 'verify.py', 'verify.sh', 'SHA256SUMS', 'checkpoint.note', 'x.txt'];
    // Data that deflates only ~2x, so no ratio guard fires: only the layout check sees the sharing.
    const data = Buffer.from(Array.from({ length: 1024 * 1024 }, (_, i) => 0x41 + ((i * 2654435761) >>> 28)));
    expect(refusal(rawZip(overlappingZip(names, data)))).toMatch(/overlaps the entry before it/);
  });

  it('refuses bytes that no entry accounts for, before or after the entries', () => {
    const a = storedEntry('a.txt', Buffer.from('alpha'));
    const b = storedEntry('b.txt', Buffer.from('beta'));
    const partA = Buffer.concat([localHeader(a), a.stored]);
    const gap = Buffer.alloc(64, 0x5a);
    const withGap = assembleZip(Buffer.concat([partA, gap, localHeader(b), b.stored]), [
      centralRecord(a, 0),
      centralRecord(b, partA.length + gap.length),
    ]);
    expect(refusal(rawZip(withGap))).toMatch(/gap of unaccounted bytes/);
    const padded = assembleZip(Buffer.concat([partA, gap]), [centralRecord(a, 0)]);
    expect(refusal(rawZip(padded))).toMatch(/do not add up to the zip/);
    expect(refusal(rawZip(Buffer.concat([honestZip([a, b]), Buffer.from('trailing')])))).toMatch(/no end of central directory/);
  });

  it('caps the whole zip against its own size, even when every entry is under the per-entry floor', () => {
    const entries = Array.from({ length: 30 }, (_, i) => deflatedEntry(`f${i}.txt`, Buffer.alloc(1024 * 1024)));
    expect(refusal(rawZip(honestZip(entries)))).toMatch(/over 200x its own/);
  });

  it('refuses a file that is not a zip', () => {
    const p = path.join(root, 'not.zip');
    fs.writeFileSync(p, 'hello');
    expect(refusal(p)).toMatch(/not a zip/);
  });
});

describe('hostile folders', () => {
  it('refuses an enormous line without reading it whole', () => {
    const dir = path.join(root, 'longline');
    fs.cpSync(bundle, dir, { recursive: true });
    fs.appendFileSync(path.join(dir, 'events.jsonl'), 'x'.repeat(2 * 1024 * 1024) + '\n');
    const v = verifyBundle(dir);
    expect(v.checks.find((c) => c.check === 'events.encoding')).toMatchObject({ status: 'fail' });
    expect(v.checks.find((c) => c.check === 'events.encoding')?.detail).toMatch(/longer than/);
  });

  it('refuses a non-UTF-8 event line even when resealed', () => {
    const ws = openWorkstation();
    const dir = path.join(root, 'latin1');
    fs.cpSync(bundle, dir, { recursive: true });
    const p = path.join(dir, 'events.jsonl');
    const b = fs.readFileSync(p);
    const at = b.indexOf('TX 202612');
    b[at + 2] = 0xe9;
    fs.writeFileSync(p, b);
    reseal(dir, ws.key);
    ws.close();
    const v = verifyBundle(dir);
    expect(v.checks.find((c) => c.check === 'events.encoding')?.detail).toMatch(/not valid UTF-8/);
  });

  it('inspect never loads a failing bundle', () => {
    const dir = path.join(root, 'failing');
    fs.cpSync(bundle, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'session.sqlite-wal'), 'x');
    const r = inspectBundle(dir);
    expect(r.verification.ok).toBe(false);
    expect(r.summary).toBeNull();
  });
});
