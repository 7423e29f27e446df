import { describe, expect, it } from 'vitest';
import {
  editedTarget,
  exportFolder,
  exportFolderRef,
  proposedBundleFolder,
  zipBesideFolder,
} from '../../../src-renderer/src/views/EvidenceView';

describe('the export folder proposed after Choose folder…', () => {
  it.each([
    ['/home/a/exports', 's-20260105-01', '/home/a/exports/bundle-s-20260105-01'],
    ['/home/a/exports/', 's1', '/home/a/exports/bundle-s1'],
    ['/home/a/exports//', 's1', '/home/a/exports/bundle-s1'],
    ['/', 's1', '/bundle-s1'],
    ['/Users/a/My Bundles', 's1', '/Users/a/My Bundles/bundle-s1'],
    ['C:\\Users\\a\\exports', 's1', 'C:\\Users\\a\\exports\\bundle-s1'],
    ['C:\\Users\\a\\exports\\', 's1', 'C:\\Users\\a\\exports\\bundle-s1'],
    ['C:\\', 's1', 'C:\\bundle-s1'],
    ['\\\\server\\share\\bundles', 's1', '\\\\server\\share\\bundles\\bundle-s1'],
  ] as const)('inside %j for session %s proposes %j', (chosen, session, expected) => {
    expect(proposedBundleFolder(chosen, session)).toBe(expected);
  });

  it('proposes a placeholder name until a session is picked', () => {
    expect(proposedBundleFolder('/home/a/exports', null)).toBe('/home/a/exports/bundle-session');
  });

  it('follows the session picker while the proposal stands, and keeps what the user typed', () => {
    const chosen = { kind: 'chosen', parent: '/home/a/exports', token: 'grant-0123456789abcdef0123456789abcdef' } as const;
    expect(exportFolder(chosen, 's1')).toBe('/home/a/exports/bundle-s1');
    expect(exportFolder(chosen, 's2')).toBe('/home/a/exports/bundle-s2');
    const typed = { kind: 'typed', path: '/home/a/exports/my-review' } as const;
    expect(exportFolder(typed, 's1')).toBe('/home/a/exports/my-review');
    expect(exportFolder(typed, 's2')).toBe('/home/a/exports/my-review');
  });

  it('sends a chosen folder as its grant plus the new child, and a typed path as text', () => {
    expect(exportFolderRef({ kind: 'chosen', parent: '/home/a/exports', token: 'grant-0123456789abcdef0123456789abcdef' }, 's1')).toEqual({
      token: 'grant-0123456789abcdef0123456789abcdef',
      child: 'bundle-s1',
    });
    expect(exportFolderRef({ kind: 'typed', path: ' /data/b ' }, 's1')).toBe('/data/b');
    expect(exportFolderRef({ kind: 'typed', path: 'relative' }, 's1')).toBeNull();
    // Renaming the proposed folder keeps the grant; editing the chosen folder itself makes it a typed path.
    const chosen = { kind: 'chosen', parent: '/home/a/exports', token: 'grant-0123456789abcdef0123456789abcdef' } as const;
    const renamed = editedTarget(chosen, '/home/a/exports/review-1');
    expect(exportFolderRef(renamed, 's1')).toEqual({ token: chosen.token, child: 'review-1' });
    expect(exportFolder(renamed, 's1')).toBe('/home/a/exports/review-1');
    expect(editedTarget(chosen, '/home/b/review-1')).toEqual({ kind: 'typed', path: '/home/b/review-1' });
    expect(editedTarget(chosen, '/home/a/exports/x/../y')).toEqual({ kind: 'typed', path: '/home/a/exports/x/../y' });
  });

  it('names the zip beside the folder as evidence.export writes it, never a .zip folder or .zip.zip', () => {
    expect(zipBesideFolder('/home/a/exports/bundle-s1')).toBe('/home/a/exports/bundle-s1.zip');
    expect(zipBesideFolder('/home/a/exports/bundle-s1/')).toBe('/home/a/exports/bundle-s1.zip');
    expect(zipBesideFolder('C:\\exports\\bundle-s1\\')).toBe('C:\\exports\\bundle-s1.zip');
    expect(
      zipBesideFolder(exportFolder({ kind: 'chosen', parent: '/home/a/exports', token: 'grant-0123456789abcdef0123456789abcdef' }, 's1')),
    ).toBe('/home/a/exports/bundle-s1.zip');
    expect(zipBesideFolder('  ')).toBeNull();
    expect(zipBesideFolder('')).toBeNull();
  });
});
