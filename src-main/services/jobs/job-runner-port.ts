import type { AppContext } from '../../app-context';
import { runJobService, type JobInput, type JobName, type JobProgress, type JobResult } from './job-services';

/** Where a heavy call runs: in-process by default (CLI, tests), a worker thread in the desktop app. */
export type JobRunner = <J extends JobName>(
  ctx: AppContext,
  job: J,
  input: JobInput<J>,
  onProgress: (p: JobProgress) => void,
) => Promise<JobResult<J>>;

export const inProcessJobRunner: JobRunner = (ctx, job, input, onProgress) => runJobService(ctx, job, input, onProgress);

const runners = new WeakMap<AppContext, JobRunner>();

/** The Electron shell attaches the worker-backed runner to its context; `null` goes back to in-process. */
export function setJobRunner(ctx: AppContext, runner: JobRunner | null): void {
  if (runner) runners.set(ctx, runner);
  else runners.delete(ctx);
}

export function runJob<J extends JobName>(
  ctx: AppContext,
  job: J,
  input: JobInput<J>,
  onProgress: (p: JobProgress) => void = () => {},
): Promise<JobResult<J>> {
  return (runners.get(ctx) ?? inProcessJobRunner)(ctx, job, input, onProgress);
}
