import type { ErrorCode } from '../../../src-shared/envelope';
import type { JobInput, JobName, JobProgress } from './job-services';

/** One heavy call for a worker thread: it opens its own AppContext on `dataDir`, signing with the app's key. */
export interface ServiceJobRequest<J extends JobName = JobName> {
  id: string;
  job: J;
  input: JobInput<J>;
  dataDir: string;
  /** The app's key (the OS keychain's in the desktop app), lent for this job: a worker never creates one. */
  keyPem: string;
  /** The main thread's clock when the call came in; the job's timestamps use it. */
  nowMs: number;
}

export type JobReply =
  | { kind: 'progress'; id: string; progress: JobProgress }
  | { kind: 'done'; id: string; result: unknown }
  | { kind: 'failed'; id: string; message: string; code: ErrorCode | null };
