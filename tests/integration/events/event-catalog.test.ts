import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sessionLogId } from '../../../src-shared/audit/audit-envelope';
import { GOV_EVENT } from '../../../src-shared/governance/governance-event-types';
import { parsePipelineEvent, PIPELINE_EVENT_TYPES } from '../../../src-shared/events/catalog';
import { createTradingCore } from '../../../src-main/pipeline/core/trading-core';
import { loadScenarioFile } from '../../../src-main/pipeline/scenario/load-scenario';
import { runScenario } from '../../../src-main/pipeline/scenario/run-scenario';
import { sampleSteps } from '../../../src-main/services/drills/scripted-runner';
import { emptyReportModel, foldReportEvent } from '../../../src-main/services/evidence/report-model';
import { governanceOf } from '../../../src-main/services/sessions/governance';
import { demoSpec, haltResumeOrder, recordSession, replayApp } from '../replay/replay-fixture';
import { demoSteps } from '../../e2e/view-fixture';

/**
 * Every event the pipeline writes parses with its schema in the event catalog: every scenario
 * fixture, a recorded demo session with operator actions (read back from the audit store), and the
 * drill runner's scripted steps. The catalog is also what docs/scenarios.md lists.
 */
const GOVERNANCE_TYPES = new Set<string>(Object.values(GOV_EVENT));
const SCENARIOS = path.resolve(import.meta.dirname, '../../../fixtures/scenarios');

type Logged = { type: string; payload: unknown; where: string };

async function everyLoggedEvent(): Promise<Logged[]> {
  const out: Logged[] = [];
  for (const f of fs.readdirSync(SCENARIOS).filter((n) => n.endsWith('.json'))) {
    for (const e of runScenario(loadScenarioFile(path.join(SCENARIOS, f))).events) out.push({ type: e.type, payload: e.payload, where: f });
  }
  const app = replayApp();
  try {
    const { sessionId } = await recordSession(app.ctx, demoSpec('2026-12-01T02:00:00.000Z'), haltResumeOrder());
    let governance = 0;
    for (const r of governanceOf(app.ctx).store.readEvents(sessionLogId(sessionId))) {
      const e = JSON.parse(r.canonical) as { type: string; payload: unknown };
      // Governance's own records in the session log (operator requests, approvals) are its vocabulary, not the pipeline's.
      if (GOVERNANCE_TYPES.has(e.type)) governance++;
      else out.push({ type: e.type, payload: e.payload, where: `demo session seq ${r.seq}` });
    }
    expect(governance).toBeGreaterThan(0);
  } finally {
    app.cleanup();
  }
  for (const step of sampleSteps()) for (const e of step) out.push({ type: e.type, payload: e.payload, where: 'drill runner' });
  // What the fixtures never provoke: a fill reported for an order the OMS does not know.
  const core = createTradingCore({
    mode: 'paper',
    sessionId: 'cat-1',
    startEquityCents: 1_000_000_000,
    contracts: [{ contract: 'TX 202612', prevSettlement: 23000 }],
  });
  const t0 = Date.UTC(2026, 11, 1, 1, 0);
  for (const e of core.injectFill({ fillId: 'F-X', orderId: 'O-999999', price: 23000, quantity: 1 }, t0)) out.push({ ...e, where: 'core' });
  return out;
}

describe('the event catalog', () => {
  it('every event of every fixture session, the recorded demo and the drill runner parses with its schema', async () => {
    const events = await everyLoggedEvent();
    expect(events.length).toBeGreaterThan(300);
    const problems = events.flatMap((e) => {
      const r = parsePipelineEvent(e.type, e.payload);
      return r.ok ? [] : [`${e.where}: ${r.problem}`];
    });
    expect(problems).toEqual([]);
    // The fixtures exercise nearly the whole catalog; what they do not is named here on purpose.
    const seen = new Set(events.map((e) => e.type));
    const unseen = PIPELINE_EVENT_TYPES.filter((t) => !seen.has(t));
    // Sessions with approvals and lane ceilings are parsed in tests/integration/session-execution/pipeline-runner.test.ts.
    expect(unseen).toEqual(['approval.released', 'approval.requested', 'intent.skipped', 'risk.check', 'session.lane_ceiling']);
  });

  it('the scripted steps the view tests and the e2e tests run are catalog events too', () => {
    const events = demoSteps('S-20261130-1', 'f'.repeat(64)).flat();
    expect(events.length).toBeGreaterThan(10);
    expect(events.flatMap((e) => (parsePipelineEvent(e.type, e.payload).ok ? [] : [parsePipelineEvent(e.type, e.payload)]))).toEqual([]);
  });

  it('refuses what it does not describe: an unknown type, a missing field, an extra field, a float price', () => {
    expect(parsePipelineEvent('broker.teleport', {})).toEqual({ ok: false, problem: 'event type "broker.teleport" is not in the catalog' });
    const ack = { order_id: 'O-000001', queue_ahead: null, arrival_mid: '23000.5' };
    expect(parsePipelineEvent('broker.ack', ack).ok).toBe(true);
    expect(parsePipelineEvent('broker.ack', { order_id: 'O-000001', queue_ahead: null })).toMatchObject({ ok: false });
    expect(parsePipelineEvent('broker.ack', { ...ack, venue: 'live' })).toMatchObject({ ok: false });
    expect(parsePipelineEvent('broker.ack', { ...ack, arrival_mid: 23000.5 })).toMatchObject({ ok: false });
    expect(parsePipelineEvent('risk.state', { from: 'ACTIVE', to: 'LIVE', reason: 'X' })).toMatchObject({ ok: false });
  });

  it('docs/scenarios.md lists exactly the catalogued event types', () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../../docs/scenarios.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Output and event types'), doc.indexOf('\n## ', doc.indexOf('## Output and event types') + 1));
    const listed = [...new Set([...section.matchAll(/`([a-z]+\.[a-z_]+)`/g)].map((m) => m[1]))].sort();
    expect(listed).toEqual([...PIPELINE_EVENT_TYPES].sort());
  });

  it('the evidence report reads risk decisions as the core writes them (verdict and per-check reasons), not as "(unknown)"', async () => {
    const events = (await everyLoggedEvent()).filter((e) => e.where.startsWith('demo session'));
    const m = emptyReportModel();
    events.forEach((e, seq) => foldReportEvent(m, seq, { ts: '2026-12-01T00:00:00.000Z', type: e.type, payload: e.payload as never }));
    const decisions = events.filter((e) => e.type === 'risk.decision').length;
    expect(decisions).toBeGreaterThan(0);
    expect([...m.riskDecisions.keys()].every((k) => ['ALLOW', 'REDUCE', 'DENY'].includes(k))).toBe(true);
    expect([...m.riskDecisions.values()].reduce((a, b) => a + b, 0)).toBe(decisions);
    expect(m.offCatalog.size).toBe(0);
    expect(m.fillCount).toBe(events.filter((e) => e.type === 'broker.fill').length);
  });
});
