import { createHash } from 'node:crypto';
import type { MarketEvent } from '../../../src-shared/market/quote';
import { marketEventJson } from './market-event-json';

/** Lines are hashed in batches of about this many UTF-16 units: few hash calls, and memory stays bounded. */
const CHUNK_CHARS = 1 << 16;

/**
 * SHA-256 (lowercase hex) of a data set's canonical form: each event as RFC 8785 JSON, one per line,
 * LF-terminated. Lines are batched into bounded chunks so a long session never becomes one giant string.
 */
export function fingerprintEvents(events: Iterable<MarketEvent>): string {
  const hash = createHash('sha256');
  let chunk = '';
  for (const event of events) {
    chunk += `${marketEventJson(event)}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      hash.update(chunk);
      chunk = '';
    }
  }
  if (chunk.length > 0) hash.update(chunk);
  return hash.digest('hex');
}

/** The canonical JSONL lines themselves, lazily, for export or diffing against the fingerprint. */
export function* canonicalLines(events: Iterable<MarketEvent>): Generator<string> {
  for (const event of events) yield `${marketEventJson(event)}\n`;
}
