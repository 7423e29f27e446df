import { describe, expect, it } from 'vitest';
import { createReloadBudget, installRendererRecovery, recoveryUrl } from '../../../src-main/electron/renderer-recovery';
import { isAllowedNavigation } from '../../../src-main/electron/security/navigation-policy';

function fakeWindow() {
  const wcListeners = new Map<string, (event: unknown, details: { reason: string }) => void>();
  const winListeners = new Map<string, () => void>();
  const loaded: string[] = [];
  let crashes = 0;
  return {
    loaded,
    crashes: () => crashes,
    gone: (reason: string) => wcListeners.get('render-process-gone')!({}, { reason }),
    hang: () => winListeners.get('unresponsive')!(),
    win: {
      isDestroyed: () => false,
      loadURL: (u: string) => {
        loaded.push(u);
        return Promise.resolve();
      },
      on: (e: 'unresponsive', l: () => void) => winListeners.set(e, l),
      webContents: {
        on: (e: string, l: (event: unknown, details: { reason: string }) => void) => wcListeners.set(e, l),
        forcefullyCrashRenderer: () => {
          crashes++;
        },
      },
    },
  };
}

describe('renderer recovery', () => {
  it('builds a reload URL the navigation policy accepts, with a sanitised reason', () => {
    expect(recoveryUrl('render-process-gone', 'oom')).toBe('papertape://app/index.html?recovered=render-process-gone&reason=oom');
    expect(recoveryUrl('render-process-gone', '<script>&x=1')).toBe(
      'papertape://app/index.html?recovered=render-process-gone&reason=scriptx1',
    );
    expect(isAllowedNavigation(recoveryUrl('unresponsive'))).toBe(true);
  });

  it('allows at most `max` reloads per window of time', () => {
    let t = 0;
    const budget = createReloadBudget({ max: 2, windowMs: 1000, now: () => t });
    expect([budget.take(), budget.take(), budget.take()]).toEqual([true, true, false]);
    t = 999;
    expect(budget.take()).toBe(false);
    t = 1000;
    expect(budget.take()).toBe(true);
  });

  it('reloads on a crash, ignores a clean exit, kills and reloads a hung page once, then gives up past the budget', () => {
    const f = fakeWindow();
    const notes: string[] = [];
    const logs: string[] = [];
    installRendererRecovery(f.win, {
      budget: createReloadBudget({ max: 2, windowMs: 60_000, now: () => 0 }),
      notify: (m) => notes.push(m),
      log: (l) => logs.push(l),
    });
    f.gone('clean-exit');
    expect(f.loaded).toEqual([]);
    f.gone('crashed');
    f.hang();
    // The kill we caused emits render-process-gone: that must not be counted as a second crash.
    f.gone('killed');
    expect(f.crashes()).toBe(1);
    expect(f.loaded).toEqual([
      'papertape://app/index.html?recovered=render-process-gone&reason=crashed',
      'papertape://app/index.html?recovered=unresponsive',
    ]);
    f.gone('crashed');
    expect(f.loaded).toHaveLength(2);
    expect(notes).toHaveLength(3);
    expect(notes[2]).toMatch(/failed repeatedly/);
    expect(logs[0]).toBe('RENDERER_RECOVERY: cause=render-process-gone, reason=crashed');
  });
});
