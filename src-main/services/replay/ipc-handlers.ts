import path from 'node:path';
import { ServiceError } from '../../../src-shared/envelope';
import type { Handler } from '../../ipc/registry';
import { BundleUsageError } from '../evidence/bundle-checks';
import { exportSession } from '../evidence/export-session';
import { inspectBundle } from '../evidence/inspect-bundle';
import { ReplayRefused } from './replay-data-file';
import { replaySession } from './replay-session';
import { BundleNotVerified, type ReplaySource } from './replay-source';

/** Renderer paths are untrusted: absolute, no NUL, normalised before any file call. */
export function checkedPath(p: string, what: string): string {
  if (p.includes('\0') || !path.isAbsolute(p))
    throw new ServiceError('INVALID_INPUT', `PATH_INVALID: field=${what}; an absolute path without NUL is required.`);
  return path.normalize(p);
}

function refusal(err: unknown): never {
  if (err instanceof BundleNotVerified) throw new ServiceError('INTEGRITY_FAILURE', err.message);
  if (err instanceof ReplayRefused || (err instanceof Error && /^REPLAY_[A-Z_]+: /.test(err.message)))
    throw new ServiceError('REFUSED', err.message);
  if (err instanceof BundleUsageError) throw new ServiceError('IO_ERROR', err.message);
  throw err;
}

type Names = 'evidence.export' | 'evidence.open' | 'replay.run';

/** Evidence and replay calls; spread into `src-main/ipc/handlers.ts`. */
export const evidenceHandlers: { [N in Names]: Handler<N> } = {
  'evidence.export': async (input, ctx) => {
    const out = input.outDir;
    if (typeof out !== 'string' && out.canceled) throw new ServiceError('INVALID_INPUT', 'EXPORT_CANCELED: the save dialog was canceled.');
    const outDir = checkedPath(typeof out === 'string' ? out : out.path!, 'outDir');
    try {
      return await exportSession(
        ctx,
        { sessionId: input.sessionId, outDir, zip: input.zip ?? false, includeData: input.includeData !== false },
        (p) => ctx.events.emit('evidence.progress', { sessionId: input.sessionId, ...p }),
      );
    } catch (err) {
      if (err instanceof BundleUsageError) throw new ServiceError('IO_ERROR', err.message);
      throw err;
    }
  },
  'evidence.open': (input, ctx) => {
    void ctx;
    try {
      const r = inspectBundle(checkedPath(input.path, 'path'));
      const v = r.verification;
      return {
        verification: {
          ok: v.ok,
          bundle: v.bundle,
          checks: v.checks,
          firstFailure: v.firstFailure,
          keyFingerprint: v.keyFingerprint,
          keyPinned: v.keyPinned,
        },
        summary: r.summary,
      };
    } catch (err) {
      return refusal(err);
    }
  },
  'replay.run': async (input, ctx) => {
    const src: ReplaySource =
      'bundlePath' in input
        ? { kind: 'bundle', path: checkedPath(input.bundlePath, 'bundlePath') }
        : { kind: 'store', ctx, sessionId: input.sessionId };
    try {
      const r = await replaySession(src, input.dataFile ? { dataFile: checkedPath(input.dataFile, 'dataFile') } : {});
      const { verification: _v, ...rest } = r;
      return rest;
    } catch (err) {
      return refusal(err);
    }
  },
};
