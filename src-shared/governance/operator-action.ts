import { z } from 'zod';
import { Attribution, PersonName, Reason } from './attribution';
import { SessionId } from './session-view';

export const OperatorActionKind = z.enum(['halt', 'resume', 'order', 'pause', 'resume_run', 'stop']);
export type OperatorActionKind = z.infer<typeof OperatorActionKind>;

export const ManualOrder = z.strictObject({
  contract: z.string().regex(/^(TX|MTX|TMF) \d{6}$/, 'a dated contract such as "TX 202612"'),
  side: z.enum(['BUY', 'SELL']),
  quantity: z.number().int().min(1).max(1000),
  orderType: z.enum(['MARKET', 'LIMIT']),
  limitPrice: z.number().int().min(1).optional(),
  timeInForce: z.enum(['ROD', 'IOC', 'FOK']),
  reduceOnly: z.boolean(),
});
export type ManualOrder = z.infer<typeof ManualOrder>;

export const OperatorHaltInput = z.strictObject({ sessionId: SessionId, operator: PersonName, reason: Reason });
/** Resume out of HALTED needs a reason: the trail must say why trading was allowed again. */
export const OperatorResumeInput = z.strictObject({ sessionId: SessionId, operator: PersonName, reason: Reason });
export const OperatorOrderInput = z
  .strictObject({ sessionId: SessionId, operator: PersonName, reason: Reason, order: ManualOrder })
  .refine((v) => (v.order.orderType === 'LIMIT') === (v.order.limitPrice !== undefined), {
    message: 'a LIMIT order needs limitPrice and a MARKET order must not have one',
    path: ['order', 'limitPrice'],
  });

export const OperatorActionView = z.strictObject({
  actionId: z.string(),
  sessionId: z.string(),
  kind: OperatorActionKind,
  operator: z.string(),
  reason: z.string(),
  ts: z.string(),
  /** True when the running session's runner was sent the action (it reads its inbox). */
  delivered: z.boolean(),
  attribution: Attribution,
});
export type OperatorActionView = z.infer<typeof OperatorActionView>;
