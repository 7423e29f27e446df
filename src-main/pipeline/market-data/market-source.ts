import type { ContractRef, MarketEvent } from '../../../src-shared/market/quote';

/**
 * A replayable market data set. `events()` may be called more than once and yields the same
 * events each time, strictly ordered by receive time (ties in a stable order), lazily, so memory
 * does not grow with session length.
 */
export interface MarketDataSet {
  id: string;
  /** SHA-256 (hex) of the canonical JSONL of every event; goes into every run that used the set. */
  fingerprint: string;
  contracts: ContractRef[];
  events(): Iterable<MarketEvent>;
}
