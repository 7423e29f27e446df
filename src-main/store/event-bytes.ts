import canonicalize from 'canonicalize';
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
  const text = canonicalize(env);
  if (text === undefined) throw new EventProfileError('Event has no JSON form', '');
  return text;
}

/** event_hash = SHA-256(0x00 || UTF-8 bytes of the canonical text), as hex. */
export function eventHashOf(canonical: string): Buffer {
  return leafHash(Buffer.from(canonical, 'utf8'));
}
