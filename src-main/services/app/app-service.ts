import type { AppHealth, AppInfo } from '../../../src-shared/contract';
import type { AppContext } from '../../app-context';
import { schemaVersion, sqliteVersion } from '../../store/database';
import { lastVerification } from '../verification/verification-state';

export function appInfo(ctx: AppContext): AppInfo {
  return {
    name: 'Papertape',
    version: ctx.version,
    buildId: ctx.buildId,
    dataDir: ctx.dataDir,
    mode: 'paper',
    platform: process.platform,
  };
}

/** Never throws: a store that cannot be opened is itself the health finding. */
export function appHealth(ctx: AppContext, now: () => Date = () => new Date()): AppHealth {
  const versions = { node: process.versions.node, electron: ctx.electronVersion, sqlite: null as string | null };
  try {
    const db = ctx.db();
    versions.sqlite = sqliteVersion(db);
    const audit = auditSummary(db);
    return {
      store: { reachable: true, path: ctx.dbPath, schemaVersion: schemaVersion(db), error: null },
      audit,
      versions,
      checkedAt: now().toISOString(),
    };
  } catch (err) {
    return {
      store: { reachable: false, path: ctx.dbPath, schemaVersion: null, error: (err as Error).message },
      audit: { status: 'failed', detail: 'The store cannot be opened, so the audit log cannot be checked.' },
      versions,
      checkedAt: now().toISOString(),
    };
  }
}

function auditSummary(db: ReturnType<AppContext['db']>): AppHealth['audit'] {
  const hasLog = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_events'").get();
  if (!hasLog) return { status: 'empty', detail: 'No events recorded yet.' };
  const row = db.prepare('SELECT COUNT(*) AS n FROM audit_events').get() as { n: number };
  if (row.n === 0) return { status: 'empty', detail: 'No events recorded yet.' };
  const last = lastVerification(db);
  if (last?.ok) {
    return {
      status: 'verified',
      detail: `${row.n} events recorded; last ${last.mode} verification at ${last.at} held (${last.eventsChecked} events read).`,
    };
  }
  if (last) {
    const where = `${last.failedCheck ?? 'unknown check'} in ${last.failedLog ?? '?'}${last.failedSeq === null ? '' : ` at seq ${last.failedSeq}`}`;
    return { status: 'failed', detail: `Last verification at ${last.at} failed: ${where}. Run papertape verify.` };
  }
  return { status: 'unverified', detail: `${row.n} events recorded; not verified in this run yet.` };
}
