import { z } from 'zod';

const ACTION_FIELDS = {
  action_id: z.string().min(1).max(80),
  operator: z.string().min(1).max(80),
  reason: z.string().min(1).max(500),
  requested_at: z.string(),
};

/**
 * What an operator can do to a running session from another terminal. The file on disk is this JSON;
 * it is validated strictly because it crosses a process boundary.
 */
export const OperatorActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    v: z.literal(1),
    kind: z.literal('halt'),
    ...ACTION_FIELDS,
  }),
  z.strictObject({
    v: z.literal(1),
    kind: z.literal('resume'),
    ...ACTION_FIELDS,
  }),
  z.strictObject({
    v: z.literal(1),
    kind: z.literal('order'),
    ...ACTION_FIELDS,
    order: z.strictObject({
      contract: z.string().regex(/^(TX|MTX|TMF) \d{6}$/),
      side: z.enum(['BUY', 'SELL']),
      quantity: z.int().min(1),
      order_type: z.enum(['MARKET', 'LIMIT']).optional(),
      limit_price: z.int().positive().optional(),
      time_in_force: z.enum(['ROD', 'IOC', 'FOK']).optional(),
      reduce_only: z.boolean().optional(),
    }),
  }),
]);
export type OperatorAction = z.infer<typeof OperatorActionSchema>;

/** One look at the inbox: actions to apply, oldest first, and files refused (reported once, then moved aside). */
export interface OperatorPoll {
  actions: OperatorAction[];
  rejected: { file: string; reason: string }[];
}

/** A source of operator actions, polled by the runner between steps. */
export interface OperatorInbox {
  /** Cheap to call often. */
  poll(): OperatorPoll;
  /** Called after the action's events reached the sink; the action is never applied twice. */
  done(action: OperatorAction): void;
}
