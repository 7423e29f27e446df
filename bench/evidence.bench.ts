import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sessionLogId } from '../src-shared/audit/audit-envelope';
import type { PipelineEvent } from '../src-shared/events/pipeline-event';
import { createAppContext } from '../src-main/app-context';
import { runSpecFromObject } from '../src-main/pipeline/runner/run-spec';
import { clockFor, prepareSession } from '../src-main/pipeline/runner/session-setup';
import { runSession } from '../src-main/pipeline/runner/session-runner';
import { exportBundle } from '../src-main/services/evidence/export-bundle';
import { verifyBundleDir } from '../src-main/services/evidence/verify-bundle';
import { replaySession } from '../src-main/services/replay/replay-session';
import { governanceOf } from '../src-main/services/sessions/governance';
import { createSession } from '../src-main/services/sessions/session-service';
import { loadOrCreateWorkstationKey } from '../src-main/store/signing-key/workstation-key';
import { createSqliteSink } from '../src-main/store/sqlite-sink';
import { parse } from 'yaml';
import { startBenchSession } from './lib/bench-session';
import { envInt, report } from './lib/report';

// N events (PAPERTAPE_BENCH_EVENTS, default 200,000 so the default run stays near two minutes) for export and
// verification, each against sha256sum over the same files; verify.py events/s; replay vs the original backtest.
const N = envInt('PAPERTAPE_BENCH_EVENTS', 200_000);
const T0 = Date.UTC(2026, 11, 16, 0, 45);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'papertape-evidence-bench-'));

function secs(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

async function asecs(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function sha256sumSecs(dir: string, files: string[]): number {
  return secs(() => {
    const r = spawnSync(
      'sha256sum',
      files.map((f) => path.join(dir, f)),
    );
    if (r.status !== 0) throw new Error('sha256sum failed');
  });
}

async function exportAndVerify(): Promise<void> {
  const dataDir = path.join(root, 'large');
  fs.mkdirSync(dataDir);
  const s = startBenchSession(dataDir, T0);
  const store = s.gov.store;
  const key = loadOrCreateWorkstationKey(s.ctx.signingKeyStore);
  const log = s.log;
  for (let i = 0; i < N; i += 10) {
    const step: PipelineEvent[] = [];
    for (let k = i; k < Math.min(N, i + 10); k++) {
      step.push({
        type: 'market.quote',
        ts: new Date(T0 + k).toISOString(),
        actor: 'system',
        payload: { contract: 'TX 202612', bid: 23000 + (k % 17), ask: 23001 + (k % 17) },
      });
    }
    store.append(log, s.sessionId, step);
  }
  s.finish();
  const out = path.join(root, 'bundle');
  let files: string[] = [];
  const exportS = await asecs(async () => {
    const r = await exportBundle(store, {
      sessionId: s.sessionId,
      outDir: out,
      privateKey: key.privateKey,
      clock: () => T0,
      codeVersion: 'bench',
      includeData: false,
    });
    files = r.files.filter((f) => fs.statSync(path.join(out, f)).isFile());
  });
  s.ctx.close();
  const shaS = sha256sumSecs(out, files);
  report(`export ${N} events`, exportS, 's', { value: shaS, name: 'sha256sum of the bundle files', higherIsBetter: false });
  let ok = false;
  const verifyS = secs(() => (ok = verifyBundleDir(out).ok));
  if (!ok) throw new Error('bundle did not verify');
  report(`verify bundle of ${N} events`, verifyS, 's', { value: shaS, name: 'sha256sum of the bundle files', higherIsBetter: false });
  const py = spawnSync('python3', ['--version']);
  if (py.status === 0) {
    const pyS = secs(() => spawnSync('python3', [path.join(out, 'verify.py'), out], { encoding: 'utf8' }));
    report('verify.py', N / pyS, 'events/s');
  } else console.log('verify.py: skipped (no python3)');
}

async function replayVsOriginal(): Promise<void> {
  const dataDir = path.join(root, 'replay');
  let t = T0;
  const ctx = createAppContext({ dataDir, clock: () => new Date((t += 3)) });
  try {
    const spec = parse(fs.readFileSync('fixtures/specs/demo-research.yaml', 'utf8')) as Record<string, unknown>;
    const gen = JSON.parse(fs.readFileSync('fixtures/market/generator/three-contract-day.json', 'utf8')) as Record<string, unknown>;
    const full = { ...spec, data: { kind: 'generator', spec: gen }, window: { end: '2026-12-01T02:45:00.000Z' } };
    const sessionId = createSession(ctx, { spec: full as never, owner: 'bench' }).id;
    const loaded = runSpecFromObject(full, dataDir);
    const prepared = prepareSession(loaded, sessionId);
    const originalS = await asecs(() =>
      runSession({
        sessionId,
        spec: loaded.spec,
        specHash: loaded.specHash,
        ...prepared,
        sink: createSqliteSink(governanceOf(ctx).store),
        clock: clockFor(loaded.spec),
        codeVersion: 'bench',
      }),
    );
    let status = '';
    const replayS = await asecs(async () => (status = (await replaySession({ kind: 'store', ctx, sessionId })).status));
    if (status !== 'identical') throw new Error(`replay ${status}`);
    const size = governanceOf(ctx).store.size(sessionLogId(sessionId));
    report(`replay of a ${size}-event demo session`, replayS, 's', {
      value: originalS,
      name: 'the original backtest run',
      higherIsBetter: false,
    });
  } finally {
    ctx.close();
  }
}

try {
  await exportAndVerify();
  await replayVsOriginal();
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
