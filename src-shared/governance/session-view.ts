import { z } from 'zod';
import { LaneId } from './lanes';
import { SessionStatus } from './session-lifecycle';
import { Attribution, PersonName, Reason } from './attribution';

export const SessionId = z.string().regex(/^S-\d{8}-\d{1,6}$/, 'a session id looks like S-20261216-1');

export const SessionMetrics = z.strictObject({
  events: z.number().int().min(0),
  fills: z.number().int().min(0),
  orders: z.number().int().min(0),
  peakEquityCents: z.number().int(),
  troughEquityCents: z.number().int(),
  lastEquityCents: z.number().int().nullable(),
});
export type SessionMetrics = z.infer<typeof SessionMetrics>;

export const SessionView = z.strictObject({
  id: SessionId,
  lane: LaneId,
  owner: z.string(),
  attribution: Attribution,
  specHash: z.string().regex(/^[0-9a-f]{64}$/),
  strategyId: z.string().nullable(),
  dataFingerprints: z.array(z.string()),
  codeVersion: z.string(),
  requiresApproval: z.boolean(),
  status: SessionStatus,
  statusReason: z.string().nullable(),
  halted: z.boolean(),
  timestamps: z.strictObject({
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    pausedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    updatedAt: z.string(),
  }),
  metrics: SessionMetrics.nullable(),
  /** A lead's tag with who, why and when; an ignored session does not count toward promotion. */
  tag: z.strictObject({ kind: z.enum(['promotion_evidence', 'ignored']), reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  links: z.strictObject({ log: z.string(), exports: z.array(z.string()) }),
});
export type SessionView = z.infer<typeof SessionView>;

export const SessionTagInput = z.strictObject({
  sessionId: SessionId,
  /** `none` clears the tag. */
  tag: z.enum(['promotion_evidence', 'ignored', 'none']),
  by: PersonName,
  reason: Reason,
});
export type SessionTagInput = z.infer<typeof SessionTagInput>;

export const SessionDetail = z.strictObject({
  session: SessionView,
  spec: z.record(z.string(), z.json()),
  logSize: z.number().int().min(0),
});
export type SessionDetail = z.infer<typeof SessionDetail>;

export const SessionsListInput = z.strictObject({ lane: LaneId.optional(), status: SessionStatus.optional() }).optional();

export const SessionCreateInput = z.strictObject({
  /** The run spec as a JSON object; validated against the run-spec schema and stored with its canonical hash. */
  spec: z.record(z.string(), z.json()),
  owner: PersonName,
  /** Defaults to the spec's `lane`. */
  lane: LaneId.optional(),
  requiresApproval: z.boolean().optional(),
  dataFingerprints: z
    .array(z.string().regex(/^[0-9a-f]{64}$/))
    .max(64)
    .optional(),
});
export type SessionCreateInput = z.infer<typeof SessionCreateInput>;

export const SessionRef = z.strictObject({ sessionId: SessionId });
export const SessionActionInput = z.strictObject({ sessionId: SessionId, actor: PersonName, reason: Reason.optional() });
export const SessionStopInput = z.strictObject({ sessionId: SessionId, actor: PersonName, reason: Reason });

export const SessionsChanged = z.strictObject({ sessionId: SessionId, status: SessionStatus, statusReason: z.string().nullable() });
