import fs from 'node:fs';
import { ServiceError } from '../../../src-shared/envelope';

export interface RawLine {
  /** 0-based line index (equals the seq the line must carry). */
  index: number;
  /** The bytes between two LFs, without the LF. */
  bytes: Buffer;
}

export class LineTooLongError extends ServiceError {
  constructor(
    readonly index: number,
    readonly limit: number,
  ) {
    super('REFUSED', `line ${index + 1} is longer than ${limit} bytes`);
  }
}

/**
 * Reads LF-separated lines as raw bytes (no decoding, no CR stripping: the bytes are the evidence).
 * `onTail` receives the bytes after the last LF (empty when the file ends with LF).
 */
export function* readRawLines(file: string, maxLineBytes: number, onTail?: (tail: Buffer) => void): Generator<RawLine> {
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    let pending: Buffer[] = [];
    let pendingLen = 0;
    let index = 0;
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      let start = 0;
      for (;;) {
        const lf = chunk.indexOf(0x0a, start);
        if (lf < 0 || lf >= n) break;
        const part = chunk.subarray(start, lf);
        if (pendingLen + part.length > maxLineBytes) throw new LineTooLongError(index, maxLineBytes);
        const bytes = pendingLen === 0 ? Buffer.from(part) : Buffer.concat([...pending, part]);
        pending = [];
        pendingLen = 0;
        yield { index: index++, bytes };
        start = lf + 1;
      }
      if (start < n) {
        pendingLen += n - start;
        if (pendingLen > maxLineBytes) throw new LineTooLongError(index, maxLineBytes);
        pending.push(Buffer.from(chunk.subarray(start, n)));
      }
    }
    onTail?.(Buffer.concat(pending));
  } finally {
    fs.closeSync(fd);
  }
}
