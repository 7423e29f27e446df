import type { AuditEnvelope } from '../../src-shared/audit/audit-envelope';
import { envelopeViolation } from '../../src-shared/audit/canonical-profile';
import { leafHash } from './merkle';

export class EventProfileError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'EventProfileError';
  }
}

/** The RFC 8785 text of an envelope after checking it against the strict profile. */
export function canonicalEventText(env: AuditEnvelope): string {
  const bad = envelopeViolation(env);
  if (bad) throw new EventProfileError(`Event outside the audit profile at ${bad.path || '/'}: ${bad.reason}`, bad.path);
  return profileCanonicalText(env);
}

/**
 * RFC 8785 text of a value already inside the strict profile. There JCS reduces to JSON.stringify of
 * each scalar (safe integers, well-formed strings, booleans, null) with object keys sorted by UTF-16
 * code units, which Array.prototype.sort does by default; the general canonicalizer also handles
 * toJSON, boxed values and cycles, none of which the profile lets through.
 */
export function profileCanonicalText(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + profileCanonicalText(value[i]);
    return out + ']';
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    out += (i > 0 ? ',' : '') + JSON.stringify(k) + ':' + profileCanonicalText(obj[k]);
  }
  return out + '}';
}

/** event_hash = SHA-256(0x00 || UTF-8 bytes of the canonical text), as hex. */
export function eventHashOf(canonical: string): Buffer {
  return leafHash(Buffer.from(canonical, 'utf8'));
}
