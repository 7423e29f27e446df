import path from 'node:path';

export const MAX_PATH_LENGTH = 4096;

export type PathVerdict = { ok: true; path: string } | { ok: false; reason: string };

export function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/**
 * The checks every path from outside main gets, from a dialog or typed: a non-empty string of sane
 * length, no NUL or other control characters, absolute on the platform. Two leading separators are
 * refused on every platform: on Windows `\\host\share` and `//host/share` are UNC paths (opening one
 * is a network request, which Papertape never makes) and `\\?\`, `\\.\` are device paths; POSIX leaves
 * `//` implementation-defined. On Windows only drive paths (`C:\…`) pass.
 * Answers the raw string unchanged (not normalised) when it passes.
 */
export function validateAbsoluteShape(raw: unknown, platform: NodeJS.Platform): PathVerdict {
  if (typeof raw !== 'string' || raw.length === 0) return { ok: false, reason: 'PATH_REFUSED: why=empty' };
  if (raw.length > MAX_PATH_LENGTH) return { ok: false, reason: `PATH_REFUSED: why=too-long, length=${raw.length}` };
  if (/[\u0000-\u001f\u007f]/.test(raw)) return { ok: false, reason: 'PATH_REFUSED: why=control-character' };
  if (/^[\\/]{2}/.test(raw)) return { ok: false, reason: 'PATH_REFUSED: why=unc-or-device-path' };
  if (!pathApi(platform).isAbsolute(raw)) return { ok: false, reason: 'PATH_REFUSED: why=not-absolute' };
  if (platform === 'win32' && !/^[A-Za-z]:\\/.test(raw)) {
    // Drive-relative (`\foo`) and forward-slash forms are not what a Windows dialog returns.
    return { ok: false, reason: 'PATH_REFUSED: why=not-a-drive-path' };
  }
  return { ok: true, path: raw };
}

/** `..` is refused rather than resolved: a dialog never returns it, so it means the path was made up. */
export function hasDotDotSegment(p: string): boolean {
  return p.split(/[\\/]+/).includes('..');
}
