/** Every IPC answer crosses the boundary as a value, never as a thrown error:
 * Electron only carries `message` across for thrown errors, so codes would be lost. */
export const ERROR_CODES = [
  'UNKNOWN_CALL',
  'INVALID_INPUT',
  'UNTRUSTED_SENDER',
  'NOT_FOUND',
  'CONFLICT',
  'REFUSED',
  'IO_ERROR',
  'INTEGRITY_FAILURE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface EnvelopeError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: EnvelopeError };

export function okEnvelope<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function errorEnvelope(code: ErrorCode, message: string, details?: unknown): Envelope<never> {
  return details === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, details } };
}

/** An error a service throws on purpose; the registry turns it into an envelope with its code. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
