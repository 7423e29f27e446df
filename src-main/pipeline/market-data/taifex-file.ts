import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { MarketDataImportError } from './import-error';
import { DEFAULT_MAX_TAIFEX_BYTES, importTaifexDaily, type TaifexDataSet, type TaifexImportOptions } from './taifex-import';

/** Reads a TAIFEX daily file from disk, refusing an oversized one before reading it. */
export function importTaifexDailyFile(path: string, options: TaifexImportOptions): TaifexDataSet {
  const name = basename(path);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_TAIFEX_BYTES;
  const size = statSync(path).size;
  if (size > maxBytes) throw new MarketDataImportError(name, 0, `file is ${size} bytes, more than the ${maxBytes} allowed`);
  return importTaifexDaily(name, readFileSync(path), options);
}
