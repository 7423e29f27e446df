import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** One line of a `sha256sum` file: 64 lower-case hex digits, two spaces (text mode), the name, LF. */
const SUM_LINE = /^([0-9a-f]{64}) {2}([^\n\r/\\]+)$/;

export interface SumEntry {
  name: string;
  sha256: string;
}

/** `sha256sum` output for the given entries, sorted by name so the file is the same on every run. */
export function formatSums(entries: readonly SumEntry[]): string {
  return [...entries]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((e) => `${e.sha256}  ${e.name}\n`)
    .join('');
}

/** Strict parse: sorted, unique names, LF only, no blank lines. Returns a reason string when malformed. */
export function parseSums(text: string): SumEntry[] | string {
  if (!text.endsWith('\n')) return 'SHA256SUMS does not end with a line feed';
  const out: SumEntry[] = [];
  const lines = text.slice(0, -1).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = SUM_LINE.exec(lines[i]!);
    if (!m) return `SHA256SUMS line ${i + 1} is not "<sha256>  <name>"`;
    const name = m[2]!;
    const prev = out[out.length - 1];
    if (prev && prev.name >= name) return `SHA256SUMS line ${i + 1}: names must be sorted and unique`;
    out.push({ name, sha256: m[1]! });
  }
  return out;
}

/** Streams a file through SHA-256 in 1 MiB reads, so big event files never sit in memory. */
export function sha256File(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1024 * 1024);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}
