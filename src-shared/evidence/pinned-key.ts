import { z } from 'zod';
import { PersonName, Reason } from '../governance/attribution';

const Fingerprint = z.string().regex(/^[0-9a-f]{64}$/, 'a key fingerprint is 64 lower-case hex digits');

/** A public key a reviewer chose to trust for opening bundles (or this workstation's own, always offered). */
export const PinnedKey = z.strictObject({
  fingerprint: Fingerprint,
  label: z.string(),
  publicKeyPem: z.string(),
  /** Local attribution, not authentication; null for this workstation's own key. */
  pinnedBy: z.string().nullable(),
  pinnedAt: z.string().nullable(),
  own: z.boolean(),
});
export type PinnedKey = z.infer<typeof PinnedKey>;

export const PinKeyInput = z.strictObject({
  label: z.string().trim().min(1, 'a label is required').max(80),
  /** PEM text, pasted or read from a .pem file in the page; parsed and normalised in main. */
  publicKeyPem: z.string().min(1).max(4096),
  by: PersonName,
});

export const ForgetKeyInput = z.strictObject({ fingerprint: Fingerprint, by: PersonName, reason: Reason });

/** Spread into the contract's calls: the keys `evidence.open` may verify with. */
export const pinnedKeyCalls = {
  'evidence.keys': { input: z.strictObject({}).optional(), output: z.strictObject({ keys: z.array(PinnedKey) }) },
  'evidence.pinKey': { input: PinKeyInput, output: PinnedKey },
  'evidence.forgetKey': { input: ForgetKeyInput, output: z.strictObject({ fingerprint: Fingerprint }) },
} as const;

export const PinnedFingerprint = Fingerprint;
