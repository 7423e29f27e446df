import { REGISTRY_LOG, SESSION_CHECKPOINT_EVENT, sessionLogId } from '../../../src-shared/audit/audit-envelope';
import { ServiceError } from '../../../src-shared/envelope';
import { assertGovernanceEvent, readGovernancePayload, type GovernanceEvent } from '../../../src-shared/events/governance-catalog';
import { isoMillis, type PipelineEvent } from '../../../src-shared/events/pipeline-event';
import type { AppContext } from '../../app-context';
import type { AuditStore } from '../../store/audit-log';
import type { Db } from '../../store/database';
import { canonicalJson } from '../../pipeline/runner/canonical';
import { recordSessionCheckpoint } from '../../store/session-checkpoint';
import { openWorkstationAuditStore } from '../../store/workstation-audit';
import { GOVERNANCE_TABLES } from '../../store/governance-schema';
import { projectEvent } from './governance-projection';
import { readLog } from './log-reader';
import { recordKeyIfUnrecorded } from '../signing-key/key-record';

/** What every governance service works with: one database, its audit store, and the injected clock. */
export interface Governance {
  ctx: AppContext;
  db: Db;
  store: AuditStore;
  /** RFC 3339 UTC with milliseconds, from the context's clock. */
  now(): string;
  /**
   * Appends events to one log and applies them to the projections in ONE transaction, so the
   * tables never show a change the log does not hold, nor the reverse.
   */
  record(log: string, sessionId: string | null, events: readonly GovernanceEvent[]): void;
}

export function governanceOf(ctx: AppContext): Governance {
  const existing = ctx.state.governance;
  if (existing && existing.db.open) return existing;
  const db = ctx.db();
  const store = openWorkstationAuditStore(db, ctx.dataDir, () => ctx.clock().getTime(), ctx.signingKeyStore);
  const gov: Governance = {
    ctx,
    db,
    store,
    now: () => isoMillis(ctx.clock().getTime()),
    record(log, sessionId, events) {
      if (events.length === 0) return;
      for (const e of events) assertGovernanceEvent(e);
      const ts = gov.now();
      const stamped: PipelineEvent[] = events.map((e) => ({ ...e, ts }));
      db.transaction(() => {
        store.append(log, sessionId, stamped);
        // Project what the log holds (canonical key order), so a rebuild from the log gives identical rows.
        for (const e of stamped) projectEvent(db, JSON.parse(canonicalJson(e)) as PipelineEvent);
      }).immediate();
    },
  };
  ctx.state.governance = gov;
  recordKeyIfUnrecorded(gov);
  // What the composition root wired in (crash recovery), once per opening; it may call governanceOf again.
  ctx.ports.onStoreOpen?.(ctx);
  return gov;
}

export function registryLog(): string {
  return REGISTRY_LOG;
}

export { sessionLogId };

export function notFound(what: string, id: string): ServiceError {
  return new ServiceError('NOT_FOUND', `No ${what} ${JSON.stringify(id)}.`);
}

/**
 * Drops the projections and replays the registry log, then every session log it names. The
 * result must equal the tables the services maintained; a test holds it to that.
 */
export function rebuildGovernanceProjections(gov: Governance): void {
  const { db, store } = gov;
  db.transaction(() => {
    for (const t of GOVERNANCE_TABLES) db.prepare(`DELETE FROM ${t}`).run();
    const registry = readLog(store, REGISTRY_LOG);
    for (const e of registry) projectEvent(db, e);
    const ids = db.prepare('SELECT id FROM gov_sessions ORDER BY created_at, day, day_no').pluck().all() as string[];
    for (const id of ids) for (const e of readLog(store, sessionLogId(id))) projectEvent(db, e);
  })();
}

/**
 * Signs the session log's checkpoint and records it in the registry (so a deleted or replaced
 * session log is detectable), unless the last checkpoint already covers every event.
 */
export function sealSessionLog(gov: Governance, sessionId: string): void {
  const log = sessionLogId(sessionId);
  const size = gov.store.size(log);
  const last = gov.store.checkpoints(log).at(-1);
  if (size === 0 || (last && last.size === size && isRecorded(gov, log, size))) return;
  recordSessionCheckpoint(gov.store, sessionId, gov.now());
}

function isRecorded(gov: Governance, log: string, size: number): boolean {
  // The registry is small next to the session logs; a scan from its tail finds the newest record quickly.
  const events = readLog(gov.store, REGISTRY_LOG);
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    const p = e.type === SESSION_CHECKPOINT_EVENT ? readGovernancePayload(SESSION_CHECKPOINT_EVENT, e.payload) : null;
    if (p && p.log === log) return p.size === size;
  }
  return false;
}
