import { ServiceError, type ErrorCode } from '../../src-shared/envelope';
import { AuditStoreError, type AuditStoreErrorCode } from '../store/audit-store-error';
import { EventProfileError } from '../store/event-bytes';

/**
 * The one classification of a thrown value into the product's error codes; the IPC envelope
 * (`ipc/registry.ts`) and the CLI exit code (`cli/exit-codes.ts`) are both derived from it, and a
 * worker's error crosses to the main thread as its code and message.
 *
 * Every error the product throws on purpose is a `ServiceError` (or a subclass naming its code);
 * the store's own codes and the operating system's I/O failures are mapped here. Anything else is a
 * bug: `INTERNAL`, never passed off as a usage error.
 */
export function asServiceError(err: unknown): ServiceError {
  if (err instanceof ServiceError) return err;
  if (err instanceof AuditStoreError) return new ServiceError(AUDIT_STORE_CODES[err.code], err.message);
  if (err instanceof EventProfileError) return new ServiceError('INVALID_INPUT', err.message);
  const message = err instanceof Error ? err.message : String(err);
  // Replay refusals thrown as plain errors by older code paths keep their stable prefix.
  if (/^REPLAY_[A-Z_]+: /.test(message)) return new ServiceError('REFUSED', message);
  if (isIoError(err)) return new ServiceError('IO_ERROR', message.slice(0, 500));
  return new ServiceError('INTERNAL', `Unexpected error in the main process: ${message.slice(0, 500)}`);
}

const AUDIT_STORE_CODES: Readonly<Record<AuditStoreErrorCode, ErrorCode>> = {
  DISK_FULL: 'IO_ERROR',
  READ_ONLY: 'IO_ERROR',
  IO_ERROR: 'IO_ERROR',
  BUSY: 'IO_ERROR',
  INVALID_EVENT: 'INVALID_INPUT',
  INVALID_LOG: 'INTEGRITY_FAILURE',
  CONFLICT: 'CONFLICT',
};

/**
 * The operating system refused a file operation (`ENOENT`, `ENOTDIR`, `EACCES`, `EROFS`, `ENOSPC`,
 * ... with the syscall that failed), or SQLite did (`SQLITE_*`). Node's own `ERR_*` codes are
 * programming errors and stay internal.
 */
function isIoError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const { code, syscall } = err as NodeJS.ErrnoException;
  if (typeof code !== 'string') return false;
  return (/^E[A-Z0-9]+$/.test(code) && typeof syscall === 'string') || code.startsWith('SQLITE_');
}
