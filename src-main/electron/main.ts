import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, protocol } from 'electron';
import { APP_NAME, APP_ORIGIN, APP_PROTOCOL } from '../../src-shared/app-identity';
import { createAppContext, type AppContext } from '../app-context';
import { handlers } from '../ipc/handlers';
import { createRegistry } from '../ipc/registry';
import { resolveDataDir } from '../services/data-dir';
import { CONTENT_SECURITY_POLICY, mimeType, resolveAppFile } from './app-protocol';
import { forwardEvents, registerIpc } from './ipc';
import { windowOptions } from './window-options';

// The thin shell: every decision lives in a pure module next to this one and is unit-tested there.
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');

app.setName(APP_NAME);
app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: APP_PROTOCOL, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

function flagValue(argv: readonly string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(flag + '='));
  return eq?.slice(flag.length + 1);
}

async function serveAppFile(request: Request): Promise<Response> {
  const file = resolveAppFile(rendererDir, request.url);
  if (!file) return new Response('Not found', { status: 404 });
  try {
    const body = await fs.readFile(file);
    return new Response(body, { headers: { 'content-type': mimeType(file), 'content-security-policy': CONTENT_SECURITY_POLICY } });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

let ctx: AppContext | null = null;

app.whenReady().then(() => {
  ctx = createAppContext({
    dataDir: resolveDataDir(flagValue(process.argv, '--data-dir')),
    electronVersion: process.versions.electron ?? null,
  });
  protocol.handle(APP_PROTOCOL, serveAppFile);
  registerIpc(ipcMain, createRegistry(ctx, handlers, { trustedOrigin: APP_ORIGIN }));
  const win = new BrowserWindow(windowOptions(preloadPath));
  forwardEvents(ctx.events, () => (win.isDestroyed() ? null : win.webContents));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
});

app.on('window-all-closed', () => {
  ctx?.close();
  app.quit();
});
