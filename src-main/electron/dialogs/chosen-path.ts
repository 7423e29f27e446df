import path from 'node:path';
import type { FilePurpose } from '../../../src-shared/contract';
import { PURPOSE_EXTENSIONS } from './file-purposes';

export const MAX_PATH_LENGTH = 4096;

export type PathVerdict = { ok: true; path: string } | { ok: false; reason: string };

/**
 * A path the native dialog handed back is still checked before any service sees it: the dialog
 * is out-of-process UI and a path is an input like any other. Absolute, no NUL or other control
 * characters, and an extension the purpose allows. A save path without the right extension is
 * refused, not fixed up: appending one could overwrite a file the user never confirmed.
 */
export function validateChosenPath(raw: unknown, purpose: FilePurpose, platform: NodeJS.Platform): PathVerdict {
  const shape = validateAbsoluteShape(raw, platform);
  if (!shape.ok) return shape;
  const p = pathApi(platform);
  const base = p.basename(shape.path);
  const ext = p.extname(base).toLowerCase();
  const allowed = PURPOSE_EXTENSIONS[purpose];
  if (!allowed.includes(ext)) {
    return { ok: false, reason: `PATH_REFUSED: why=extension, purpose=${purpose}, ext=${ext || 'none'}, allowed=${allowed.join('|')}` };
  }
  return { ok: true, path: p.normalize(shape.path) };
}

export function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/**
 * The checks every dialog answer gets, file or folder: a non-empty string of sane length, no NUL or
 * other control characters, absolute on the platform, and on Windows a drive or share path.
 * Answers the raw string unchanged (not normalised) when it passes.
 */
export function validateAbsoluteShape(raw: unknown, platform: NodeJS.Platform): PathVerdict {
  if (typeof raw !== 'string' || raw.length === 0) return { ok: false, reason: 'PATH_REFUSED: why=empty' };
  if (raw.length > MAX_PATH_LENGTH) return { ok: false, reason: `PATH_REFUSED: why=too-long, length=${raw.length}` };
  if (/[\u0000-\u001f\u007f]/.test(raw)) return { ok: false, reason: 'PATH_REFUSED: why=control-character' };
  if (!pathApi(platform).isAbsolute(raw)) return { ok: false, reason: 'PATH_REFUSED: why=not-absolute' };
  if (platform === 'win32' && !/^[A-Za-z]:\\/.test(raw) && !/^\\\\[^\\?.]/.test(raw)) {
    // Drive-relative (`\\foo`) and device paths (`\\\\?\\`, `\\\\.\\`) are not what a dialog returns.
    return { ok: false, reason: 'PATH_REFUSED: why=not-a-drive-or-share-path' };
  }
  return { ok: true, path: raw };
}
