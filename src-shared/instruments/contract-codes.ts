import type { ContractRef } from '../market/quote';
import { INSTRUMENTS, isRoot, ROOTS, type Root } from './instruments';

/** TAIFEX month letters: A = January ... L = December. */
const MONTH_LETTERS = 'ABCDEFGHIJKL';

/** Years we accept in a contract reference: wide enough for any history, narrow enough to catch typos. */
const MIN_YEAR = 1998;
const MAX_YEAR = 2999;

export interface ParsedContract {
  root: Root;
  year: number;
  month: number;
}

export function parseContractRef(ref: string): ParsedContract {
  const m = /^([A-Z]+) (\d{4})(\d{2})$/.exec(ref);
  if (!m) throw new Error(`Invalid contract reference "${ref}": expected ROOT YYYYMM, e.g. "TX 202612"`);
  const [, root, yearText, monthText] = m;
  if (!isRoot(root)) throw new Error(`Invalid contract reference "${ref}": unknown root "${root}" (known: ${ROOTS.join(', ')})`);
  const year = Number(yearText);
  const month = Number(monthText);
  if (year < MIN_YEAR || year > MAX_YEAR)
    throw new Error(`Invalid contract reference "${ref}": year ${year} outside ${MIN_YEAR}-${MAX_YEAR}`);
  if (month < 1 || month > 12) throw new Error(`Invalid contract reference "${ref}": month ${month} outside 01-12`);
  return { root, year, month };
}

export function formatContractRef(root: Root, year: number, month: number): ContractRef {
  if (!isRoot(root)) throw new Error(`Unknown root "${String(root)}"`);
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw new Error(`Invalid contract year ${year}`);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new Error(`Invalid contract month ${month}`);
  return `${root} ${year}${String(month).padStart(2, '0')}`;
}

/** 'TX 202612' -> 'TXFL6'. The code is ambiguous across decades; `fromTaifexCode` needs a reference year. */
export function toTaifexCode(ref: ContractRef): string {
  const { root, year, month } = parseContractRef(ref);
  return `${INSTRUMENTS[root].taifexCode}${MONTH_LETTERS[month - 1]}${year % 10}`;
}

/**
 * 'TXFL6' -> 'TX 202612' given a reference year near the data. The year is the first one ending in the
 * code's digit at or after referenceYear - 1, so a code read in January still finds last December.
 */
export function fromTaifexCode(code: string, referenceYear: number): ContractRef {
  const m = /^([A-Z]{3})([A-L])(\d)$/.exec(code);
  if (!m) throw new Error(`Invalid TAIFEX contract code "${code}": expected product + month letter A-L + year digit, e.g. "TXFL6"`);
  const [, product, letter, digitText] = m;
  const root = ROOTS.find((r) => INSTRUMENTS[r].taifexCode === product);
  if (!root) throw new Error(`Invalid TAIFEX contract code "${code}": unknown product "${product}"`);
  if (!Number.isInteger(referenceYear)) throw new Error(`Reference year must be an integer, got ${referenceYear}`);
  const month = MONTH_LETTERS.indexOf(letter ?? '') + 1;
  const from = referenceYear - 1;
  const year = from + ((((Number(digitText) - from) % 10) + 10) % 10);
  return formatContractRef(root, year, month);
}
