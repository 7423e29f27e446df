import path from 'node:path';
import { ServiceError } from '../../../src-shared/envelope';
import type { Handler } from '../../ipc/registry';
import { runJob } from '../jobs/job-runner-port';

/** Renderer paths are untrusted: absolute, no NUL, normalised before any file call. */
export function checkedPath(p: string, what: string): string {
  if (p.includes('\0') || !path.isAbsolute(p))
    throw new ServiceError('INVALID_INPUT', `PATH_INVALID: field=${what}; an absolute path without NUL is required.`);
  return path.normalize(p);
}

type Names = 'evidence.export' | 'evidence.open' | 'replay.run' | 'data.inspect';

/** Evidence, replay and data-file inspection calls; spread into `src-main/ipc/handlers.ts`. */
export const evidenceHandlers: { [N in Names]: Handler<N> } = {
  'evidence.export': async (input, ctx) => {
    const out = input.outDir;
    if (typeof out !== 'string' && out.canceled) throw new ServiceError('INVALID_INPUT', 'EXPORT_CANCELED: the save dialog was canceled.');
    const outDir = checkedPath(typeof out === 'string' ? out : out.path!, 'outDir');
    return runJob(
      ctx,
      'evidence-export',
      { sessionId: input.sessionId, outDir, zip: input.zip ?? false, includeData: input.includeData !== false },
      (p) => ctx.events.emit('evidence.progress', { sessionId: input.sessionId, ...p }),
    );
  },
  'evidence.open': (input, ctx) => runJob(ctx, 'evidence-open', { path: checkedPath(input.path, 'path') }),
  'replay.run': (input, ctx) => {
    const dataFile = input.dataFile ? { dataFile: checkedPath(input.dataFile, 'dataFile') } : {};
    return runJob(
      ctx,
      'replay-run',
      'bundlePath' in input
        ? { bundlePath: checkedPath(input.bundlePath, 'bundlePath'), ...dataFile }
        : { sessionId: input.sessionId, ...dataFile },
    );
  },
  // Reading a day of ticks is a job: a worker thread in the desktop app.
  'data.inspect': (input, ctx) => runJob(ctx, 'data-inspect', { path: checkedPath(input.path, 'path'), holidays: input.holidays ?? [] }),
};
