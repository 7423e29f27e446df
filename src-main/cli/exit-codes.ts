import type { ErrorCode } from '../../src-shared/envelope';
import { asServiceError } from '../errors/as-service-error';
import { EXIT } from './io';

/** The one mapping from an error code to an exit code: a finding is 1, a bug is 70, the rest is the user's to fix (2). */
export function exitCodeForError(code: ErrorCode): number {
  if (code === 'INTEGRITY_FAILURE') return EXIT.FINDING;
  if (code === 'INTERNAL') return EXIT.INTERNAL;
  return EXIT.USAGE;
}

/** What the CLI prints and returns for an error no command handled itself. */
export function reportUncaught(err: unknown, write: (text: string) => void): number {
  const e = asServiceError(err);
  if (e.code === 'INTERNAL') {
    write(`papertape: internal error (a bug in Papertape, not a problem with your input): ${e.message}\n`);
    if (err instanceof Error && err.stack) write(`${err.stack}\n`);
  } else {
    write(`papertape: ${e.message}\n`);
  }
  return exitCodeForError(e.code);
}
