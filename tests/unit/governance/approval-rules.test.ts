import { describe, expect, it } from 'vitest';
import { applyReviewDecision, initialApprovalStatus, type StageDecision } from '../../../src-shared/governance/approval-rules';

const research: StageDecision = { stage: 'research', reviewer: 'Ann', outcome: 'approved', reason: 'ok', ts: 't' };

describe('approval order', () => {
  it('starts waiting for the research review', () => {
    expect(initialApprovalStatus()).toBe('pending_research');
  });

  it('research approved then risk approved releases the intent', () => {
    const a = applyReviewDecision('pending_research', [], research);
    expect(a).toEqual({ ok: true, status: 'pending_risk' });
    const b = applyReviewDecision('pending_risk', [research], { stage: 'risk', reviewer: 'Bo', outcome: 'approved', reason: 'ok' });
    expect(b).toEqual({ ok: true, status: 'released' });
  });

  it('refuses a risk review before the research review', () => {
    const r = applyReviewDecision('pending_research', [], { stage: 'risk', reviewer: 'Bo', outcome: 'approved', reason: 'x' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('CONFLICT');
      expect(r.reason).toMatch(/^OUT_OF_ORDER_REVIEW: stage=risk, due=research/);
    }
  });

  it('refuses a second research review', () => {
    const r = applyReviewDecision('pending_risk', [research], { stage: 'research', reviewer: 'Cy', outcome: 'approved', reason: 'x' });
    expect(r).toMatchObject({ ok: false, code: 'CONFLICT' });
    if (!r.ok) expect(r.reason).toContain('cannot be recorded after the risk review');
  });

  it.each(['rejected', 'needs_data_review'] as const)('a %s research outcome closes the review', (outcome) => {
    const r = applyReviewDecision('pending_research', [], { stage: 'research', reviewer: 'Ann', outcome, reason: 'x' });
    expect(r).toEqual({ ok: true, status: outcome });
    const after = applyReviewDecision(outcome, [{ ...research, outcome }], {
      stage: 'risk',
      reviewer: 'Bo',
      outcome: 'approved',
      reason: 'x',
    });
    expect(after).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('a rejection at risk stage is final and not released', () => {
    expect(applyReviewDecision('pending_risk', [research], { stage: 'risk', reviewer: 'Bo', outcome: 'rejected', reason: 'x' })).toEqual({
      ok: true,
      status: 'rejected',
    });
  });

  it('refuses the same reviewer for both stages', () => {
    const r = applyReviewDecision('pending_risk', [research], { stage: 'risk', reviewer: 'Ann', outcome: 'approved', reason: 'x' });
    expect(r).toMatchObject({ ok: false, code: 'REFUSED' });
  });
});
