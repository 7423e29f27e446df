import type { BrowserWindowConstructorOptions } from 'electron';

/** The window's security settings in one pure function, so a test can pin every one of them. */
export function windowOptions(preloadPath: string, opts: { devTools: boolean } = { devTools: false }): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'Papertape — PAPER ONLY',
    show: false,
    backgroundColor: '#1a1b1e',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Packaged builds have no DevTools: the request filter would cancel their devtools:// loads anyway.
      devTools: opts.devTools,
    },
  };
}
