import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ensureDataDir } from './data-dir';
import { databasePath, LATEST_SCHEMA_VERSION, openDatabase, schemaVersion } from '../store/database';
import { openWorkstationAuditStore, storedOrigin, workstationKeyFor } from '../store/workstation-audit';
import { keyHistory } from '../store/signing-key/key-history';
import { cliSigningKeyStoreOf } from './signing-key/safe-storage-key-store';
import type { SigningKeyStore } from '../store/signing-key/signing-key-store';
import { describeFailure, unacknowledgedFailure } from './verification/finding-acknowledgement';
import { lastVerification } from './verification/verification-state';

export interface DoctorCheck {
  name: string;
  ok: boolean;
  /** A check that may fail without making the workstation unusable (e.g. Chromium for e2e tests). */
  optional: boolean;
  detail: string;
}

export interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
}

const MIN_NODE_MAJOR = 22;

const CHROMIUM_CANDIDATES: Record<string, string[]> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'],
  darwin: ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
  win32: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'],
};

export function findChromium(env: Record<string, string | undefined> = process.env, platform: string = process.platform): string | null {
  const candidates = [env.PAPERTAPE_CHROMIUM, ...(CHROMIUM_CANDIDATES[platform] ?? [])].filter((c): c is string => !!c);
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

/** Each check runs on its own, so one failure does not hide the others. */
export function runDoctor(dataDir: string, keyStore: (dataDir: string) => SigningKeyStore = cliSigningKeyStoreOf): DoctorReport {
  const checks: DoctorCheck[] = [];
  const major = Number(process.versions.node.split('.')[0]);
  checks.push({
    name: 'node',
    ok: major >= MIN_NODE_MAJOR,
    optional: false,
    detail:
      major >= MIN_NODE_MAJOR
        ? `Node ${process.versions.node}`
        : `Node ${process.versions.node} is too old: Papertape needs ${MIN_NODE_MAJOR} or newer`,
  });
  checks.push(
    attempt('better-sqlite3', false, () => {
      const mem = new Database(':memory:');
      try {
        const v = (mem.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
        return `loads; SQLite ${v}`;
      } finally {
        mem.close();
      }
    }),
  );
  const dirCheck = attempt('data directory', false, () => `${ensureDataDir(dataDir)} is writable`);
  checks.push(dirCheck);
  checks.push(
    dirCheck.ok
      ? attempt('schema', false, () => {
          const db = openDatabase(databasePath(dataDir), { quickCheck: true });
          try {
            return `version ${schemaVersion(db)} of ${LATEST_SCHEMA_VERSION} at ${path.basename(databasePath(dataDir))}, SQLite quick_check ok`;
          } finally {
            db.close();
          }
        })
      : { name: 'schema', ok: false, optional: false, detail: 'skipped: the data directory is not usable' },
  );
  if (dirCheck.ok && fs.existsSync(databasePath(dataDir))) checks.push(...storeChecks(dataDir, keyStore));
  const chromium = findChromium();
  checks.push({
    name: 'chromium',
    ok: chromium !== null,
    optional: true,
    detail: chromium
      ? `found at ${chromium} (used by the end-to-end tests)`
      : 'not found (only needed for the end-to-end tests; set PAPERTAPE_CHROMIUM)',
  });
  return { ok: checks.every((c) => c.ok || c.optional), checks };
}

/** The signing key the store was signed with, and the last verification: a workstation that fails either is not all well. */
function storeChecks(dataDir: string, keyStore: (dataDir: string) => SigningKeyStore): DoctorCheck[] {
  const db = openDatabase(databasePath(dataDir));
  try {
    const key = attempt('signing key', false, () => {
      if (storedOrigin(db) === null) return 'not created yet (created with the first session)';
      const k = workstationKeyFor(db, keyStore(dataDir));
      const history = keyHistory(db);
      if (history.length === 0)
        return `present, fingerprint ${k.fingerprint.slice(0, 16)}, matches the store's origin (recorded in the registry on the next session)`;
      const current = history.at(-1)!;
      const replaced = history.length > 1 ? `; replaces ${history.length - 1} earlier key(s), see papertape key history` : '';
      return `present, key ${current.ordinal} (fingerprint ${k.fingerprint.slice(0, 16)}), the one the registry recorded${replaced}`;
    });
    const audit = attempt('audit', false, () => {
      const last = lastVerification(db);
      if (!last) return 'not verified yet (papertape verify)';
      if (last.ok) return `last verification ${last.at} (${last.mode}) passed`;
      const store = openWorkstationAuditStore(db, dataDir, () => Date.now(), keyStore(dataDir));
      if (unacknowledgedFailure(store))
        throw new Error(`last verification ${last.at} failed: ${describeFailure(last)}; new sessions are refused until it is acknowledged`);
      return `last verification ${last.at} failed (${describeFailure(last)}); acknowledged, new sessions allowed`;
    });
    return key.ok ? [key, audit] : [key];
  } finally {
    db.close();
  }
}

function attempt(name: string, optional: boolean, fn: () => string): DoctorCheck {
  try {
    return { name, ok: true, optional, detail: fn() };
  } catch (err) {
    return { name, ok: false, optional, detail: err instanceof Error ? err.message : String(err) };
  }
}
