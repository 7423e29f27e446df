import { describe, expect, it } from 'vitest';
import { parsePipelineEvent } from '../../../src-shared/events/catalog';
import { GOV_EVENT, isOperatorRequest } from '../../../src-shared/governance/governance-event-types';

/**
 * One name per meaning: governance records an operator's request as `operator.requested`, the runner
 * records what it applied as `operator.action`. Logs from before the split carry the request as
 * `operator.action` with `actionId`; they still read as requests (projection and replay use this test's predicate).
 */
describe('operator requests and applied actions', () => {
  const request = { actionId: 'O-1234', sessionId: 'S-20261201-1', kind: 'halt', operator: 'ana', reason: 'r', delivered: true };
  const applied = { action_id: 'O-1234', kind: 'halt', reason: 'r', requested_at: '2026-12-01T00:50:00.000Z' };

  it('tells them apart by name, and by shape in logs written before the name existed', () => {
    expect(GOV_EVENT.operatorRequested).toBe('operator.requested');
    expect(isOperatorRequest({ type: 'operator.requested', payload: request })).toBe(true);
    expect(isOperatorRequest({ type: 'operator.action', payload: request })).toBe(true);
    expect(isOperatorRequest({ type: 'operator.action', payload: applied })).toBe(false);
  });

  it('the catalog describes the applied action only', () => {
    expect(parsePipelineEvent('operator.action', applied).ok).toBe(true);
    expect(parsePipelineEvent('operator.action', request).ok).toBe(false);
  });
});
