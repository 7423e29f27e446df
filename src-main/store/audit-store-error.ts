/** Why an append or checkpoint failed; committed events are intact in every case. */
export type AuditStoreErrorCode = 'DISK_FULL' | 'READ_ONLY' | 'IO_ERROR' | 'INVALID_EVENT' | 'INVALID_LOG' | 'CONFLICT' | 'BUSY';

export class AuditStoreError extends Error {
  constructor(
    readonly code: AuditStoreErrorCode,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'AuditStoreError';
  }
}

/** Maps SQLite's error codes to ours, so callers can stop a session with a precise reason. */
export function auditStoreErrorFromSqlite(err: unknown, action: string): AuditStoreError {
  const code = String((err as { code?: unknown })?.code ?? '');
  const msg = err instanceof Error ? err.message : String(err);
  if (code.startsWith('SQLITE_FULL'))
    return new AuditStoreError('DISK_FULL', `${action} failed: the disk or database is full (${msg}); committed events are intact.`, err);
  if (code.startsWith('SQLITE_READONLY'))
    return new AuditStoreError('READ_ONLY', `${action} failed: the database is read-only (${msg}); committed events are intact.`, err);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new AuditStoreError('BUSY', `${action} failed: the database is locked by another writer (${msg}).`, err);
  if (code.startsWith('SQLITE_CONSTRAINT'))
    return new AuditStoreError('CONFLICT', `${action} failed: ${msg}; another writer may have appended to this log.`, err);
  return new AuditStoreError('IO_ERROR', `${action} failed: ${msg}; committed events are intact.`, err);
}
