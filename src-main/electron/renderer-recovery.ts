import { APP_ORIGIN } from '../../src-shared/app-identity';

export type RecoveryCause = 'render-process-gone' | 'unresponsive';

/**
 * The page reloads with `?recovered=<cause>` so the renderer can show a banner; the store keeps
 * everything committed, so the reloaded page shows the same sessions.
 */
export function recoveryUrl(cause: RecoveryCause, reason?: string): string {
  const q = new URLSearchParams({ recovered: cause });
  if (reason) q.set('reason', reason.replace(/[^a-z0-9-]/gi, '').slice(0, 40));
  return `${APP_ORIGIN}/index.html?${q.toString()}`;
}

export function recoveryMessage(cause: RecoveryCause, reason?: string): string {
  return cause === 'unresponsive'
    ? 'The Papertape window stopped responding and was reloaded. Everything already recorded is kept.'
    : `The Papertape window closed unexpectedly (${reason ?? 'unknown reason'}) and was reloaded. Everything already recorded is kept.`;
}

/**
 * At most `max` automatic reloads in any `windowMs`: a page that crashes on load must not spin
 * forever. Once the budget is spent the window stays as it is and the user is told.
 */
export function createReloadBudget(opts: { max: number; windowMs: number; now: () => number }): { take(): boolean } {
  const times: number[] = [];
  return {
    take() {
      const t = opts.now();
      while (times.length > 0 && t - (times[0] ?? t) >= opts.windowMs) times.shift();
      if (times.length >= opts.max) return false;
      times.push(t);
      return true;
    },
  };
}

export interface RecoverableWindow {
  isDestroyed(): boolean;
  loadURL(url: string): Promise<void>;
  webContents: {
    on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): unknown;
    forcefullyCrashRenderer(): void;
  };
  on(event: 'unresponsive', listener: () => void): unknown;
}

/** Reloads on renderer crash (not on a clean exit) and on a hang, within the reload budget. */
export function installRendererRecovery(
  win: RecoverableWindow,
  deps: { budget: { take(): boolean }; notify(message: string): void; log(line: string): void },
): void {
  // Killing a hung renderer emits `render-process-gone` too; that one is ours, not a second crash.
  let killedByUs = false;
  const recover = (cause: RecoveryCause, reason?: string) => {
    if (win.isDestroyed()) return;
    deps.log(`RENDERER_RECOVERY: cause=${cause}, reason=${reason ?? 'none'}`);
    if (!deps.budget.take()) {
      deps.notify('The Papertape window failed repeatedly and was not reloaded again. Restart the app; recorded sessions are kept.');
      return;
    }
    if (cause === 'unresponsive') {
      killedByUs = true;
      win.webContents.forcefullyCrashRenderer();
    }
    void win.loadURL(recoveryUrl(cause, reason)).catch(() => undefined);
    deps.notify(recoveryMessage(cause, reason));
  };
  win.webContents.on('render-process-gone', (_event, details) => {
    if (killedByUs) {
      killedByUs = false;
      return;
    }
    if (details.reason === 'clean-exit') return;
    recover('render-process-gone', details.reason);
  });
  win.on('unresponsive', () => recover('unresponsive'));
}
