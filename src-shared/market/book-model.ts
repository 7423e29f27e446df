import { z } from 'zod';
import type { TradingSessionKind } from './quote';

/**
 * The book Papertape states for data that carries trades but no quotes (TAIFEX daily ticks, OHLCV bars).
 * Nothing about it is hidden in an importer: it is part of the run spec's fill model
 * (`fill_model.syntheticBook`), recorded in `session.started` as `book_model`, shown in the report, and
 * every fill against it says `book=synthesized`. Regime is not a dimension: trade-only data does not
 * reveal one (its quotes carry regime `imported`), so the model varies by session only.
 */

/** `print`: every level shows the size of the print that implied the book. Otherwise 1-5 sizes, best level first. */
const LevelSizesSchema = z.union([
  z.literal('print'),
  z.array(z.int().min(1).max(100_000)).min(1, 'at least one level').max(5, 'at most five levels'),
]);
export type LevelSizes = z.output<typeof LevelSizesSchema>;

const spreadTicks = z.int().min(1).max(50);

export const SyntheticBookSchema = z.strictObject({
  /** Ticks between bid and ask; the print sits on the side the tick rule says it traded. */
  spreadTicks: z.strictObject({ regular: spreadTicks.default(1), after_hours: spreadTicks.default(1) }).prefault({}),
  levelSizes: z.strictObject({ regular: LevelSizesSchema.default('print'), after_hours: LevelSizesSchema.default('print') }).prefault({}),
});
export type SyntheticBook = z.output<typeof SyntheticBookSchema>;

/** A one-tick book, five levels a side each showing the print's size: what a spec that states nothing gets. */
export const DEFAULT_SYNTHETIC_BOOK: SyntheticBook = SyntheticBookSchema.parse({});

/**
 * The model a session fills against when its data brings no quotes (data kinds `taifex`, `ohlcv`), from
 * the fill model as written; null for a source with its own book (the generator).
 */
export function syntheticBookFor(dataKind: string, fillModel: unknown): SyntheticBook | null {
  if (dataKind === 'generator') return null;
  const written =
    typeof fillModel === 'object' && fillModel !== null ? (fillModel as { syntheticBook?: unknown }).syntheticBook : undefined;
  return SyntheticBookSchema.parse(written ?? {});
}

/** Level sizes for one print: the configured ones, or the print's own size on each of five levels. */
export function levelSizesFor(model: SyntheticBook, session: TradingSessionKind, printSize: number): readonly number[] {
  const sizes = model.levelSizes[session];
  return sizes === 'print' ? new Array<number>(5).fill(Math.max(1, printSize)) : sizes;
}

export interface BookModelRecord {
  source: 'synthesized_from_trades';
  updates: 'at_each_print';
  spread_ticks: { regular: number; after_hours: number };
  level_sizes: { regular: LevelSizes; after_hours: LevelSizes };
}

/** The record of the model in `session.started` (`book_model`), in the event vocabulary's snake_case. */
export function bookModelRecord(model: SyntheticBook): BookModelRecord {
  return {
    source: 'synthesized_from_trades',
    updates: 'at_each_print',
    spread_ticks: { ...model.spreadTicks },
    level_sizes: { regular: copyOf(model.levelSizes.regular), after_hours: copyOf(model.levelSizes.after_hours) },
  };
}

function copyOf(sizes: LevelSizes): LevelSizes {
  return sizes === 'print' ? sizes : [...sizes];
}

/** One line for a summary: `synthesized from trades at each print; regular 1 tick, print size x5; after_hours ...`. */
export function describeBookModel(model: SyntheticBook): string {
  const sizes = (v: LevelSizes) => (v === 'print' ? 'print size x5' : `levels ${v.join('/')}`);
  const session = (s: TradingSessionKind) =>
    `${s} ${model.spreadTicks[s]} tick${model.spreadTicks[s] === 1 ? '' : 's'}, ${sizes(model.levelSizes[s])}`;
  return `synthesized from trades at each print; ${session('regular')}; ${session('after_hours')}`;
}
