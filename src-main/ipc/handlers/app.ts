import { appHealth, appInfo } from '../../services/app/app-service';
import { runJob } from '../../services/jobs/job-runner-port';
import { withSigningKeyStatus } from '../../electron/signing-key/signing-key-status';
import type { Handler } from '../registry';

type Names = 'app.info' | 'app.health' | 'audit.verify';

/** The workstation's own state: identity, health, and verifying its audit logs. */
export const appHandlers: { [N in Names]: Handler<N> } = {
  'app.info': (_input, ctx) => appInfo(ctx),
  'app.health': (_input, ctx) => withSigningKeyStatus(appHealth(ctx), ctx),
  'audit.verify': async (input, ctx) => {
    const report = await runJob(ctx, 'audit-verify', input);
    // The push stays on the main thread, after the verification's record is written.
    ctx.events.emit('app.health.changed', withSigningKeyStatus(appHealth(ctx), ctx));
    return report;
  },
};
