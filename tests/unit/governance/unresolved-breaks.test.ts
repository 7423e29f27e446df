import { describe, expect, it } from 'vitest';
import type { PipelineEvent } from '../../../src-shared/events/pipeline-event';
import { governanceEvent, type GovernanceEvent } from '../../../src-shared/events/governance-catalog';
import { unresolvedReconciliationBreaks } from '../../../src-shared/governance/unresolved-breaks';

// As recovery and incidents.resolve write them: built with the governance catalog's constructor.
const ev = (e: GovernanceEvent): PipelineEvent => ({ ...e, ts: '2026-12-16T01:00:00.000Z' });
const brk = (contract: string) =>
  ev(
    governanceEvent('reconciliation.break', 'system', {
      breakId: `B-${contract}`,
      sessionId: 'S-1',
      contract,
      fromFills: 2,
      fromSnapshot: 3,
    }),
  );
const opened = (incidentId: string, kind: 'reconciliation_break' | 'interrupted_session') =>
  ev(governanceEvent('incident.opened', 'system', { incidentId, sessionId: 'S-1', kind, detail: 'd' }));
const resolved = (incidentId: string) =>
  ev(
    governanceEvent('incident.resolved', 'operator:mei', {
      incidentId,
      sessionId: 'S-1',
      actor: 'mei',
      reason: 'checked',
      attribution: 'local',
    }),
  );

describe('unresolved reconciliation breaks', () => {
  it('counts each recorded break until its own incident is resolved', () => {
    const log = [brk('TX'), opened('I-1', 'reconciliation_break'), brk('MTX'), opened('I-2', 'reconciliation_break')];
    expect(unresolvedReconciliationBreaks(log)).toBe(2);
    expect(unresolvedReconciliationBreaks([...log, resolved('I-2')])).toBe(1);
    expect(unresolvedReconciliationBreaks([...log, resolved('I-2'), resolved('I-1')])).toBe(0);
  });

  it('is not lowered by resolving an incident of another kind, or one never opened', () => {
    const log = [opened('I-0', 'interrupted_session'), brk('TX'), opened('I-1', 'reconciliation_break')];
    expect(unresolvedReconciliationBreaks([...log, resolved('I-0'), resolved('I-9')])).toBe(1);
  });

  it('never goes below zero and is zero for a clean log', () => {
    expect(unresolvedReconciliationBreaks([])).toBe(0);
    expect(unresolvedReconciliationBreaks([opened('I-1', 'reconciliation_break'), resolved('I-1')])).toBe(0);
  });
});
