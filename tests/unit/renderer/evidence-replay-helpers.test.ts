import { describe, expect, it } from 'vitest';
import { recoveredCause } from '../../../src-renderer/src/components/AppBanners';
import { isAbsolutePath } from '../../../src-renderer/src/views/absolute-path';
import { exportPercent } from '../../../src-renderer/src/views/export-progress';
import { firstFailingSeq } from '../../../src-renderer/src/views/first-failing-seq';
import { prettyEvent, replayInput } from '../../../src-renderer/src/views/ReplayView';
import { recoveryUrl } from '../../../src-main/electron/renderer-recovery';

describe('renderer helpers for evidence, replay and the shell banners', () => {
  it('reads the recovery cause the shell puts in the URL, and ignores anything else', () => {
    expect(recoveredCause(new URL(recoveryUrl('unresponsive')).search)).toBe('unresponsive');
    expect(recoveredCause(new URL(recoveryUrl('render-process-gone', 'crashed')).search)).toBe('render-process-gone');
    expect(recoveredCause('')).toBeNull();
    expect(recoveredCause('?recovered=<script>')).toBeNull();
    expect(recoveredCause('?other=unresponsive')).toBeNull();
  });

  it('turns export progress into a whole-export percent that only grows', () => {
    expect(exportPercent({ phase: 'events', done: 0, total: 0 })).toBe(0);
    expect(exportPercent({ phase: 'events', done: 50, total: 100 })).toBe(8);
    expect(exportPercent({ phase: 'snapshot', done: 0, total: 1 })).toBe(16);
    expect(exportPercent({ phase: 'sums', done: 1, total: 1 })).toBe(83);
    expect(exportPercent({ phase: 'zip', done: 1, total: 1 })).toBe(100);
    expect(exportPercent({ phase: 'done', done: 1, total: 1 })).toBe(100);
    expect(exportPercent({ phase: 'events', done: 9, total: 3 })).toBe(16);
  });

  it('finds the earliest failing seq among failing checks, ignoring passes and seq-less failures', () => {
    expect(
      firstFailingSeq([
        { check: 'sums.files', status: 'fail' },
        { check: 'events.chain', status: 'fail', seq: 3 },
        { check: 'events.seq', status: 'pass', seq: 1 },
        { check: 'events.root', status: 'fail', seq: 7 },
      ]),
    ).toEqual({ seq: 3, check: 'events.chain' });
    expect(firstFailingSeq([{ check: 'sums.files', status: 'fail' }])).toBeNull();
  });

  it('accepts POSIX, drive-letter and UNC absolute paths only', () => {
    expect(isAbsolutePath('/tmp/b')).toBe(true);
    expect(isAbsolutePath('C:\\bundles\\b')).toBe(true);
    expect(isAbsolutePath('\\\\server\\share')).toBe(true);
    expect(isAbsolutePath('bundles/b')).toBe(false);
    expect(isAbsolutePath('C:b')).toBe(false);
  });

  it('builds the replay input for the chosen source, or nothing while it is incomplete', () => {
    const typed = (path: string) => ({ path, token: null });
    const grant = 'grant-0123456789abcdef0123456789abcdef';
    expect(replayInput('session', 'S-20261121-1', typed('/x'))).toEqual({ sessionId: 'S-20261121-1' });
    expect(replayInput('session', null, typed('/x'))).toBeNull();
    expect(replayInput('bundle', 'S-1', typed(' /tmp/b '))).toEqual({ bundlePath: '/tmp/b' });
    expect(replayInput('bundle', 'S-1', typed('relative'))).toBeNull();
    // A dialog's choice goes as its grant, never as the path shown.
    expect(replayInput('bundle', 'S-1', { path: '/home/a/b.zip', token: grant })).toEqual({ bundlePath: { token: grant } });
  });

  it('indents canonical event text for reading and leaves non-JSON as it is', () => {
    expect(prettyEvent('{"a":1,"b":[2]}')).toBe('{\n  "a": 1,\n  "b": [\n    2\n  ]\n}');
    expect(prettyEvent('not json')).toBe('not json');
  });
});
