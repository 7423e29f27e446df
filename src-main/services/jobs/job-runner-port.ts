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

/** The Electron shell plugs the worker-backed runner into its context; `null` goes back to in-process. */
export function setJobRunner(ctx: AppContext, runner: JobRunner | null): void {
  ctx.ports.jobRunner = runner;
}

export function runJob<J extends JobName>(
  ctx: AppContext,
  job: J,
  input: JobInput<J>,
  onProgress: (p: JobProgress) => void = () => {},
): Promise<JobResult<J>> {
  return (ctx.ports.jobRunner ?? inProcessJobRunner)(ctx, job, input, onProgress);
}
