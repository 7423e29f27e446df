import { z } from 'zod';
import type { StrategySignal } from '../../../src-shared/strategy/signal';
import { ServiceError } from '../../../src-shared/envelope';

/** A refused signal file: which file, which line (1-based, header is line 1 in CSV), and why. */
export class SignalFileError extends ServiceError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super('INVALID_INPUT', `${file}:${line}: ${reason}`);
    this.name = 'SignalFileError';
  }
}

/** One row of a signal file: a signal the research wants emitted at `tsMs` (data time). */
export type FileSignal = Pick<
  StrategySignal,
  'signalId' | 'contract' | 'direction' | 'quantity' | 'strength' | 'reason' | 'orderType' | 'limitPrice' | 'timeInForce' | 'reduceOnly'
> & { line: number; tsMs: number };

export const SIGNAL_COLUMNS = [
  'ts',
  'signal_id',
  'contract',
  'direction',
  'quantity',
  'strength',
  'reason',
  'order_type',
  'limit_price',
  'time_in_force',
  'reduce_only',
] as const;
const REQUIRED_COLUMNS = SIGNAL_COLUMNS.slice(0, 7);

const RowSchema = z
  .strictObject({
    ts: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'ts: expected RFC 3339 UTC such as 2026-12-16T01:00:00.000Z'),
    signal_id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'signal_id: expected 1-64 letters, digits, ".", "_", ":" or "-"'),
    contract: z.string().regex(/^(TX|MTX|TMF) \d{6}$/, 'contract: expected a dated contract such as "TX 202612"'),
    direction: z.enum(['buy', 'sell', 'target'], { error: 'direction: expected buy, sell or target' }),
    quantity: z.int({ error: 'quantity: expected an integer' }),
    strength: z.int({ error: 'strength: expected an integer 0..1000' }).min(0).max(1000),
    reason: z.string().min(1, 'reason: must not be empty').max(500),
    order_type: z.enum(['MARKET', 'LIMIT'], { error: 'order_type: expected MARKET or LIMIT' }).optional(),
    limit_price: z.int({ error: 'limit_price: expected whole index points' }).positive().optional(),
    time_in_force: z.enum(['ROD', 'IOC', 'FOK'], { error: 'time_in_force: expected ROD, IOC or FOK' }).optional(),
    reduce_only: z.boolean({ error: 'reduce_only: expected true or false' }).optional(),
  })
  .superRefine((row, ctx) => {
    if (row.direction !== 'target' && row.quantity < 1) ctx.addIssue({ code: 'custom', message: 'quantity: buy and sell need at least 1' });
    if (row.order_type === 'LIMIT' && row.limit_price === undefined)
      ctx.addIssue({ code: 'custom', message: 'limit_price: required for LIMIT' });
    if (row.order_type !== 'LIMIT' && row.limit_price !== undefined)
      ctx.addIssue({ code: 'custom', message: 'limit_price: only for LIMIT' });
    if (Number.isNaN(Date.parse(row.ts))) ctx.addIssue({ code: 'custom', message: 'ts: not a real date' });
  });

function rowIssue(err: z.ZodError, raw: Record<string, unknown>): string {
  return err.issues
    .map((i) => {
      if (i.code === 'unrecognized_keys') return `unknown column(s): ${i.keys.join(', ')}`;
      if (i.code === 'invalid_type' && raw[String(i.path[0])] === undefined) return `${String(i.path[0])}: required`;
      const prefix = i.path.length > 0 && !i.message.startsWith(`${String(i.path[0])}:`) ? `${String(i.path[0])}: ` : '';
      return prefix + i.message;
    })
    .join('; ');
}

/** Splits one CSV line (RFC 4180 quoting, no embedded newlines). */
export function splitCsvLine(text: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return null;
        const ch = text[i];
        if (ch === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          cell += ch;
          i++;
        }
      }
      if (i < text.length && text[i] !== ',') return null;
    } else {
      const end = text.indexOf(',', i);
      cell = end === -1 ? text.slice(i) : text.slice(i, end);
      if (cell.includes('"')) return null;
      i = end === -1 ? text.length : end;
    }
    out.push(cell);
    if (i >= text.length) return out;
    i++; // the comma
  }
}

function csvCell(column: string, cell: string): unknown {
  if (cell === '') return undefined;
  if (column === 'quantity' || column === 'strength' || column === 'limit_price') return /^-?\d+$/.test(cell) ? Number(cell) : cell;
  if (column === 'reduce_only') return cell === 'true' ? true : cell === 'false' ? false : cell;
  return cell;
}

function toSignal(raw: unknown, file: string, line: number): FileSignal {
  const parsed = RowSchema.safeParse(raw);
  if (!parsed.success) throw new SignalFileError(file, line, rowIssue(parsed.error, raw as Record<string, unknown>));
  const r = parsed.data;
  return {
    line,
    tsMs: Date.parse(r.ts),
    signalId: r.signal_id,
    contract: r.contract,
    direction: r.direction,
    quantity: r.quantity,
    strength: r.strength,
    reason: r.reason,
    ...(r.order_type !== undefined ? { orderType: r.order_type } : {}),
    ...(r.limit_price !== undefined ? { limitPrice: r.limit_price } : {}),
    ...(r.time_in_force !== undefined ? { timeInForce: r.time_in_force } : {}),
    ...(r.reduce_only !== undefined ? { reduceOnly: r.reduce_only } : {}),
  };
}

function lines(text: string): string[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return body.split(/\r?\n/);
}

export function parseSignalCsv(text: string, file: string): FileSignal[] {
  const all = lines(text);
  const header = splitCsvLine(all[0] ?? '');
  if (!header || header.length === 0 || header[0] === '') throw new SignalFileError(file, 1, 'missing header row');
  for (const col of header) {
    if (!(SIGNAL_COLUMNS as readonly string[]).includes(col)) throw new SignalFileError(file, 1, `unknown column "${col}"`);
  }
  if (new Set(header).size !== header.length) throw new SignalFileError(file, 1, 'duplicate column');
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new SignalFileError(file, 1, `missing column(s): ${missing.join(', ')}`);
  const rows: FileSignal[] = [];
  for (let i = 1; i < all.length; i++) {
    const text = all[i] ?? '';
    if (text.trim() === '') continue;
    const cells = splitCsvLine(text);
    if (!cells) throw new SignalFileError(file, i + 1, 'malformed quoting');
    if (cells.length !== header.length) throw new SignalFileError(file, i + 1, `expected ${header.length} cells, got ${cells.length}`);
    const raw: Record<string, unknown> = {};
    header.forEach((col, c) => {
      const value = csvCell(col, cells[c] ?? '');
      if (value !== undefined) raw[col] = value;
    });
    rows.push(toSignal(raw, file, i + 1));
  }
  return checkOrder(rows, file);
}

export function parseSignalJsonl(text: string, file: string): FileSignal[] {
  const all = lines(text);
  const rows: FileSignal[] = [];
  for (let i = 0; i < all.length; i++) {
    const text = all[i] ?? '';
    if (text.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new SignalFileError(file, i + 1, `not JSON: ${(err as Error).message}`);
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new SignalFileError(file, i + 1, 'expected a JSON object');
    rows.push(toSignal(raw, file, i + 1));
  }
  return checkOrder(rows, file);
}

/** Signals fire in file order at their times; a file out of time order or reusing an id is refused, never re-sorted. */
function checkOrder(rows: FileSignal[], file: string): FileSignal[] {
  const ids = new Set<string>();
  let prev = -Infinity;
  for (const row of rows) {
    if (row.tsMs < prev) throw new SignalFileError(file, row.line, 'ts earlier than the previous row (rows must be in time order)');
    if (ids.has(row.signalId)) throw new SignalFileError(file, row.line, `duplicate signal_id "${row.signalId}"`);
    ids.add(row.signalId);
    prev = row.tsMs;
  }
  return rows;
}

export function parseSignalFile(text: string, file: string): FileSignal[] {
  if (file.endsWith('.csv')) return parseSignalCsv(text, file);
  if (file.endsWith('.jsonl')) return parseSignalJsonl(text, file);
  throw new SignalFileError(file, 0, 'expected a .csv or .jsonl file');
}
