import { appHealth, appInfo } from '../../services/app/app-service';
import { runJob } from '../../services/jobs/job-runner-port';
import { withSigningKeyStatus } from '../../electron/signing-key/signing-key-status';
import { eventContext, exportPublicKey, listCheckpoints, workstationPublicKey } from '../../services/audit-view/audit-integrity';
import type { Handler } from '../registry';
import { resolvePathRef, type PathUse } from '../renderer-paths';

type Names = 'app.info' | 'app.health' | 'audit.verify' | 'audit.eventContext' | 'audit.checkpoints' | 'key.public' | 'key.export';

const KEY_FILE: PathUse = { field: 'path', purposes: ['public-key'], access: 'write' };

/** The workstation's own state: identity, health, verifying its audit logs, and its public key. */
export const appHandlers: { [N in Names]: Handler<N> } = {
  'app.info': (_input, ctx) => appInfo(ctx),
  'app.health': (_input, ctx) => withSigningKeyStatus(appHealth(ctx), ctx),
  'audit.verify': async (input, ctx) => {
    const report = await runJob(ctx, 'audit-verify', input, (p) => {
      if ('log' in p) ctx.events.emit('audit.progress', p);
    });
    // The push stays on the main thread, after the verification's record is written.
    ctx.events.emit('app.health.changed', withSigningKeyStatus(appHealth(ctx), ctx));
    return report;
  },
  'audit.eventContext': (input, ctx) => eventContext(ctx, input),
  'audit.checkpoints': (input, ctx) => listCheckpoints(ctx, input ?? {}),
  'key.public': (_input, ctx) => workstationPublicKey(ctx),
  'key.export': (input, ctx) => exportPublicKey(ctx, resolvePathRef(ctx, input.path, KEY_FILE)),
};
