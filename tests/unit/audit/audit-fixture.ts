import path from 'node:path';
import { REGISTRY_LOG } from '../../../src-shared/audit/audit-envelope';
import type { PipelineEvent } from '../../../src-shared/events/pipeline-event';
import { governanceEvent } from '../../../src-shared/events/governance-catalog';
import { openAuditStore, type AuditStore } from '../../../src-main/store/audit-log';
import { openDatabase, type Db } from '../../../src-main/store/database';
import { makeTempDir } from '../../support/temp-dir';

export const ORIGIN = 'papertape.test/ws-0001';
export const T0 = Date.parse('2026-12-16T01:45:00.000Z');

export interface Fixture {
  dir: string;
  file: string;
  db: Db;
  store: AuditStore;
  reopen(): AuditStore;
  cleanup(): void;
}

/** A real SQLite file and key folder in a temp dir, with a manual clock. */
export function auditFixture(): Fixture {
  const { dir, cleanup } = makeTempDir('papertape-audit-');
  const file = path.join(dir, 'papertape.db');
  let now = T0;
  const clock = () => (now += 1000);
  const open = () => {
    const db = openDatabase(file);
    return openAuditStore(db, { keyDir: path.join(dir, 'keys'), origin: ORIGIN, clock });
  };
  const fx: Fixture = {
    dir,
    file,
    db: null as unknown as Db,
    store: null as unknown as AuditStore,
    reopen() {
      fx.db?.close();
      fx.store = open();
      fx.db = fx.store.db;
      return fx.store;
    },
    cleanup() {
      fx.db?.close();
      cleanup();
    },
  };
  fx.reopen();
  return fx;
}

/** n deterministic events starting at index `from`. */
export function events(n: number, from = 0): PipelineEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    type: 'market.quote',
    ts: new Date(T0 + (from + i) * 250).toISOString(),
    actor: 'system',
    payload: { bid: 23000 + ((from + i) % 17), ask: 23001 + ((from + i) % 17), contract: 'TXF202612', note: `step ${from + i}` },
  }));
}

/**
 * Records a session in the registry as the session service does (session.created, then the
 * transitions up to `status`), so verification accepts its log: a log the registry never created is a forgery.
 */
export function registerSession(store: AuditStore, sessionId: string, status: 'scheduled' | 'running' | 'completed' = 'running'): void {
  const ts = new Date(T0).toISOString();
  const moves =
    status === 'scheduled'
      ? []
      : status === 'running'
        ? [['scheduled', 'running', 'start']]
        : [
            ['scheduled', 'running', 'start'],
            ['running', 'completed', 'complete'],
          ];
  store.append(REGISTRY_LOG, null, [
    sessionCreatedEvent(sessionId, ts),
    ...moves.map(([from, to, action]) => ({
      ...governanceEvent('session.transitioned', 'operator:ana', {
        sessionId,
        from: from as 'scheduled' | 'running',
        to: to as 'running' | 'completed',
        action: action as 'start' | 'complete',
        reason: null,
      }),
      ts,
    })),
  ]);
}

/** A `session.created` in the governance catalog's shape, as the session service writes it (a minimal spec). */
export function sessionCreatedEvent(sessionId: string, ts: string, actor = 'operator:ana'): PipelineEvent {
  const spec = { version: 1, name: 'fixture', lane: 'paper_research', mode: 'paper' };
  return {
    ...governanceEvent('session.created', actor, {
      sessionId,
      day: ts.slice(0, 10).replaceAll('-', ''),
      dayNo: 1,
      lane: 'paper_research',
      owner: actor.replace(/^operator:/, ''),
      specHash: '0'.repeat(64),
      spec,
      strategyId: null,
      dataFingerprints: [],
      codeVersion: 'test',
      requiresApproval: false,
      log: `session/${sessionId}`,
    }),
    ts,
  };
}
