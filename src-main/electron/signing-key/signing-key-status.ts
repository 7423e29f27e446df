import type { AppHealth } from '../../../src-shared/contract';
import type { AppContext } from '../../app-context';
import type { KeyProtection } from '../../services/signing-key/safe-storage-key-store';

export const USER_ONLY_FILE_WARNING =
  'The signing key is kept in a file readable only by your user account, because this system offers no keychain. Anyone with access to your account can sign as this workstation.';

// A port of the context: only the desktop shell plugs one in, so CLI and tests answer without the field.
export function attachSigningKeyStatus(ctx: AppContext, protection: () => KeyProtection): void {
  ctx.ports.keyProtection = protection;
}

export function signingKeyStatus(protection: KeyProtection): NonNullable<AppHealth['signingKey']> {
  return { protection, warning: protection === 'user-only-file' ? USER_ONLY_FILE_WARNING : null };
}

/** Adds the optional `signingKey` field to a health answer when the shell attached a source. */
export function withSigningKeyStatus(health: AppHealth, ctx: AppContext): AppHealth {
  const source = ctx.ports.keyProtection;
  if (!source) return health;
  try {
    return { ...health, signingKey: signingKeyStatus(source()) };
  } catch {
    // A damaged key file is the audit service's finding to report; health itself must not fail.
    return health;
  }
}
