import { ServiceError } from '../../../src-shared/envelope';
import { BundleUsageError } from '../evidence/bundle-checks';
import { ReplayRefused } from '../replay/replay-data-file';
import { BundleNotVerified } from '../replay/replay-source';

/**
 * Service errors as the envelope's codes, decided where the error is thrown: a worker thread's error
 * crosses to the main thread as code and message only, so its class must not be needed there.
 */
export function asServiceError(err: unknown): unknown {
  if (err instanceof ServiceError) return err;
  if (err instanceof BundleNotVerified) return new ServiceError('INTEGRITY_FAILURE', err.message);
  if (err instanceof ReplayRefused || (err instanceof Error && /^REPLAY_[A-Z_]+: /.test(err.message)))
    return new ServiceError('REFUSED', err.message);
  if (err instanceof BundleUsageError) return new ServiceError('IO_ERROR', err.message);
  return err;
}
