import { z } from 'zod';
import { parseContractRef } from '../../../src-shared/instruments/contract-codes';
import { dayNumber } from '../../../src-shared/instruments/calendar';

const isDate = (value: string): boolean => {
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
};
const isContract = (value: string): boolean => {
  try {
    parseContractRef(value);
    return true;
  } catch {
    return false;
  }
};

const DateSchema = z.string().refine(isDate, { message: 'expected an exchange date YYYY-MM-DD' });
const SessionKindSchema = z.enum(['after_hours', 'regular']);

export const GeneratorRegimeSchema = z.enum(['normal', 'trending', 'volatile', 'illiquid', 'stale_quote']);
export type GeneratorRegime = z.infer<typeof GeneratorRegimeSchema>;

const RegimeSegmentSchema = z.strictObject({
  /** Minutes after the session opens at which this regime takes over. */
  atMinute: z
    .int()
    .min(0)
    .max(24 * 60),
  regime: GeneratorRegimeSchema,
  /** Only for `trending`: signed drift in index points per hour. */
  trendPointsPerHour: z.int().min(-10_000).max(10_000).optional(),
});

const RegimeScheduleSchema = z
  .array(RegimeSegmentSchema)
  .min(1)
  .refine((s) => s[0]?.atMinute === 0, { message: 'the first regime segment must start at atMinute 0' })
  .refine((s) => s.every((seg, i) => i === 0 || seg.atMinute > (s[i - 1]?.atMinute ?? -1)), {
    message: 'regime segments must have strictly increasing atMinute',
  });

const ShockSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('gap'),
    session: SessionKindSchema,
    atMinute: z
      .int()
      .min(0)
      .max(24 * 60),
    /** Signed jump of the price, in points; the band still clamps it. */
    points: z
      .int()
      .min(-100_000)
      .max(100_000)
      .refine((p) => p !== 0, { message: 'a gap must move the price' }),
  }),
  z.strictObject({
    kind: z.literal('limit_move'),
    session: SessionKindSchema,
    atMinute: z
      .int()
      .min(0)
      .max(24 * 60),
    direction: z.enum(['up', 'down']),
    /** How long the price stays locked at the limit. */
    minutes: z
      .int()
      .min(1)
      .max(24 * 60),
  }),
]);

const ContractSpecSchema = z.strictObject({
  contract: z.string().refine(isContract, { message: 'expected a dated contract such as "TX 202612"' }),
  /** Previous regular-session settlement: sets the daily price band. */
  prevSettlement: z.int().min(1).max(10_000_000),
  /** First price of the day; defaults to the previous settlement. */
  open: z.int().min(1).max(10_000_000).optional(),
});

const DEFAULT_SCHEDULE = [{ atMinute: 0, regime: 'normal' as const }];

/** A generator spec as stored in fixtures and embedded in run specs. Unknown keys are rejected. */
export const GeneratorSpecSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, { message: 'lowercase letters, digits, ".", "_" and "-"; at most 100' }),
  /** Seed of the xoroshiro128+ PRNG (32-bit). */
  seed: z.int().min(0).max(0xffff_ffff),
  tradingDay: DateSchema,
  holidays: z.array(DateSchema).default([]),
  contracts: z
    .array(ContractSpecSchema)
    .min(1)
    .max(12)
    .refine((cs) => new Set(cs.map((c) => c.contract)).size === cs.length, { message: 'contracts must be distinct' }),
  sessions: z.array(SessionKindSchema).min(1).max(2).default(['after_hours', 'regular']),
  /** Mean time between quote updates in the normal regime; other regimes scale it. */
  quoteIntervalMs: z.int().min(50).max(60_000).default(1000),
  /** In `stale_quote` updates stop for a uniformly drawn gap in [min, max] ms. */
  staleGapMs: z
    .strictObject({ min: z.int().min(1).max(3_600_000), max: z.int().min(1).max(3_600_000) })
    .refine((g) => g.min <= g.max, { message: 'min must not exceed max' })
    .default({ min: 2500, max: 6000 }),
  /** receiveTs = exchangeTs + this. */
  feedLatencyMs: z.int().min(0).max(60_000).default(20),
  regimes: z
    .strictObject({ after_hours: RegimeScheduleSchema.default(DEFAULT_SCHEDULE), regular: RegimeScheduleSchema.default(DEFAULT_SCHEDULE) })
    .default({ after_hours: DEFAULT_SCHEDULE, regular: DEFAULT_SCHEDULE }),
  shocks: z.array(ShockSchema).default([]),
});

export type GeneratorSpec = z.input<typeof GeneratorSpecSchema>;
export type ParsedGeneratorSpec = z.output<typeof GeneratorSpecSchema>;
export type GeneratorShock = z.output<typeof ShockSchema>;
export type RegimeSegment = z.output<typeof RegimeSegmentSchema>;
