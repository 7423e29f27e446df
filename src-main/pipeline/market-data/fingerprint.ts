import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { MarketEvent } from '../../../src-shared/market/quote';

/**
 * SHA-256 (lowercase hex) of a data set's canonical form: each event as RFC 8785 JSON, one per line,
 * LF-terminated. Hashed line by line so a long session never becomes one giant string.
 */
export function fingerprintEvents(events: Iterable<MarketEvent>): string {
  const hash = createHash('sha256');
  for (const event of events) {
    const line = canonicalize(event);
    if (line === undefined) throw new Error('Market event cannot be canonicalized');
    hash.update(line);
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** The canonical JSONL lines themselves, lazily, for export or diffing against the fingerprint. */
export function* canonicalLines(events: Iterable<MarketEvent>): Generator<string> {
  for (const event of events) {
    const line = canonicalize(event);
    if (line === undefined) throw new Error('Market event cannot be canonicalized');
    yield `${line}\n`;
  }
}
