import { randomBytes } from 'node:crypto';
import type { FilePurpose, FolderPurpose, PathToken } from '../../../src-shared/contract';

export type GrantPurpose = FilePurpose | FolderPurpose;

export interface PathGrant {
  /** The absolute path the native dialog answered, already checked by the dialog's validator. */
  path: string;
  kind: 'file' | 'folder';
  purpose: GrantPurpose;
}

/**
 * The files and folders the user picked in a native dialog during this run of the app. A grant is
 * an opaque random token: the page holds it, only main can turn it back into a path, and only for
 * a use that matches the purpose the dialog was shown for. Nothing is persisted, so a token from
 * an earlier run (or a guessed one) is worth nothing.
 */
export interface PathGrants {
  mint(grant: PathGrant): PathToken;
  lookup(token: string): PathGrant | null;
}

/** Enough for a long working day of dialogs; the oldest grant goes first when it is reached. */
export const MAX_GRANTS = 256;

export function createPathGrants(max = MAX_GRANTS): PathGrants {
  const grants = new Map<string, PathGrant>();
  return {
    mint(grant) {
      const token = `grant-${randomBytes(16).toString('hex')}`;
      grants.set(token, Object.freeze({ ...grant }));
      while (grants.size > max) grants.delete(grants.keys().next().value as string);
      return token;
    },
    lookup(token) {
      return grants.get(token) ?? null;
    },
  };
}
