import fs from 'node:fs';
import path from 'node:path';
import type { FolderPurpose } from '../../../src-shared/contract';
import { hasDotDotSegment, pathApi, validateAbsoluteShape, type PathVerdict } from '../../services/paths/path-shape';
import { FOLDER_PURPOSES } from './folder-purposes';

export type FolderKind = 'directory' | 'missing' | 'not-a-directory' | 'unreadable';

/** What is on disk at a path; injected so the pure checks can be tested with any platform's paths. */
export type FolderKindOf = (p: string) => FolderKind;

export const folderKindOnDisk: FolderKindOf = (p) => {
  try {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (st) return st.isDirectory() ? 'directory' : 'not-a-directory';
    // Missing: only a folder that could be made counts, so the nearest existing ancestor must be a directory.
    for (let up = path.dirname(p), at = p; up !== at; at = up, up = path.dirname(up)) {
      const above = fs.statSync(up, { throwIfNoEntry: false });
      if (above) return above.isDirectory() ? 'missing' : 'not-a-directory';
    }
    return 'missing';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'not-a-directory' : 'unreadable';
  }
};

/**
 * A folder the native dialog handed back, checked like a chosen file (absolute, no control
 * characters) and then against the disk: a directory, or, where the purpose creates it, nothing yet.
 * A file is refused even where a folder could be made, since the export would fail on it later.
 * `..` segments are refused rather than resolved: a dialog never returns them, so they mean the
 * answer did not come from the user's choice. Trailing separators are dropped so that callers can
 * append a child name.
 */
export function validateChosenFolder(raw: unknown, purpose: FolderPurpose, platform: NodeJS.Platform, kindOf: FolderKindOf): PathVerdict {
  const shape = validateAbsoluteShape(raw, platform);
  if (!shape.ok) return shape;
  const p = pathApi(platform);
  if (hasDotDotSegment(shape.path)) return { ok: false, reason: 'PATH_REFUSED: why=dot-dot-segment' };
  const folder = withoutTrailingSeparator(p.normalize(shape.path), platform);
  const kind = kindOf(folder);
  if (kind === 'directory') return { ok: true, path: folder };
  if (kind === 'missing' && FOLDER_PURPOSES[purpose].mayBeNew) return { ok: true, path: folder };
  return { ok: false, reason: `PATH_REFUSED: why=${kind === 'missing' ? 'no-such-folder' : kind}, purpose=${purpose}` };
}

function withoutTrailingSeparator(folder: string, platform: NodeJS.Platform): string {
  const root = pathApi(platform).parse(folder).root;
  const trailing = platform === 'win32' ? /[\\/]+$/ : /\/+$/;
  return folder.length > root.length ? folder.replace(trailing, '') : folder;
}
