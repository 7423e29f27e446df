import { ServiceError } from '../../../src-shared/envelope';

/** One refused part of a market data file: the file, the 1-based line (0 = the file as a whole) and the reason. */
export interface DataRefusal {
  file: string;
  line: number;
  reason: string;
}

/** `file:line: reason`, or `file: reason` for the file as a whole: the form every refusal is shown in. */
export function refusalText(r: DataRefusal): string {
  return r.line > 0 ? `${r.file}:${r.line}: ${r.reason}` : `${r.file}: ${r.reason}`;
}

/**
 * A refused market data file. `refusals` lists every refused row (a file-level refusal is the only
 * entry); the message is their `file:line: reason` lines, so a run and `papertape data inspect` say the same.
 */
export class MarketDataImportError extends ServiceError {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
  readonly refusals: readonly DataRefusal[];

  constructor(file: string, line: number, reason: string, refusals?: readonly DataRefusal[]) {
    const all = refusals && refusals.length > 0 ? refusals : [{ file, line, reason }];
    super(
      'INVALID_INPUT',
      all.length === 1 ? refusalText(all[0] as DataRefusal) : `${all.length} rows refused:\n${all.map(refusalText).join('\n')}`,
    );
    this.name = 'MarketDataImportError';
    this.file = file;
    this.line = line;
    this.reason = reason;
    this.refusals = all;
  }

  /** Every refused row of a file at once (at least one). */
  static ofRows(refusals: readonly DataRefusal[]): MarketDataImportError {
    const first = refusals[0] as DataRefusal;
    return new MarketDataImportError(first.file, first.line, first.reason, refusals);
  }
}

/** Thrown inside one row's parsing to refuse that row; the file's parser collects it and moves on. */
export class RowRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}
