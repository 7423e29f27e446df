import { REGISTRY_LOG } from '../../../src-shared/audit/audit-envelope';
import { ServiceError } from '../../../src-shared/envelope';
import type { PinnedKey } from '../../../src-shared/evidence/pinned-key';
import type { AppContext } from '../../app-context';
import { governanceOf, type Governance } from '../sessions/governance';
import { publicKeyFromPem } from '../../store/signing-key/workstation-key';
import {
  governanceEvent,
  KEY_FORGOTTEN_EVENT,
  KEY_PINNED_EVENT,
  readGovernancePayload,
} from '../../../src-shared/events/governance-catalog';

/**
 * Keys a reviewer chose to trust for opening bundles, remembered in the registry log: who pinned
 * which key and when is itself on the record, and forgetting one is an event too. The workstation's
 * own key is always offered (it signed this store's bundles), marked as such.
 */

/** The registry's pinned keys, oldest first, with this workstation's own key in front. */
export function listPinnedKeys(ctx: AppContext): PinnedKey[] {
  const gov = governanceOf(ctx);
  const own: PinnedKey = {
    fingerprint: gov.store.key.fingerprint,
    label: 'this workstation',
    publicKeyPem: gov.store.key.publicPem,
    pinnedBy: null,
    pinnedAt: null,
    own: true,
  };
  return [own, ...registryPins(gov).filter((k) => k.fingerprint !== own.fingerprint)];
}

function registryPins(gov: Governance): PinnedKey[] {
  const pins = new Map<string, PinnedKey>();
  if (gov.store.size(REGISTRY_LOG) === 0) return [];
  for (const ev of gov.store.readEvents(REGISTRY_LOG)) {
    const e = JSON.parse(ev.canonical) as { type: string; ts: string; payload: unknown };
    const pinned = e.type === KEY_PINNED_EVENT ? readGovernancePayload(KEY_PINNED_EVENT, e.payload) : null;
    const forgotten = e.type === KEY_FORGOTTEN_EVENT ? readGovernancePayload(KEY_FORGOTTEN_EVENT, e.payload) : null;
    if (pinned) {
      const { fingerprint, label, publicKeyPem, by } = pinned;
      pins.set(fingerprint, { fingerprint, label, publicKeyPem, pinnedBy: by, pinnedAt: e.ts, own: false });
    } else if (forgotten) pins.delete(forgotten.fingerprint);
  }
  return [...pins.values()];
}

/** Parses pasted or loaded text as one Ed25519 public key; a private key is refused, never used to derive one. */
function parsePublicKey(text: string): { pem: string; fingerprint: string } {
  if (/PRIVATE KEY/.test(text))
    throw new ServiceError('INVALID_INPUT', 'NOT_A_PUBLIC_KEY: this is a private key; paste the public key (BEGIN PUBLIC KEY) only.');
  if (!/^\s*-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----\s*$/.test(text))
    throw new ServiceError(
      'INVALID_INPUT',
      'NOT_A_PUBLIC_KEY: expected one PEM block, -----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----.',
    );
  try {
    const k = publicKeyFromPem(text);
    return { pem: k.publicPem, fingerprint: k.fingerprint };
  } catch {
    throw new ServiceError('INVALID_INPUT', 'NOT_A_PUBLIC_KEY: the PEM block is not an Ed25519 public key.');
  }
}

export function pinKey(ctx: AppContext, input: { label: string; publicKeyPem: string; by: string }): PinnedKey {
  const gov = governanceOf(ctx);
  const { pem, fingerprint } = parsePublicKey(input.publicKeyPem);
  if (fingerprint === gov.store.key.fingerprint)
    throw new ServiceError('CONFLICT', `ALREADY_PINNED: ${fingerprint} is this workstation's own key, always offered.`);
  const existing = registryPins(gov).find((k) => k.fingerprint === fingerprint);
  if (existing) throw new ServiceError('CONFLICT', `ALREADY_PINNED: ${fingerprint} is pinned as "${existing.label}".`);
  gov.record(REGISTRY_LOG, null, [
    governanceEvent(KEY_PINNED_EVENT, `operator:${input.by}`, { fingerprint, label: input.label, publicKeyPem: pem, by: input.by }),
  ]);
  return registryPins(gov).find((k) => k.fingerprint === fingerprint)!;
}

export function forgetKey(ctx: AppContext, input: { fingerprint: string; by: string; reason: string }): { fingerprint: string } {
  const gov = governanceOf(ctx);
  if (!registryPins(gov).some((k) => k.fingerprint === input.fingerprint))
    throw new ServiceError('NOT_FOUND', `NOT_PINNED: no pinned key ${input.fingerprint} (this workstation's own key cannot be forgotten).`);
  gov.record(REGISTRY_LOG, null, [
    governanceEvent(KEY_FORGOTTEN_EVENT, `operator:${input.by}`, { fingerprint: input.fingerprint, by: input.by, reason: input.reason }),
  ]);
  return { fingerprint: input.fingerprint };
}

/** The PEM to verify a bundle with: a remembered key, chosen by fingerprint. */
export function pinnedKeyPem(ctx: AppContext, fingerprint: string): string {
  const key = listPinnedKeys(ctx).find((k) => k.fingerprint === fingerprint);
  if (!key) throw new ServiceError('NOT_FOUND', `NOT_PINNED: no pinned key ${fingerprint}; pin it first.`);
  return key.publicKeyPem;
}
