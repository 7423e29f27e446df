import fs from 'node:fs';
import path from 'node:path';
import { sessionLogId } from '../../../src-shared/audit/audit-envelope';
import type { PipelineEvent } from '../../../src-shared/events/pipeline-event';
import type { AppContext } from '../../../src-main/app-context';
import { openWorkstationContext } from '../../../src-main/services/workstation-context';
import { configureLane } from '../../../src-main/services/lanes/lane-service';
import { createPipelineSessionRunner } from '../../../src-main/services/session-execution/pipeline-session-runner';
import { governanceOf } from '../../../src-main/services/sessions/governance';
import { readLog } from '../../../src-main/services/sessions/log-reader';
import '../../../src-main/services/sessions/recovery';
import { setSessionRunner } from '../../../src-main/services/sessions/session-runner-port';
import { smallSpec } from '../pipeline/small-spec';
import { makeTempDir } from '../../support/temp-dir';

export { smallSpec };

/** A lane wide enough for the small spec; 'capitalCents' lets a test make the lane the stricter one. */
export function laneConfig(capitalCents = 1_000_000_000, maxPositionContracts = 3) {
  return {
    riskEnvelope: {
      maxPositionContracts,
      maxTxEquivTwentieths: 40,
      maxNotionalPerOrderCents: 2_500_000_000,
      maxOpenOrders: 10,
      maxDailyLossCents: 50_000_000,
      maxDrawdownBps: 500,
      maxQuoteAgeMs: 3000,
    },
    paperCapitalCents: capitalCents,
    promotionCriteria: { minCompletedSessions: 1, minFills: 1, maxDrawdownBps: 500, maxUnresolvedBreaks: 0, maxAbortedSessions: 0 },
  };
}

export interface ExecApp {
  ctx: AppContext;
  dir: string;
  dataDir: string;
  sessionEvents(id: string): PipelineEvent[];
  registryEvents(): PipelineEvent[];
  /** A cheap look into the stored canonical text, for polling while a run writes. */
  logHas(id: string, text: string): boolean;
  cleanup(): void;
}

/** A real data directory with the research lane configured and the in-process pipeline runner (checking often). */
export function openExecApp(opts: { lane?: ReturnType<typeof laneConfig> | null } = {}): ExecApp {
  const { dir, cleanup } = makeTempDir('papertape-exec-');
  const dataDir = path.join(dir, 'data');
  const ctx = openWorkstationContext({ dataDir });
  setSessionRunner(ctx, createPipelineSessionRunner({ baseDir: dir, checkEvery: 16, pausePollMs: 5 }));
  if (opts.lane !== null)
    configureLane(ctx, { lane: 'paper_research', config: opts.lane ?? laneConfig(), actor: 'lead', reason: 'test lane' });
  return {
    ctx,
    dir,
    dataDir,
    sessionEvents: (id) => readLog(governanceOf(ctx).store, sessionLogId(id)),
    registryEvents: () => readLog(governanceOf(ctx).store, 'registry'),
    logHas: (id, text) =>
      governanceOf(ctx)
        .db.prepare('SELECT 1 FROM audit_events WHERE log = ? AND instr(canonical, ?) > 0 LIMIT 1')
        .get(sessionLogId(id), text) !== undefined,
    cleanup() {
      ctx.close();
      cleanup();
    },
  };
}

export function writeSignals(dir: string, rows: string[]): string {
  const file = path.join(dir, 'signals.csv');
  fs.writeFileSync(
    file,
    'ts,signal_id,contract,direction,quantity,strength,reason,order_type,limit_price,time_in_force\n' + rows.join('\n') + '\n',
  );
  return file;
}

/** Lets the run make progress between checks; the limit guards a hang, it is not a timing assertion. */
export async function waitFor(what: string, check: () => boolean, limit = 200_000): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (check()) return;
    await new Promise<void>((r) => setImmediate(r));
  }
  throw new Error(`gave up waiting for ${what}`);
}
