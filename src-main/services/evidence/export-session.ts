import { codeStamp } from '../../version';
import path from 'node:path';
import type { JsonObject } from '../../../src-shared/json';
import { sessionLogId } from '../../../src-shared/audit/audit-envelope';
import type { AppContext } from '../../app-context';
import { canonicalLines } from '../../pipeline/market-data/fingerprint';
import { runSpecFromObject } from '../../pipeline/runner/run-spec';
import { openMarketData } from '../../pipeline/runner/session-setup';
import { governanceOf } from '../sessions/governance';
import { getSession } from '../sessions/session-service';
import { workstationKeyFor } from '../../store/workstation-audit';
import { exportBundle, type ExportProgress, type ExportResult, type ReplayDataSource } from './export-bundle';

export interface ExportSessionInput {
  sessionId: string;
  outDir: string;
  zip?: boolean;
  includeData?: boolean;
  /** Folder that relative data paths in the run spec resolve against (default: the data directory). */
  specBaseDir?: string;
  verifyScriptsDir?: string;
}

/** The first event of a session log says which data it ran on. */
function startedPayload(ctx: AppContext, sessionId: string): JsonObject | null {
  const store = governanceOf(ctx).store;
  for (const ev of store.readEvents(sessionLogId(sessionId), 0, 0)) {
    const e = JSON.parse(ev.canonical) as { type: string; payload: JsonObject };
    return e.type === 'session.started' ? e.payload : null;
  }
  return null;
}

/**
 * Exports a registered session: the spec and data fingerprints come from the registry, the replay
 * data from the spec's source (re-opened and checked against the recorded fingerprint).
 */
export async function exportSession(
  ctx: AppContext,
  input: ExportSessionInput,
  onProgress?: (p: ExportProgress) => void,
): Promise<ExportResult> {
  const gov = governanceOf(ctx);
  let runSpec: JsonObject | null = null;
  let fingerprints: string[] = [];
  try {
    const detail = getSession(ctx, input.sessionId);
    runSpec = detail.spec;
  } catch {
    runSpec = null; // exportBundle refuses a log the registry never created
  }
  const started = startedPayload(ctx, input.sessionId);
  const recorded = typeof started?.data_fingerprint === 'string' ? started.data_fingerprint : null;
  if (recorded) fingerprints = [recorded];
  let data: ReplayDataSource | null = null;
  if (input.includeData !== false && runSpec) {
    try {
      const opened = openMarketData(runSpecFromObject(runSpec, input.specBaseDir ?? ctx.dataDir));
      const set = opened.data;
      data = { id: set.id, fingerprint: recorded ?? set.fingerprint, lines: () => canonicalLines(set.events()) };
    } catch {
      data = null; // the data is gone or moved: the bundle carries the fingerprint only
    }
  }
  const key = workstationKeyFor(gov.db, ctx.signingKeyStore);
  return exportBundle(gov.store, {
    sessionId: input.sessionId,
    outDir: path.resolve(input.outDir),
    privateKey: key.privateKey,
    clock: () => ctx.clock().getTime(),
    codeVersion: codeStamp(),
    zip: input.zip ?? false,
    includeData: input.includeData !== false,
    runSpec,
    dataFingerprints: fingerprints,
    data,
    ...(input.verifyScriptsDir ? { verifyScriptsDir: input.verifyScriptsDir } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
}
