import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorSummary, formatErrorEntry } from '../../../src-main/electron/logging/error-entry';
import { installProcessErrorHandlers } from '../../../src-main/electron/logging/process-errors';
import { openRotatingLog } from '../../../src-main/electron/logging/rotating-log';
import { logFileName, needsRotation, rotationPlan } from '../../../src-main/electron/logging/rotation';
import { makeTempDir } from '../../support/temp-dir';

describe('rotation plan (pure)', () => {
  const opts = { baseName: 'main', maxBytes: 100, keep: 3 };

  it('names files main.log, main.1.log, ...', () => {
    expect([0, 1, 2].map((i) => logFileName('main', i))).toEqual(['main.log', 'main.1.log', 'main.2.log']);
  });

  it('rotates only when the entry would push a non-empty file over the cap', () => {
    expect(needsRotation(0, 500, 100)).toBe(false);
    expect(needsRotation(60, 40, 100)).toBe(false);
    expect(needsRotation(60, 41, 100)).toBe(true);
  });

  it('shifts archives up, oldest first, dropping the one past `keep`', () => {
    const existing = new Set(['main.log', 'main.1.log', 'main.2.log', 'main.3.log', 'other.log']);
    expect(rotationPlan(existing, opts)).toEqual([
      { op: 'delete', file: 'main.3.log' },
      { op: 'rename', from: 'main.2.log', to: 'main.3.log' },
      { op: 'rename', from: 'main.1.log', to: 'main.2.log' },
      { op: 'rename', from: 'main.log', to: 'main.1.log' },
    ]);
  });

  it('skips gaps and truncates when keep is 0', () => {
    expect(rotationPlan(new Set(['main.log', 'main.2.log']), opts)).toEqual([
      { op: 'rename', from: 'main.2.log', to: 'main.3.log' },
      { op: 'rename', from: 'main.log', to: 'main.1.log' },
    ]);
    expect(rotationPlan(new Set(['main.log', 'main.1.log']), { ...opts, keep: 0 })).toEqual([{ op: 'delete', file: 'main.log' }]);
  });
});

describe('rotating log on disk', () => {
  let t: { dir: string; cleanup(): void };
  beforeEach(() => (t = makeTempDir('papertape-logs-')));
  afterEach(() => t.cleanup());

  it('keeps every file under the cap and at most `keep` archives, newest entries last', () => {
    const log = openRotatingLog(path.join(t.dir, 'logs'), { baseName: 'main', maxBytes: 50, keep: 2 });
    for (let i = 0; i < 20; i++) log.append(`entry ${String(i).padStart(2, '0')} ........`); // 20 bytes each with newline
    const files = fs.readdirSync(path.join(t.dir, 'logs')).sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const f of files) expect(fs.statSync(path.join(t.dir, 'logs', f)).size).toBeLessThanOrEqual(50);
    const current = fs.readFileSync(path.join(t.dir, 'logs', 'main.log'), 'utf8');
    expect(current.trim().split('\n').at(-1)).toBe('entry 19 ........');
    const oldest = fs.readFileSync(path.join(t.dir, 'logs', 'main.2.log'), 'utf8');
    expect(oldest).toBe('entry 14 ........\nentry 15 ........\n');
  });

  it('creates the log file readable by the user only', () => {
    const log = openRotatingLog(t.dir, { baseName: 'main', maxBytes: 1000, keep: 1 });
    log.append('x');
    if (process.platform !== 'win32') expect(fs.statSync(path.join(t.dir, 'main.log')).mode & 0o777).toBe(0o600);
  });
});

describe('main-process error handlers', () => {
  it('formats a stable code line with the stack', () => {
    const err = new TypeError('bad thing');
    const entry = formatErrorEntry('unhandledRejection', err, new Date('2026-01-02T03:04:05.000Z'));
    expect(entry.split('\n')[0]).toBe('2026-01-02T03:04:05.000Z MAIN_PROCESS_ERROR: kind=unhandledRejection');
    expect(entry).toContain('TypeError: bad thing');
    expect(errorSummary('plain')).toBe('plain');
    expect(errorSummary({ a: 1 })).toBe('{"a":1}');
    expect(errorSummary(new Error('x'.repeat(2000))).length).toBe(601);
  });

  it('logs and shows each error, and survives a failing log or dialog', () => {
    const listeners = new Map<string, (e: unknown) => void>();
    const lines: string[] = [];
    const shown: string[] = [];
    installProcessErrorHandlers(
      { on: (ev, l) => listeners.set(ev, l) },
      { append: (l) => lines.push(l), show: (s) => shown.push(s), now: () => new Date('2026-01-01T00:00:00Z') },
    );
    listeners.get('uncaughtException')!(new Error('one'));
    listeners.get('unhandledRejection')!('two');
    expect(lines.map((l) => l.split('\n')[0])).toEqual([
      '2026-01-01T00:00:00.000Z MAIN_PROCESS_ERROR: kind=uncaughtException',
      '2026-01-01T00:00:00.000Z MAIN_PROCESS_ERROR: kind=unhandledRejection',
    ]);
    expect(shown).toEqual(['Error: one', 'two']);

    const broken = new Map<string, (e: unknown) => void>();
    installProcessErrorHandlers(
      { on: (ev, l) => broken.set(ev, l) },
      {
        append: () => {
          throw new Error('ENOSPC');
        },
        show: () => {
          throw new Error('not ready');
        },
        now: () => new Date(0),
      },
    );
    expect(() => broken.get('uncaughtException')!(new Error('x'))).not.toThrow();
  });
});
