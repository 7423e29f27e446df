import { createHash } from 'node:crypto';
import type { ContractRef, MarketEvent } from '../../../src-shared/market/quote';
import type { MarketDataSet } from '../../pipeline/market-data/market-source';
import { BUNDLE_LIMITS } from '../evidence/bundle-layout';
import { readRawLines } from '../evidence/line-reader';
import { ServiceError } from '../../../src-shared/envelope';

/** Refusals the user fixes by supplying the right data (exit 2), with a stable reason code. */
export class ReplayRefused extends ServiceError {
  constructor(message: string) {
    super('REFUSED', message);
    this.name = 'ReplayRefused';
  }
}

function contractOf(e: MarketEvent): ContractRef {
  return e.kind === 'quote' ? e.quote.contract : e.trade.contract;
}

/**
 * A replay-data.jsonl file (canonical JSONL of market events, as export writes it) as a lazy data set.
 * One hashing pass first: the SHA-256 of the exact bytes must equal the recorded fingerprint, so a
 * replay never runs on data other than the session's.
 */
export function openReplayDataFile(file: string, id: string, expectedFingerprint: string | null): MarketDataSet {
  const hash = createHash('sha256');
  const contracts = new Set<ContractRef>();
  let tail: Buffer = Buffer.alloc(0);
  try {
    for (const line of readRawLines(file, BUNDLE_LIMITS.maxLineBytes, (t) => (tail = t))) {
      hash.update(line.bytes);
      hash.update('\n');
      contracts.add(contractOf(JSON.parse(line.bytes.toString('utf8')) as MarketEvent));
    }
  } catch (err) {
    throw new ReplayRefused(`REPLAY_DATA_UNREADABLE: file=${file}, error=${(err as Error).message}`);
  }
  hash.update(tail);
  const fingerprint = hash.digest('hex');
  if (expectedFingerprint !== null && fingerprint !== expectedFingerprint) {
    throw new ReplayRefused(
      `REPLAY_DATA_MISMATCH: file=${file}, fingerprint=${fingerprint}, recorded=${expectedFingerprint}; this is not the data the session ran on`,
    );
  }
  return {
    id,
    fingerprint,
    contracts: [...contracts].sort(),
    *events(): Iterable<MarketEvent> {
      for (const line of readRawLines(file, BUNDLE_LIMITS.maxLineBytes)) yield JSON.parse(line.bytes.toString('utf8')) as MarketEvent;
    },
  };
}
