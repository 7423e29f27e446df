import { z } from 'zod';
import { TradingCoreConfigSchema } from '../core/config';

const int = z.number().int();
const nonneg = int.nonnegative();
const level = z.tuple([int.positive(), nonneg]);
const contract = z.string().min(1);

const at = { at: nonneg };

/** One scripted step; `at` is milliseconds after the scenario's `start`. */
export const ScenarioStepSchema = z.discriminatedUnion('action', [
  z.strictObject({
    ...at,
    action: z.literal('quote'),
    contract,
    /** Best first: [price, size]. The top level is the quote's bid/ask. */
    bids: z.array(level).default([]),
    asks: z.array(level).default([]),
    last: level.optional(),
    regime: z.enum(['normal', 'trending', 'volatile', 'illiquid', 'stale_quote', 'gap', 'limit_move', 'imported']).default('normal'),
    session: z.enum(['regular', 'after_hours']).default('regular'),
    /** How long before `at` the exchange stamped it (receive time is `at`). */
    exchangeLagMs: nonneg.default(0),
  }),
  z.strictObject({
    ...at,
    action: z.literal('trade'),
    contract,
    price: int.positive(),
    size: int.positive(),
    exchangeLagMs: nonneg.default(0),
  }),
  z.strictObject({
    ...at,
    action: z.literal('submit'),
    contract,
    side: z.enum(['BUY', 'SELL']),
    quantity: int,
    type: z.enum(['MARKET', 'LIMIT']),
    limitPrice: int.optional(),
    tif: z.enum(['ROD', 'IOC', 'FOK']).default('ROD'),
    reduceOnly: z.boolean().default(false),
    /** Idempotency key; defaults to one derived from the step number. */
    key: z.string().min(1).optional(),
    operator: z.string().min(1).default('scenario'),
  }),
  z.strictObject({ ...at, action: z.literal('cancel'), orderId: z.string().regex(/^O-\d{6}$/), by: z.string().min(1).default('scenario') }),
  z.strictObject({ ...at, action: z.literal('halt'), operator: z.string().min(1), reason: z.string().min(1) }),
  z.strictObject({ ...at, action: z.literal('resume'), operator: z.string().min(1), reason: z.string().min(1) }),
  z.strictObject({ ...at, action: z.literal('advance') }),
  z.strictObject({ ...at, action: z.literal('end_session') }),
  z.strictObject({
    ...at,
    action: z.literal('venue_fill'),
    orderId: z.string().regex(/^O-\d{6}$/),
    fillId: z.string().min(1),
    price: int.positive(),
    quantity: int.positive(),
    liquidity: z.enum(['maker', 'taker']).default('maker'),
  }),
]);
export type ScenarioStep = z.output<typeof ScenarioStepSchema>;

const primitive = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** What the scenario says must happen: events of `type` whose payload has `where` exactly and `contains` as substrings. */
export const ExpectationSchema = z.strictObject({
  type: z.string().min(1),
  where: z.record(z.string(), primitive).default({}),
  contains: z.record(z.string(), z.string()).default({}),
  /** Exact number of matching events; without it at least one must match. */
  count: nonneg.optional(),
});
export type Expectation = z.output<typeof ExpectationSchema>;

export const ScenarioSchema = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().default(''),
    /** RFC 3339 UTC instant that `at: 0` stands for. */
    start: z.iso.datetime(),
    config: TradingCoreConfigSchema,
    steps: z.array(ScenarioStepSchema).min(1),
    expect: z.array(ExpectationSchema).default([]),
  })
  .superRefine((s, ctx) => {
    for (let i = 1; i < s.steps.length; i++) {
      if ((s.steps[i]?.at ?? 0) < (s.steps[i - 1]?.at ?? 0)) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'at'], message: 'steps must be in time order (at never decreases)' });
      }
    }
  });
export type Scenario = z.output<typeof ScenarioSchema>;
