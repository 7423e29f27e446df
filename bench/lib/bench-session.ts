import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { sessionLogId } from '../../src-shared/audit/audit-envelope';
import type { JsonObject } from '../../src-shared/json';
import { createAppContext, type AppContext } from '../../src-main/app-context';
import { governanceOf, type Governance } from '../../src-main/services/sessions/governance';
import { createSession, transitionSession } from '../../src-main/services/sessions/session-service';

export interface BenchSession {
  ctx: AppContext;
  gov: Governance;
  sessionId: string;
  log: string;
  /** Completes the session: the registry records its final seal, as after a real run. */
  finish(): void;
}

/**
 * A session the registry created and started, as the app and the CLI do, so the benchmark's log
 * verifies and exports like a real one (a log the registry never created is refused, by design).
 */
export function startBenchSession(dataDir: string, clockMs: number): BenchSession {
  let t = clockMs;
  const ctx = createAppContext({ dataDir, clock: () => new Date((t += 1)) });
  const spec = parse(fs.readFileSync(path.resolve('fixtures/specs/demo-research.yaml'), 'utf8')) as JsonObject;
  const sessionId = createSession(ctx, { spec, owner: 'bench' }).id;
  const gov = governanceOf(ctx);
  transitionSession(gov, sessionId, 'start', 'bench', null);
  return {
    ctx,
    gov,
    sessionId,
    log: sessionLogId(sessionId),
    finish: () => void transitionSession(gov, sessionId, 'complete', 'bench', null),
  };
}
