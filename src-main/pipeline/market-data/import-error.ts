import { ServiceError } from '../../../src-shared/envelope';

/** A refused market data file: names the file, the 1-based line (0 = the file as a whole) and the reason. */
export class MarketDataImportError extends ServiceError {
  readonly file: string;
  readonly line: number;
  readonly reason: string;

  constructor(file: string, line: number, reason: string) {
    super('INVALID_INPUT', line > 0 ? `${file}:${line}: ${reason}` : `${file}: ${reason}`);
    this.name = 'MarketDataImportError';
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}
