import type { VerificationReport } from '../../../src-shared/audit/verification-result';
import type { Db } from '../../store/database';
import { MerkleFrontier } from '../../store/merkle';
import type { VerifiedState } from './verify-log';

/** What the last successful verification of a log established (null: never verified, start from genesis). */
export function loadVerifiedState(db: Db, log: string): VerifiedState | null {
  const row = db
    .prepare<[string], { size: number; tip_hash: string; frontier: string }>(
      'SELECT size, tip_hash, frontier FROM audit_verified WHERE log = ?',
    )
    .get(log);
  if (!row) return null;
  try {
    return { size: row.size, tipHash: row.tip_hash, frontier: MerkleFrontier.deserialize(row.size, row.frontier) };
  } catch {
    return null; // a damaged cache only costs a full pass
  }
}

export function saveVerifiedState(db: Db, log: string, s: VerifiedState, at: string): void {
  db.prepare(
    `INSERT INTO audit_verified (log, size, tip_hash, frontier, verified_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (log) DO UPDATE SET size = excluded.size, tip_hash = excluded.tip_hash, frontier = excluded.frontier, verified_at = excluded.verified_at`,
  ).run(log, s.size, s.tipHash, s.frontier.serialize(), at);
}

export function recordVerificationRun(db: Db, report: VerificationReport, at: string): void {
  const f = report.failures[0] ?? null;
  db.prepare(
    `INSERT INTO audit_verification_runs (at, mode, ok, logs, events_checked, failed_check, failed_log, failed_seq, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    at,
    report.mode,
    report.ok ? 1 : 0,
    report.logs.length,
    report.eventsChecked,
    f?.check ?? null,
    f?.log ?? null,
    f?.seq ?? null,
    f?.detail ?? null,
  );
}

export interface LastVerification {
  at: string;
  mode: 'full' | 'incremental';
  ok: boolean;
  logs: number;
  eventsChecked: number;
  failedCheck: string | null;
  failedLog: string | null;
  failedSeq: number | null;
  detail: string | null;
}

/** The latest recorded verification run, or null (also when the audit tables do not exist yet). */
export function lastVerification(db: Db): LastVerification | null {
  const has = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_verification_runs'").get();
  if (!has) return null;
  const r = db
    .prepare<
      [],
      {
        at: string;
        mode: 'full' | 'incremental';
        ok: number;
        logs: number;
        events_checked: number;
        failed_check: string | null;
        failed_log: string | null;
        failed_seq: number | null;
        detail: string | null;
      }
    >('SELECT * FROM audit_verification_runs ORDER BY id DESC LIMIT 1')
    .get();
  if (!r) return null;
  return {
    at: r.at,
    mode: r.mode,
    ok: r.ok === 1,
    logs: r.logs,
    eventsChecked: r.events_checked,
    failedCheck: r.failed_check,
    failedLog: r.failed_log,
    failedSeq: r.failed_seq,
    detail: r.detail,
  };
}
