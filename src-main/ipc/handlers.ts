import { appHealth, appInfo } from '../services/app/app-service';
import { chooseFolderDialog, openFileDialog, saveFileDialog } from '../electron/dialogs/dialog-provider';
import { withSigningKeyStatus } from '../electron/signing-key/signing-key-status';
import type { Handlers } from './registry';
import { governanceHandlers } from '../services/sessions/governance-handlers';
import { viewHandlers } from '../services/views/view-handlers';
import { evidenceHandlers } from '../services/replay/ipc-handlers';
import { runJob } from '../services/jobs/job-runner-port';

/** Name -> service function. The type makes a contract call without a handler a compile error. */
export const handlers: Handlers = {
  'app.info': (_input, ctx) => appInfo(ctx),
  'app.health': (_input, ctx) => withSigningKeyStatus(appHealth(ctx), ctx),
  'dialog.openFile': (input, ctx) => openFileDialog(ctx, input.purpose),
  'dialog.saveFile': (input, ctx) => saveFileDialog(ctx, input.purpose, input.suggestedName),
  'dialog.chooseFolder': (input, ctx) => chooseFolderDialog(ctx, input.purpose),
  ...governanceHandlers,
  ...viewHandlers,
  ...evidenceHandlers,
  'audit.verify': async (input, ctx) => {
    const report = await runJob(ctx, 'audit-verify', input);
    // The push stays on the main thread, after the verification's record is written.
    ctx.events.emit('app.health.changed', withSigningKeyStatus(appHealth(ctx), ctx));
    return report;
  },
};
