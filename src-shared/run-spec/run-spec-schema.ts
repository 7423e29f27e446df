import { z } from 'zod';
import { ChargesSpecSchema } from './charges-spec';
import { specIssues } from './spec-issues';
import { StrategySpecSchema } from './strategy-params';

/** Lanes are separate paper worlds, each with its own risk envelope and paper capital. */
export const LANES = ['paper_research', 'paper_gatecheck'] as const;
export const RUN_MODES = ['backtest', 'paper'] as const;

const contractRef = z.string().regex(/^(TX|MTX|TMF) \d{6}$/, 'expected a dated contract such as "TX 202612"');
const isoUtc = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'expected RFC 3339 UTC, e.g. 2026-12-16T00:45:00.000Z');

/** Order preferences the intent builder applies when a signal states none. */
export const OrderDefaultsSchema = z.strictObject({
  order_type: z.enum(['MARKET', 'LIMIT']).default('MARKET'),
  time_in_force: z.enum(['ROD', 'IOC', 'FOK']).default('IOC'),
  reduce_only: z.boolean().default(false),
});

/**
 * The schemas owned by other parts of the pipeline (the trading core's risk envelope and fill model, the
 * market generator's spec). They are injected so this module stays pure and each part keeps one schema.
 */
export interface RunSpecParts<R extends z.ZodType, F extends z.ZodType, G extends z.ZodType> {
  risk: R;
  fillModel: F;
  generator: G;
}

/**
 * Validates with the owner's schema but keeps the value as written: the owner parses it again when it
 * builds its config, and parsing an already-parsed value twice is not always the identity.
 */
export function validatedAsWritten<S extends z.ZodType>(schema: S) {
  return z.custom<z.input<S>>().superRefine((value, ctx) => {
    const result = schema.safeParse(value);
    if (result.success) return;
    for (const issue of specIssues(result.error.issues, value)) {
      ctx.addIssue({ code: 'custom', message: issue.reason, path: issue.at.map((k) => (typeof k === 'symbol' ? String(k) : k)) });
    }
  });
}

const ntd = z.union([z.string().regex(/^\d{1,13}(\.\d{1,2})?$/, 'expected NT$ as a decimal string such as "5000000"'), z.int().min(1)]);

export function buildRunSpecSchema<R extends z.ZodType, F extends z.ZodType, G extends z.ZodType>(parts: RunSpecParts<R, F, G>) {
  const data = z.discriminatedUnion('kind', [
    // Either the generator spec inline or a path to a JSON/YAML file holding one.
    z.strictObject({
      kind: z.literal('generator'),
      spec: validatedAsWritten(parts.generator).optional(),
      path: z.string().min(1).optional(),
    }),
    z.strictObject({ kind: z.literal('ohlcv'), path: z.string().min(1) }),
    z.strictObject({ kind: z.literal('taifex'), path: z.string().min(1) }),
  ]);
  return z.strictObject({
    version: z.literal(1),
    name: z.string().min(1).max(120),
    lane: z.enum(LANES),
    /** Trading mode: paper is the only mode this product has. */
    mode: z.literal('paper', { error: (iss) => `only "paper" is supported, got ${JSON.stringify(iss.input)}` }),
    run_mode: z.enum(RUN_MODES),
    /** Pacing multiplier for run_mode paper (2 = twice as fast as the data); ignored by backtest. */
    speed: z.number().positive().max(10_000).default(1),
    owner: z.string().min(1).max(80),
    approvals_required: z.boolean().default(false),
    seed: z.int().min(0).max(0xffff_ffff),
    /** Previous settlement sets the daily price limit; taken from the generator spec when data comes from it. */
    contracts: z
      .array(z.strictObject({ contract: contractRef, prev_settlement: z.int().min(1).optional() }))
      .min(1)
      .max(12),
    /** Starting paper equity of the session, NT$. */
    paper_capital: ntd,
    /** Exchange holidays (YYYY-MM-DD) beyond those of the data source. */
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')).default([]),
    data,
    window: z.strictObject({ start: isoUtc.optional(), end: isoUtc.optional() }).default({}),
    /** Data-time interval at which the core gets `onTime` when no market event arrives. */
    timer_ms: z.int().min(10).max(3_600_000).default(1000),
    strategy: StrategySpecSchema,
    order_defaults: OrderDefaultsSchema.default({ order_type: 'MARKET', time_in_force: 'IOC', reduce_only: false }),
    risk: validatedAsWritten(parts.risk),
    fill_model: validatedAsWritten(parts.fillModel),
    /** Fee and margin schedule per root, replacing the shipped one (docs/run-specs.md); checked to cover the data window. */
    charges: ChargesSpecSchema.optional(),
  });
}

export type RunSpecSchema<R extends z.ZodType, F extends z.ZodType, G extends z.ZodType> = ReturnType<typeof buildRunSpecSchema<R, F, G>>;
