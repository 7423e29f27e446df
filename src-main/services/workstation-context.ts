import { createAppContext, type AppContext } from '../app-context';
import { recoverOnStoreOpen } from './sessions/recovery';

/**
 * The context the app and the CLI run on: an AppContext whose store, when first opened, recovers
 * from a crash (verifies and anchors log tails, settles sessions a dead process left running).
 * Wired here, in the open, rather than by importing a module for its side effect.
 */
export function openWorkstationContext(opts: Omit<Parameters<typeof createAppContext>[0], 'onStoreOpen'>): AppContext {
  return createAppContext({ ...opts, onStoreOpen: recoverOnStoreOpen });
}
