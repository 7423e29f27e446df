import type { AuditVerifyInput } from '../../../src-shared/audit-view/audit-verify-call';
import type { AppContext } from '../../app-context';
import { verifyAndRecord } from '../audit-view/audit-verify';
import type { ExportProgress } from '../evidence/export-bundle';
import { exportSession } from '../evidence/export-session';
import { inspectBundle } from '../evidence/inspect-bundle';
import { replaySession } from '../replay/replay-session';
import type { ReplaySource } from '../replay/replay-source';
import { inspectMarketData } from '../market-data/inspect-data';
import { marketSeries } from '../views/market-series';
import { asServiceError } from '../../errors/as-service-error';
import type { VerifyProgress } from '../verification/verify-audit';

/** What a job reports while it runs: an export's phases, or a verification's events read. */
export type JobProgress = ExportProgress | VerifyProgress;

type ReplayRunInput = ({ bundlePath: string } | { sessionId: string }) & { dataFile?: string };

/**
 * The heavy calls, each the same service function the IPC handler called before: the main thread runs
 * them in-process (CLI, tests) or a worker thread runs them on its own AppContext. Paths arrive checked.
 */
export const jobServices = {
  'audit-verify': (ctx: AppContext, input: AuditVerifyInput, onProgress: (p: JobProgress) => void) =>
    verifyAndRecord(input, ctx, onProgress),
  'evidence-export': (
    ctx: AppContext,
    input: { sessionId: string; outDir: string; zip: boolean; includeData: boolean },
    onProgress: (p: JobProgress) => void,
  ) => exportSession(ctx, input, onProgress),
  'evidence-open': (_ctx: AppContext, input: { path: string; pubkeyPem?: string }) => {
    const { verification: v, summary } = inspectBundle(input.path, input.pubkeyPem === undefined ? {} : { pubkeyPem: input.pubkeyPem });
    const { ok, bundle, checks, firstFailure, keyFingerprint, keyPinned } = v;
    return { verification: { ok, bundle, checks, firstFailure, keyFingerprint, keyPinned }, summary };
  },
  'replay-run': async (ctx: AppContext, input: ReplayRunInput) => {
    const src: ReplaySource =
      'bundlePath' in input ? { kind: 'bundle', path: input.bundlePath } : { kind: 'store', ctx, sessionId: input.sessionId };
    const { verification: _v, ...rest } = await replaySession(src, input.dataFile ? { dataFile: input.dataFile } : {});
    return rest;
  },
  'market-series': (ctx: AppContext, input: { sessionId: string; contract?: string; maxPoints: number }) => marketSeries(ctx, input),
  'data-inspect': (_ctx: AppContext, input: { path: string; holidays: string[] }) => inspectMarketData(input.path, input.holidays),
};

export type JobName = keyof typeof jobServices;
export type JobInput<J extends JobName> = Parameters<(typeof jobServices)[J]>[1];
export type JobResult<J extends JobName> = Awaited<ReturnType<(typeof jobServices)[J]>>;

/** Runs one job on `ctx`; failures leave as ServiceErrors where the service's error says which. */
export async function runJobService<J extends JobName>(
  ctx: AppContext,
  job: J,
  input: JobInput<J>,
  onProgress: (p: JobProgress) => void,
): Promise<JobResult<J>> {
  const service = jobServices[job] as (
    ctx: AppContext,
    input: JobInput<J>,
    onProgress: (p: JobProgress) => void,
  ) => JobResult<J> | Promise<JobResult<J>>;
  try {
    return await service(ctx, input, onProgress);
  } catch (err) {
    throw asServiceError(err);
  }
}
