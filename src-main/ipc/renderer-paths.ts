import fs from 'node:fs';
import path from 'node:path';
import type { FolderRef, PathRef } from '../../src-shared/contract';
import { ServiceError } from '../../src-shared/envelope';
import type { AppContext } from '../app-context';
import type { GrantPurpose } from '../services/paths/path-grants';
import { hasDotDotSegment, validateAbsoluteShape } from '../services/paths/path-shape';
import { fixturesDir } from '../services/views/fixture-specs';
import { keyDirOf } from '../store/workstation-audit';

/** What a path input is for: reading (a bundle, a data file) may also name the shipped fixtures. */
export interface PathUse {
  field: string;
  /** The dialog purposes whose grants this field accepts. */
  purposes: readonly GrantPurpose[];
  access: 'read' | 'write';
}

/**
 * Turns a path input from the page into a path main may use. A grant token stands for exactly what
 * the user picked in the native dialog, and only for the purposes it was picked for. A typed path is
 * accepted only inside the data directory (or, for reading, the shipped fixtures): the page never
 * chooses an arbitrary place on disk. Never inside `keys/`, whatever the source.
 */
export function resolvePathRef(ctx: AppContext, ref: PathRef, use: PathUse): string {
  if (typeof ref !== 'string') return refuseKeyDir(ctx, granted(ctx, ref.token, use), use);
  return refuseKeyDir(ctx, typedInside(ctx, ref, use), use);
}

/** A folder input; a grant may carry a new child folder name to create inside the chosen folder. */
export function resolveFolderRef(ctx: AppContext, ref: FolderRef, use: PathUse): string {
  if (typeof ref === 'string') return resolvePathRef(ctx, ref, use);
  const folder = granted(ctx, ref.token, use);
  return refuseKeyDir(ctx, ref.child ? path.join(folder, ref.child) : folder, use);
}

function granted(ctx: AppContext, token: string, use: PathUse): string {
  const grant = ctx.pathGrants.lookup(token);
  if (!grant) {
    throw new ServiceError(
      'REFUSED',
      `PATH_REFUSED: field=${use.field}, why=unknown-grant; choose the file or folder again with the dialog.`,
    );
  }
  if (!use.purposes.includes(grant.purpose)) {
    throw new ServiceError(
      'REFUSED',
      `PATH_REFUSED: field=${use.field}, why=grant-purpose, purpose=${grant.purpose}, accepted=${use.purposes.join('|')}`,
    );
  }
  return grant.path;
}

function typedInside(ctx: AppContext, raw: string, use: PathUse): string {
  const shape = validateAbsoluteShape(raw, process.platform);
  if (!shape.ok) throw new ServiceError('INVALID_INPUT', `${shape.reason}, field=${use.field}; an absolute path is required.`);
  if (hasDotDotSegment(raw)) throw new ServiceError('INVALID_INPUT', `PATH_REFUSED: why=dot-dot-segment, field=${use.field}`);
  const wanted = path.normalize(raw);
  const roots = use.access === 'read' ? [ctx.dataDir, fixturesDir()] : [ctx.dataDir];
  if (roots.some((root) => isInside(realFolder(root), realPathOf(wanted)))) return wanted;
  throw new ServiceError(
    'REFUSED',
    `PATH_REFUSED: field=${use.field}, why=outside-data-dir; choose it with the dialog, or type a path inside the data directory.`,
  );
}

function refuseKeyDir(ctx: AppContext, p: string, use: PathUse): string {
  const keys = realFolder(keyDirOf(ctx.dataDir));
  if (isInside(keys, realPathOf(p))) throw new ServiceError('REFUSED', `PATH_REFUSED: field=${use.field}, why=key-folder`);
  return p;
}

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function realFolder(p: string): string {
  return realPathOf(path.resolve(p));
}

/**
 * The path with every symlink in its existing part resolved, so a link inside the data directory
 * that points elsewhere does not count as inside. The part that does not exist yet is kept as written.
 */
function realPathOf(p: string): string {
  let existing = p;
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(existing), ...rest);
    } catch {
      const up = path.dirname(existing);
      if (up === existing) return p;
      rest.unshift(path.basename(existing));
      existing = up;
    }
  }
}
