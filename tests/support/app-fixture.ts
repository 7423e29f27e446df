import { APP_ORIGIN } from '../../src-shared/app-identity';
import type { AppContext } from '../../src-main/app-context';
import { openWorkstationContext } from '../../src-main/services/workstation-context';
import { handlers } from '../../src-main/ipc/handlers';
import { createRegistry, type Registry } from '../../src-main/ipc/registry';
import { makeTempDir } from './temp-dir';

export const TRUSTED_SENDER = { url: `${APP_ORIGIN}/index.html` };

/** The real registry and services on a real SQLite file in a fresh temp data directory. */
export function makeApp(): { ctx: AppContext; registry: Registry; dataDir: string; cleanup: () => void } {
  const { dir, cleanup } = makeTempDir('papertape-app-');
  const ctx = openWorkstationContext({ dataDir: dir });
  const registry = createRegistry(ctx, handlers, { trustedOrigin: APP_ORIGIN });
  return {
    ctx,
    registry,
    dataDir: dir,
    cleanup: () => {
      ctx.close();
      cleanup();
    },
  };
}
