import fs from 'node:fs';
import path from 'node:path';
import { logFileName, needsRotation, rotationPlan, type RotationOptions } from './rotation';

export const LOG_DEFAULTS: Omit<RotationOptions, 'baseName'> = { maxBytes: 1024 * 1024, keep: 5 };

export interface RotatingLog {
  readonly dir: string;
  append(line: string): void;
}

/**
 * Appends one line per entry to `<dir>/<baseName>.log`, rotating by size. Synchronous on purpose:
 * it runs from `uncaughtException`, where the process may end right after the call returns.
 */
export function openRotatingLog(dir: string, opts: RotationOptions): RotatingLog {
  fs.mkdirSync(dir, { recursive: true });
  const current = path.join(dir, logFileName(opts.baseName, 0));
  return {
    dir,
    append(line: string) {
      const entry = line.endsWith('\n') ? line : line + '\n';
      const incoming = Buffer.byteLength(entry);
      if (needsRotation(sizeOf(current), incoming, opts.maxBytes)) {
        const existing = new Set(fs.readdirSync(dir));
        for (const step of rotationPlan(existing, opts)) {
          if (step.op === 'delete') fs.rmSync(path.join(dir, step.file), { force: true });
          else fs.renameSync(path.join(dir, step.from), path.join(dir, step.to));
        }
      }
      fs.appendFileSync(current, entry, { mode: 0o600 });
    },
  };
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
