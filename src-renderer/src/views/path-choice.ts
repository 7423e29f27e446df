import type { PathRef, PathToken } from '../../../src-shared/contract';
import { isAbsolutePath } from './absolute-path';

/**
 * What a path field holds: the text shown, and the grant token main minted when it came from a
 * native dialog. A dialog's choice is sent as its token; a typed path is sent as text, which main
 * accepts only inside the data directory. Editing the text drops the token.
 */
export interface PathChoice {
  path: string;
  token: PathToken | null;
}

export const NO_PATH: PathChoice = { path: '', token: null };

/** The call input for a path field, or null while it holds neither a grant nor an absolute path. */
export function pathRefOf(choice: PathChoice): PathRef | null {
  if (choice.token) return { token: choice.token };
  const p = choice.path.trim();
  return isAbsolutePath(p) ? p : null;
}
