import { z } from 'zod';
import { ApprovalStatus, ReviewOutcome, ReviewStage } from './approval-rules';
import { Attribution, PersonName, Reason } from './attribution';

export const ApprovalId = z.string().regex(/^A-[0-9a-f]{16}$/);

export const StageDecisionView = z.strictObject({
  stage: ReviewStage,
  reviewer: z.string(),
  outcome: ReviewOutcome,
  reason: z.string(),
  ts: z.string(),
});

export const ApprovalView = z.strictObject({
  id: ApprovalId,
  sessionId: z.string(),
  status: ApprovalStatus,
  /** The intent exactly as queued (PaperOrderIntent). */
  intent: z.record(z.string(), z.json()),
  decisions: z.array(StageDecisionView),
  queuedAt: z.string(),
  attribution: Attribution,
});
export type ApprovalView = z.infer<typeof ApprovalView>;

export const ApprovalsListInput = z.strictObject({ sessionId: z.string().optional(), status: ApprovalStatus.optional() }).optional();

/** `reviewer` is a name typed locally (attribution, not authentication). */
export const ApprovalDecideInput = z.strictObject({
  approvalId: ApprovalId,
  stage: ReviewStage,
  reviewer: PersonName,
  outcome: ReviewOutcome,
  reason: Reason,
});

export const ApprovalsChanged = z.strictObject({ sessionId: z.string(), approvalId: ApprovalId, status: ApprovalStatus });
