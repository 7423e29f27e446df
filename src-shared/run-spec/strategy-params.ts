import { z } from 'zod';

/**
 * Parameters of the built-in strategies. Strict: a misspelt parameter is an error, not a silent default,
 * because a run spec is evidence of what was run.
 */
export const BreakoutParamsSchema = z.strictObject({
  /** Quotes per contract in the high-low channel the mid must break out of. */
  channel: z.int().min(2).max(10_000),
  /** Net position (contracts) targeted after an upside break; its negative after a downside break. */
  quantity: z.int().min(1).max(1_000),
  /** Whole points the mid must clear the channel by; 0 = any new high or low. */
  margin_points: z.int().min(0).max(100_000).default(0),
});
export type BreakoutParams = z.infer<typeof BreakoutParamsSchema>;

export const MeanReversionParamsSchema = z.strictObject({
  /** Quotes per contract in the moving mid. */
  window: z.int().min(2).max(10_000),
  /** Deviation from the moving mid, whole points, at which the strategy fades the move. */
  entry_points: z.int().min(1).max(100_000),
  /** Deviation at or inside which it goes flat again. */
  exit_points: z.int().min(0).max(100_000),
  quantity: z.int().min(1).max(1_000),
});
export type MeanReversionParams = z.infer<typeof MeanReversionParamsSchema>;

export const SignalFileParamsSchema = z.strictObject({
  /** A `.csv` or `.jsonl` file (relative paths resolve against the run spec's folder). */
  path: z.string().min(1),
});
export type SignalFileParams = z.infer<typeof SignalFileParamsSchema>;

const strategyId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'expected lower-case letters, digits, "_" or "-", at most 40 characters');

export const StrategySpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('breakout'), id: strategyId, params: BreakoutParamsSchema }),
  z.strictObject({ kind: z.literal('mean_reversion'), id: strategyId, params: MeanReversionParamsSchema }),
  z.strictObject({ kind: z.literal('signal_file'), id: strategyId, params: SignalFileParamsSchema }),
]);
export type StrategySpec = z.infer<typeof StrategySpecSchema>;
