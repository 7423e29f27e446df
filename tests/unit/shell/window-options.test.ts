import { describe, expect, it } from 'vitest';
import { windowOptions } from '../../../src-main/electron/window-options';

describe('BrowserWindow settings', () => {
  it('isolates and sandboxes the renderer with no Node access', () => {
    const prefs = windowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs.preload).toBe('/app/preload.cjs');
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });
});
