import { forgetKey, listPinnedKeys, pinKey, pinnedKeyPem } from '../../services/evidence/pinned-keys';
import { runJob } from '../../services/jobs/job-runner-port';
import type { Handler } from '../registry';
import { resolveFolderRef, resolvePathRef, type PathUse } from '../renderer-paths';

type Names =
  'evidence.export' | 'evidence.open' | 'evidence.keys' | 'evidence.pinKey' | 'evidence.forgetKey' | 'replay.run' | 'data.inspect';

const EXPORT_FOLDER: PathUse = { field: 'outDir', purposes: ['evidence-export-folder'], access: 'write' };
const bundleUse = (field: string): PathUse => ({ field, purposes: ['evidence-bundle', 'evidence-bundle-folder'], access: 'read' });
const DATA_INSPECT: PathUse = { field: 'path', purposes: ['market-data'], access: 'read' };
const DATA_FILE: PathUse = { field: 'dataFile', purposes: ['market-data'], access: 'read' };

/** Evidence, replay and data-file inspection calls. Every path is a dialog grant or inside the data directory (renderer-paths.ts). */
export const evidenceHandlers: { [N in Names]: Handler<N> } = {
  'evidence.export': async (input, ctx) => {
    const outDir = resolveFolderRef(ctx, input.outDir, EXPORT_FOLDER);
    return runJob(
      ctx,
      'evidence-export',
      { sessionId: input.sessionId, outDir, zip: input.zip ?? false, includeData: input.includeData !== false },
      // Only a verification's progress names a log; an export's never does.
      (p) => {
        if (!('log' in p)) ctx.events.emit('evidence.progress', { sessionId: input.sessionId, ...p });
      },
    );
  },
  'evidence.open': (input, ctx) =>
    runJob(ctx, 'evidence-open', {
      path: resolvePathRef(ctx, input.path, bundleUse('path')),
      ...(input.pinned ? { pubkeyPem: pinnedKeyPem(ctx, input.pinned) } : {}),
    }),
  'evidence.keys': (_input, ctx) => ({ keys: listPinnedKeys(ctx) }),
  'evidence.pinKey': (input, ctx) => pinKey(ctx, input),
  'evidence.forgetKey': (input, ctx) => forgetKey(ctx, input),
  'replay.run': (input, ctx) => {
    const dataFile = input.dataFile ? { dataFile: resolvePathRef(ctx, input.dataFile, DATA_FILE) } : {};
    return runJob(
      ctx,
      'replay-run',
      'bundlePath' in input
        ? { bundlePath: resolvePathRef(ctx, input.bundlePath, bundleUse('bundlePath')), ...dataFile }
        : { sessionId: input.sessionId, ...dataFile },
    );
  },
  // Reading a day of ticks is a job: a worker thread in the desktop app.
  'data.inspect': (input, ctx) =>
    runJob(ctx, 'data-inspect', { path: resolvePathRef(ctx, input.path, DATA_INSPECT), holidays: input.holidays ?? [] }),
};
