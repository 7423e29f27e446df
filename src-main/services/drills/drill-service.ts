import { readGovernancePayload } from '../../../src-shared/events/governance-catalog';
import { pipelineEvent } from '../../../src-shared/events/catalog';
import fs from 'node:fs';
import path from 'node:path';
import { isoMillis, type PipelineEvent } from '../../../src-shared/events/pipeline-event';
import { INTERRUPTED_REASON } from '../../../src-shared/governance/governance-event-types';
import { FAIL_CLOSED_LANE_CONFIG, type LaneConfig } from '../../../src-shared/governance/lanes';
import { checkQuoteAge } from '../../../src-shared/risk/market-checks';
import type { AppContext } from '../../app-context';
import { openWorkstationContext } from '../workstation-context';
import { createSqliteSink } from '../../store/sqlite-sink';
import { configureLane } from '../lanes/lane-service';
import { evaluatePromotionFor } from '../promotion/promotion-service';
import { governanceOf, sessionLogId } from '../sessions/governance';
import { listIncidents } from '../sessions/incidents';
import { readLog } from '../sessions/log-reader';
import { setSessionRunner } from '../sessions/session-runner-port';
import { startSession } from '../sessions/session-runs';
import { createSession, getSession } from '../sessions/session-service';
import { verifyAudit } from '../verification/verify-audit';
import { check, type DrillCheck, type DrillName, type DrillReport } from './drill-report';
import { sampleSteps, scriptedRunner } from './scripted-runner';

/** Drills run on their own scratch data directory inside the data dir: the user's sessions are never touched. */
function drillWorkDir(dataDir: string, drill: DrillName): string {
  const root = path.join(dataDir, 'drills');
  fs.mkdirSync(root, { recursive: true });
  const n = fs.readdirSync(root).filter((f) => f.startsWith(drill + '-')).length + 1;
  const dir = path.join(root, `${drill}-${n}`);
  fs.mkdirSync(dir);
  return dir;
}

/** Fixed start and one second per reading, so every drill writes the same events on every machine. */
function drillClock(startMs: number): () => Date {
  let t = startMs;
  return () => new Date((t += 1000));
}

const DRILL_START = Date.parse('2026-12-16T01:00:00.000Z');
const SPEC = {
  version: 1,
  name: 'drill',
  lane: 'paper_research',
  mode: 'paper',
  owner: 'drill',
  strategy: { kind: 'drill', params: {} },
  seed: 1,
};

const DRILL_LANE: LaneConfig = {
  ...FAIL_CLOSED_LANE_CONFIG,
  riskEnvelope: { ...FAIL_CLOSED_LANE_CONFIG.riskEnvelope, maxQuoteAgeMs: 2000, maxPositionContracts: 2, maxOpenOrders: 2 },
  paperCapitalCents: 100_000_000,
  promotionCriteria: { minCompletedSessions: 0, minFills: 0, maxDrawdownBps: 10_000, maxUnresolvedBreaks: 0, maxAbortedSessions: 10 },
};

function openCtx(dir: string, startMs: number): AppContext {
  return openWorkstationContext({ dataDir: dir, clock: drillClock(startMs) });
}

function verified(ctx: AppContext): DrillCheck {
  const report = verifyAudit(governanceOf(ctx).store);
  const first = report.failures[0];
  return check(
    'audit log verifies',
    report.ok,
    report.ok ? `${report.eventsChecked} events, chain, Merkle roots and checkpoints hold` : `${first?.check}: ${first?.detail}`,
  );
}

/**
 * Runs a session whose runner writes `steps` and then never returns, closes the database as a
 * killed process would leave it, and reopens: the reopen is where recovery must act.
 */
async function crashAndReopen(dir: string, steps: PipelineEvent[][], out: string[]): Promise<{ ctx: AppContext; sessionId: string }> {
  const first = openCtx(dir, DRILL_START);
  setSessionRunner(first, scriptedRunner({ steps, hang: true }));
  configureLane(first, { lane: 'paper_research', config: DRILL_LANE, actor: 'drill', reason: 'drill lane' });
  const s = createSession(first, { spec: SPEC, owner: 'drill' });
  startSession(first, s.id, 'drill');
  await new Promise((r) => setImmediate(r));
  out.push(
    `started ${s.id}; the runner wrote ${steps.flat().length} events in ${steps.length} steps, then the process "died" (database closed, session still running)`,
  );
  first.close();
  const second = openCtx(dir, DRILL_START + 3_600_000);
  governanceOf(second);
  out.push('reopened the data directory: recovery ran on open');
  return { ctx: second, sessionId: s.id };
}

async function restartRecovery(dir: string, steps: string[]): Promise<DrillCheck[]> {
  const { ctx, sessionId } = await crashAndReopen(dir, sampleSteps(), steps);
  try {
    const s = getSession(ctx, sessionId).session;
    const log = readLog(governanceOf(ctx).store, sessionLogId(sessionId));
    const checked = log.find((e) => e.type === 'reconciliation.checked');
    const fills = log.filter((e) => e.type === 'broker.fill').length;
    return [
      check(
        'session marked aborted (interrupted)',
        s.status === 'aborted' && (s.statusReason ?? '').startsWith(INTERRUPTED_REASON),
        `status=${s.status}, reason=${s.statusReason}`,
      ),
      check(
        'no committed event lost',
        fills === 2 && log.length >= 6,
        `${log.length} events in ${sessionLogId(sessionId)}, ${fills} fills`,
      ),
      check(
        'portfolio rebuilt from fills matches the snapshot',
        (checked ? readGovernancePayload('reconciliation.checked', checked.payload)?.breaks : undefined) === 0,
        `reconciliation.checked breaks=${String(checked?.payload.breaks)}`,
      ),
      check(
        'no reconciliation incident',
        listIncidents(ctx, { sessionId }).every((i) => i.kind !== 'reconciliation_break'),
        'incidents: ' +
          listIncidents(ctx)
            .map((i) => i.detail)
            .join('; '),
      ),
      verified(ctx),
    ];
  } finally {
    ctx.close();
  }
}

async function reconciliationMismatch(dir: string, steps: string[]): Promise<DrillCheck[]> {
  steps.push('fault: the last portfolio snapshot says 3 TX 202612 while the fills add up to 2');
  const { ctx, sessionId } = await crashAndReopen(dir, sampleSteps({ snapshotQuantity: 3 }), steps);
  try {
    const breaks = readLog(governanceOf(ctx).store, sessionLogId(sessionId)).filter((e) => e.type === 'reconciliation.break');
    const incidents = listIncidents(ctx, { sessionId, status: 'open' }).filter((i) => i.kind === 'reconciliation_break');
    const strategyId = getSession(ctx, sessionId).session.strategyId ?? '';
    const promo = evaluatePromotionFor(ctx, { strategyId }).evaluation.results.find((r) => r.criterion === 'maxUnresolvedBreaks');
    return [
      check(
        'break recorded in the session log',
        breaks.length === 1 &&
          readGovernancePayload('reconciliation.break', breaks[0]!.payload)?.contract === 'TX 202612' &&
          readGovernancePayload('reconciliation.break', breaks[0]!.payload)?.fromFills === 2 &&
          readGovernancePayload('reconciliation.break', breaks[0]!.payload)?.fromSnapshot === 3,
        breaks.map((b) => JSON.stringify(b.payload)).join('; ') || 'none',
      ),
      check('open incident shown', incidents.length === 1, incidents.map((i) => i.detail).join('; ') || 'none'),
      check('promotion blocked while the break is unresolved', promo?.pass === false, promo?.reason ?? 'no result'),
      verified(ctx),
    ];
  } finally {
    ctx.close();
  }
}

/**
 * The pipeline's stale-quote rule (src-shared/risk/market-checks) at its edges, with each decision
 * written to a drill session's log through the real sink: age = max allows, max + 1 denies.
 */
async function staleData(dir: string, steps: string[]): Promise<DrillCheck[]> {
  const ctx = openCtx(dir, DRILL_START);
  try {
    configureLane(ctx, { lane: 'paper_research', config: DRILL_LANE, actor: 'drill', reason: 'drill lane' });
    const s = createSession(ctx, { spec: SPEC, owner: 'drill' });
    const max = DRILL_LANE.riskEnvelope.maxQuoteAgeMs;
    const receiveTs = DRILL_START;
    const cases = [
      { label: 'fresh quote (age = max)', now: receiveTs + max },
      { label: 'stale quote (age = max + 1)', now: receiveTs + max + 1 },
      { label: 'feed stopped (age = 60 s)', now: receiveTs + 60_000 },
    ];
    const results = cases.map((c) => ({ ...c, r: checkQuoteAge(receiveTs, c.now, max) }));
    const zero = checkQuoteAge(receiveTs, receiveTs, 0);
    const sink = createSqliteSink(governanceOf(ctx).store);
    for (const x of results) {
      steps.push(`fault: ${x.label} -> ${x.r.verdict}${x.r.reason ? ` (${x.r.reason})` : ''}`);
      sink.appendStep(s.id, [
        pipelineEvent('risk.check', isoMillis(x.now), 'risk', {
          check: x.r.check,
          verdict: x.r.verdict,
          quantity: x.r.quantity,
          reason: x.r.reason,
          inputs: x.r.inputs,
        }),
      ]);
    }
    steps.push(`limit configured as 0 -> ${zero.verdict} (${zero.reason})`);
    const logged = readLog(governanceOf(ctx).store, sessionLogId(s.id)).filter((e) => e.type === 'risk.check');
    return [
      check('age equal to the maximum is allowed', results[0]!.r.verdict === 'ALLOW', String(results[0]!.r.reason ?? 'ALLOW')),
      check(
        'one millisecond older is denied STALE_QUOTE',
        results[1]!.r.reason === `STALE_QUOTE: age_ms=${max + 1}, max_ms=${max}`,
        String(results[1]!.r.reason),
      ),
      check('a stopped feed is denied', results[2]!.r.verdict === 'DENY', String(results[2]!.r.reason)),
      check('max age 0 fails closed', zero.reason === 'LIMIT_IS_ZERO: limit=maxQuoteAgeMs', String(zero.reason)),
      check('every decision is in the session log', logged.length === 3, `${logged.length} risk.check events`),
      verified(ctx),
    ];
  } finally {
    ctx.close();
  }
}

const DRILLS: Record<DrillName, (dir: string, steps: string[]) => Promise<DrillCheck[]>> = {
  'stale-data': staleData,
  'reconciliation-mismatch': reconciliationMismatch,
  'restart-recovery': restartRecovery,
};

export async function runDrill(dataDir: string, drill: DrillName): Promise<DrillReport> {
  const workDir = drillWorkDir(dataDir, drill);
  const steps: string[] = [`scratch data directory ${workDir}`];
  const checks = await DRILLS[drill](workDir, steps);
  return { drill, ok: checks.every((c) => c.ok), workDir, steps, checks };
}
