import { z } from 'zod';
import { LaneId } from '../governance/lanes';
import { SessionId } from '../governance/session-view';

/**
 * Read-only calls the workstation's views need, spread into `contract.calls`. None of them writes:
 * they read the registry, the session logs (WAL readers, so a run may write meanwhile) and the
 * deterministic market data a session's spec names.
 */

const NoInput = z.strictObject({}).optional();

export const FixtureSpec = z.strictObject({
  /** The file name under fixtures/specs, e.g. `demo-research.yaml`. */
  id: z.string(),
  name: z.string(),
  lane: LaneId.nullable(),
  /** The run spec as a JSON object, with relative data paths resolved against the fixtures folder. */
  spec: z.record(z.string(), z.json()),
});
export type FixtureSpec = z.infer<typeof FixtureSpec>;

export const LoggedEvent = z.strictObject({
  seq: z.number().int().min(0),
  type: z.string(),
  ts: z.string(),
  actor: z.string(),
  payload: z.record(z.string(), z.json()),
});
export type LoggedEvent = z.infer<typeof LoggedEvent>;

export const SessionEventsInput = z.strictObject({
  sessionId: SessionId,
  /** Only events whose type starts with this, e.g. `oms.` or `broker.fill`. */
  typePrefix: z
    .string()
    .max(64)
    .regex(/^[a-z_.]*$/, 'a type prefix is lower-case letters, dots and underscores')
    .optional(),
  /** Page after this seq (exclusive); absent starts at the beginning. */
  afterSeq: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});
export const SessionEventsPage = z.strictObject({
  events: z.array(LoggedEvent),
  /** Pass as `afterSeq` for the next page; null when this page reached the end of the log. */
  nextAfterSeq: z.number().int().min(0).nullable(),
  logSize: z.number().int().min(0),
});
export type SessionEventsPage = z.infer<typeof SessionEventsPage>;

export const OrderStep = z.strictObject({
  seq: z.number().int().min(0),
  ts: z.string(),
  type: z.string(),
  /** OMS state after the step, when the step is a transition. */
  state: z.string().nullable(),
  /** The stable reason string (`CODE: key=value, ...`) or explanation the log carries. */
  reason: z.string().nullable(),
  quantity: z.number().int().nullable(),
  price: z.number().nullable(),
});
export type OrderStep = z.infer<typeof OrderStep>;

export const OrderTimeline = z.strictObject({
  orderId: z.string(),
  intentId: z.string().nullable(),
  contract: z.string(),
  side: z.string(),
  quantity: z.number().int(),
  orderType: z.string(),
  timeInForce: z.string(),
  limitPrice: z.number().nullable(),
  source: z.string(),
  state: z.string(),
  filled: z.number().int(),
  steps: z.array(OrderStep),
});
export type OrderTimeline = z.infer<typeof OrderTimeline>;

export const OrdersTimelineOutput = z.strictObject({ orders: z.array(OrderTimeline), logSize: z.number().int().min(0) });

const ntdCents = z.number().int();

export const PositionView = z.strictObject({
  contract: z.string(),
  position: z.number().int(),
  /** Index points as the log states them (a decimal string, exact). */
  avgPrice: z.string().nullable(),
  markMid: z.string().nullable(),
  realizedCents: ntdCents,
  unrealizedCents: ntdCents,
  feesCents: ntdCents,
  taxCents: ntdCents,
  asOfSeq: z.number().int().min(0),
  asOfTs: z.string(),
});
export type PositionView = z.infer<typeof PositionView>;

export const PortfolioViewOutput = z.strictObject({
  sessionId: SessionId,
  positions: z.array(PositionView),
  /** Null while the session log holds no portfolio update: nothing is made up. */
  totals: z
    .strictObject({
      equityCents: ntdCents,
      marginInUseCents: ntdCents,
      realizedCents: ntdCents,
      unrealizedCents: ntdCents,
      feesCents: ntdCents,
      taxCents: ntdCents,
      /** TX-equivalent exposure in twentieths of a TX contract (one TMF = 1). */
      txEquivTwentieths: z.number().int(),
      asOfSeq: z.number().int().min(0),
      asOfTs: z.string(),
    })
    .nullable(),
  fills: z.number().int().min(0),
});
export type PortfolioViewOutput = z.infer<typeof PortfolioViewOutput>;

export const MarketSeriesInput = z.strictObject({
  sessionId: SessionId,
  contract: z
    .string()
    .regex(/^(TX|MTX|TMF) \d{6}$/)
    .optional(),
  maxPoints: z.number().int().min(10).max(5000).default(600),
});
export const MarketBar = z.strictObject({
  /** Bucket start, epoch seconds UTC. */
  time: z.number().int(),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
});
export const MarketFillMark = z.strictObject({
  time: z.number().int(),
  side: z.string(),
  price: z.number(),
  quantity: z.number().int(),
  fillId: z.string(),
});
export const MarketSeriesOutput = z.discriminatedUnion('available', [
  z.strictObject({
    available: z.literal(true),
    contracts: z.array(z.string()),
    contract: z.string(),
    dataId: z.string(),
    dataFingerprint: z.string(),
    /** Quotes of the contract in the data set, before downsampling. */
    quoteCount: z.number().int().min(0),
    /** Mid price (index points) bucketed into at most maxPoints bars. */
    bars: z.array(MarketBar),
    fills: z.array(MarketFillMark),
  }),
  z.strictObject({ available: z.literal(false), reason: z.string() }),
]);
export type MarketSeriesOutput = z.infer<typeof MarketSeriesOutput>;

export const viewCalls = {
  'specs.fixtures': { input: NoInput, output: z.array(FixtureSpec) },
  'sessions.events': { input: SessionEventsInput, output: SessionEventsPage },
  'orders.timeline': { input: z.strictObject({ sessionId: SessionId }), output: OrdersTimelineOutput },
  'portfolio.view': { input: z.strictObject({ sessionId: SessionId }), output: PortfolioViewOutput },
  'market.series': { input: MarketSeriesInput, output: MarketSeriesOutput },
} as const;
