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
  if (typeof raw !== 'string' || raw.length === 0) return { ok: false, reason: 'PATH_REFUSED: why=empty' };
  if (raw.length > MAX_PATH_LENGTH) return { ok: false, reason: `PATH_REFUSED: why=too-long, length=${raw.length}` };
  if (/[\u0000-\u001f\u007f]/.test(raw)) return { ok: false, reason: 'PATH_REFUSED: why=control-character' };
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (!p.isAbsolute(raw)) return { ok: false, reason: 'PATH_REFUSED: why=not-absolute' };
  if (platform === 'win32' && !/^[A-Za-z]:\\/.test(raw) && !/^\\\\[^\\?.]/.test(raw)) {
    // Drive-relative (`\\foo`) and device paths (`\\\\?\\`, `\\\\.\\`) are not what a dialog returns.
    return { ok: false, reason: 'PATH_REFUSED: why=not-a-drive-or-share-path' };
  }
  const base = p.basename(raw);
  const ext = p.extname(base).toLowerCase();
  const allowed = PURPOSE_EXTENSIONS[purpose];
  if (!allowed.includes(ext)) {
    return { ok: false, reason: `PATH_REFUSED: why=extension, purpose=${purpose}, ext=${ext || 'none'}, allowed=${allowed.join('|')}` };
  }
  return { ok: true, path: p.normalize(raw) };
}
