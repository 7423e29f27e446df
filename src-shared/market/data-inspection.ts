import { z } from 'zod';

/**
 * What `papertape data inspect` and the `data.inspect` call report about a market data file before
 * any session uses it. Times are exchange time (Asia/Taipei) as `YYYY-MM-DD HH:MM:SS.mmm`.
 */

export const DataFormat = z.enum(['taifex_daily_csv', 'taifex_daily_zip', 'ohlcv_1m', 'ohlcv_daily']);
export type DataFormat = z.infer<typeof DataFormat>;

export const DataRefusalView = z.strictObject({
  file: z.string(),
  /** 1-based; 0 = the file as a whole. */
  line: z.number().int().min(0),
  reason: z.string(),
  /** `file:line: reason`, exactly as a run refusing the file says it. */
  text: z.string(),
});

const ExchangeTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Points = z.number().int();
const Count = z.number().int().min(0);

export const InspectedContract = z.strictObject({
  contract: z.string(),
  /** The dated month, `YYYY-MM`. */
  month: z.string(),
  lastTradingDay: Day,
  /** True when it is not the front (nearest) listed month on every trading day it appears in. */
  farMonth: z.boolean(),
  rows: Count,
  low: Points,
  high: Points,
});

export const InspectedSession = z.strictObject({
  tradingDay: Day,
  session: z.enum(['regular', 'after_hours']),
  rows: Count,
  first: ExchangeTime,
  last: ExchangeTime,
});

export const InspectedFile = z.strictObject({
  file: z.string(),
  format: DataFormat.nullable(),
  contracts: z.array(InspectedContract),
  sessions: z.array(InspectedSession),
  tradingDays: z.array(Day),
  timeRange: z.strictObject({ first: ExchangeTime, last: ExchangeTime }).nullable(),
  priceRange: z.strictObject({ low: Points, high: Points }).nullable(),
  counts: z.strictObject({
    /** Data rows read (header and blank lines not counted); for OHLCV, bars. */
    rows: Count,
    kept: Count,
    spreadRows: Count,
    /** Kept rows of a contract that is not the front month of its trading day. */
    farMonthRows: Count,
    otherProductRows: Count,
    weeklyRows: Count,
    refused: Count,
  }),
  /** The data set's fingerprint when the file would be accepted; null when it is refused. */
  fingerprint: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  refused: z.array(DataRefusalView),
});
export type InspectedFile = z.infer<typeof InspectedFile>;

export const DataInspection = z.strictObject({
  path: z.string(),
  /** True when every file would be accepted by a run. */
  ok: z.boolean(),
  files: z.array(InspectedFile),
});
export type DataInspection = z.infer<typeof DataInspection>;

export const DataInspectInput = z.strictObject({
  /** Absolute path of a TAIFEX daily file (.csv/.zip), an OHLCV CSV, or a folder holding such files. */
  path: z.string().min(1).max(4096),
  holidays: z.array(Day).max(400).optional(),
});
