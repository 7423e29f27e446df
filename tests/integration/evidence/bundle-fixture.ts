import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, sign } from 'node:crypto';
import { sessionLogId } from '../../../src-shared/audit/audit-envelope';
import type { PipelineEvent } from '../../../src-shared/events/pipeline-event';
import { sha256File } from '../../../src-main/services/evidence/sha256-sums';
import { exportBundle, type ExportBundleOptions, type ExportResult } from '../../../src-main/services/evidence/export-bundle';
import { fileSigningKeyStore } from '../../../src-main/store/signing-key/signing-key-store';
import { loadOrCreateWorkstationKey, type WorkstationKey } from '../../../src-main/store/signing-key/workstation-key';
import type { AuditStore } from '../../../src-main/store/audit-log';
import { databasePath, openDatabase, type Db } from '../../../src-main/store/database';
import { keyDirOf, openWorkstationAuditStore } from '../../../src-main/store/workstation-audit';
import { registerSession } from '../../unit/audit/audit-fixture';
import { fillEvent, positionUpdate } from '../../../src-main/services/drills/scripted-runner';

export const SESSION = '20261216-001';
export const FIXED_CLOCK = () => Date.UTC(2026, 11, 16, 6, 0, 0);

export interface Workstation {
  dataDir: string;
  db: Db;
  store: AuditStore;
  key: WorkstationKey;
  close(): void;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function openWorkstation(dataDir = tempDir('pt-ws-')): Workstation {
  const db = openDatabase(databasePath(dataDir));
  const store = openWorkstationAuditStore(db, dataDir, FIXED_CLOCK);
  const key = loadOrCreateWorkstationKey(fileSigningKeyStore(keyDirOf(dataDir)));
  return { dataDir, db, store, key, close: () => db.close() };
}

/** A small deterministic session: quotes, decisions, OMS transitions, fills and portfolio updates. */
export function sessionEvents(steps: number): PipelineEvent[][] {
  const out: PipelineEvent[][] = [];
  const t0 = Date.UTC(2026, 11, 16, 0, 45, 0);
  let equity = 500_000_000;
  let held = 0;
  for (let i = 0; i < steps; i++) {
    const ts = new Date(t0 + i * 1000).toISOString();
    const step: PipelineEvent[] = [
      { type: 'market.quote', ts, actor: 'system', payload: { contract: 'TX 202612', bid: 23000 + (i % 7), ask: 23001 + (i % 7) } },
    ];
    if (i % 3 === 0) {
      step.push({
        type: 'risk.decision',
        ts,
        actor: 'risk',
        payload: { decision: i % 9 === 0 ? 'DENY' : 'ALLOW', reasons: i % 9 === 0 ? ['STALE_QUOTE: age_ms=2001, max_ms=2000'] : [] },
      });
      step.push({
        type: 'oms.transition',
        ts,
        actor: 'oms',
        payload: { order_id: `o${i}`, to: i % 9 === 0 ? 'DENIED' : 'FILLED', reason: i % 9 === 0 ? 'STALE_QUOTE: age_ms=2001' : '' },
      });
      if (i % 9 !== 0) {
        step.push({ ...fillEvent('TX 202612', 'BUY', 1, 23001, `F-${i}`), ts });
        held += 1;
      }
      equity += (i % 5) * 1000 - 1500;
      step.push({ ...positionUpdate('TX 202612', held, equity, `F-${i}`), ts });
    }
    out.push(step);
  }
  out.push([
    {
      type: 'operator.action',
      ts: new Date(t0 + steps * 1000).toISOString(),
      actor: 'operator:ana',
      payload: { kind: 'halt', reason: 'end of drill' },
    },
  ]);
  return out;
}

/** Registered as a running session first: only sessions the registry created are exported. */
export function recordSession(store: AuditStore, sessionId = SESSION, steps = 20): void {
  registerSession(store, sessionId, 'running');
  for (const step of sessionEvents(steps)) store.append(sessionLogId(sessionId), sessionId, step);
}

export async function exportFixture(ws: Workstation, outDir: string, extra: Partial<ExportBundleOptions> = {}): Promise<ExportResult> {
  return exportBundle(ws.store, {
    sessionId: SESSION,
    outDir,
    privateKey: ws.key.privateKey,
    clock: FIXED_CLOCK,
    codeVersion: 'test',
    runSpec: { version: 1, name: 'fixture', lane: 'paper_research', mode: 'paper' },
    data: { id: 'fixture-data', fingerprint: FIXTURE_DATA_SHA, lines: () => FIXTURE_DATA_LINES },
    ...extra,
  });
}

export const FIXTURE_DATA_LINES = ['{"kind":"quote","n":1}\n', '{"kind":"quote","n":2}\n'];
export const FIXTURE_DATA_SHA = createHash('sha256').update(FIXTURE_DATA_LINES.join('')).digest('hex');

/** Re-signs SHA256SUMS after a tamper, as someone holding the key would: deeper checks must still catch it. */
export function reseal(dir: string, key: WorkstationKey): void {
  const sums = fs
    .readdirSync(dir)
    .filter((f) => f !== 'SHA256SUMS' && f !== 'SHA256SUMS.sig')
    .sort()
    .map((f) => `${sha256File(path.join(dir, f))}  ${f}\n`)
    .join('');
  fs.writeFileSync(path.join(dir, 'SHA256SUMS'), sums);
  fs.writeFileSync(path.join(dir, 'SHA256SUMS.sig'), sign(null, Buffer.from(sums), key.privateKey));
}
