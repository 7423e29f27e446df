import { z } from 'zod';

/** Review happens in this order; a later stage may not decide before every earlier one approved. */
export const ReviewStage = z.enum(['research', 'risk']);
export type ReviewStage = z.infer<typeof ReviewStage>;
export const REVIEW_ORDER: readonly ReviewStage[] = ReviewStage.options;

export const ReviewOutcome = z.enum(['approved', 'rejected', 'needs_data_review']);
export type ReviewOutcome = z.infer<typeof ReviewOutcome>;

/** `pending_<stage>` waits for that stage; the rest are final. */
export const ApprovalStatus = z.enum(['pending_research', 'pending_risk', 'released', 'rejected', 'needs_data_review']);
export type ApprovalStatus = z.infer<typeof ApprovalStatus>;

export interface StageDecision {
  stage: ReviewStage;
  reviewer: string;
  outcome: ReviewOutcome;
  reason: string;
  ts: string;
}

export type DecisionCheck = { ok: true; status: ApprovalStatus } | { ok: false; code: 'CONFLICT' | 'REFUSED'; reason: string };

export function initialApprovalStatus(): ApprovalStatus {
  return `pending_${REVIEW_ORDER[0]!}` as ApprovalStatus;
}

export function isFinalApprovalStatus(status: ApprovalStatus): boolean {
  return !status.startsWith('pending_');
}

/**
 * Pure rule for one decision: which stage is due, and what the intent becomes. Any outcome other
 * than `approved` ends the review (the intent is never submitted); approval at the last stage releases it.
 */
export function applyReviewDecision(
  status: ApprovalStatus,
  prior: readonly StageDecision[],
  decision: Omit<StageDecision, 'ts'>,
): DecisionCheck {
  if (isFinalApprovalStatus(status)) {
    return { ok: false, code: 'CONFLICT', reason: `APPROVAL_CLOSED: status=${status}, stage=${decision.stage}` };
  }
  const due = status.slice('pending_'.length) as ReviewStage;
  if (decision.stage !== due) {
    const dueIndex = REVIEW_ORDER.indexOf(due);
    const askedIndex = REVIEW_ORDER.indexOf(decision.stage);
    const why = askedIndex > dueIndex ? 'before' : 'after';
    return {
      ok: false,
      code: 'CONFLICT',
      reason: `OUT_OF_ORDER_REVIEW: stage=${decision.stage}, due=${due}; the ${decision.stage} review cannot be recorded ${why} the ${due} review`,
    };
  }
  if (!decision.reviewer.trim())
    return { ok: false, code: 'REFUSED', reason: 'REVIEWER_REQUIRED: a named reviewer must record the decision' };
  if (prior.some((d) => d.reviewer === decision.reviewer)) {
    return {
      ok: false,
      code: 'REFUSED',
      reason: `SAME_REVIEWER: reviewer=${decision.reviewer} already reviewed this intent; each stage needs another person`,
    };
  }
  if (decision.outcome !== 'approved') return { ok: true, status: decision.outcome };
  const next = REVIEW_ORDER[REVIEW_ORDER.indexOf(due) + 1];
  return { ok: true, status: next === undefined ? 'released' : (`pending_${next}` as ApprovalStatus) };
}
