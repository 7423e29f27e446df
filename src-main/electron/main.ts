import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import { APP_NAME, APP_ORIGIN, APP_PROTOCOL } from '../../src-shared/app-identity';
import type { AppContext } from '../app-context';
import { openWorkstationContext } from '../services/workstation-context';
import { handlers } from '../ipc/handlers';
import { createRegistry } from '../ipc/registry';
import { resolveDataDir } from '../services/data-dir';
import { appFileServer } from './app-file-server';
import { attachDialogProvider } from './dialogs/dialog-provider';
import { forwardEvents, registerIpc } from './ipc';
import { installProcessErrorHandlers } from './logging/process-errors';
import { LOG_DEFAULTS, openRotatingLog, type RotatingLog } from './logging/rotating-log';
import { menuTemplate } from './menu-template';
import { createReloadBudget, installRendererRecovery } from './renderer-recovery';
import { guardSession, guardWebContents } from './security/guards';
import { keyDirOf } from '../store/workstation-audit';
import { safeStorageSigningKeyStore } from '../services/signing-key/safe-storage-key-store';
import { attachSigningKeyStatus, USER_ONLY_FILE_WARNING } from './signing-key/signing-key-status';
import { windowOptions } from './window-options';
import { createWorkerSessionRunner } from '../services/session-execution/worker-session-runner';
import { setSessionRunner } from '../services/sessions/session-runner-port';
import { setJobRunner } from '../services/jobs/job-runner-port';
import { createWorkerJobRunner } from '../services/jobs/worker-job-runner';
import { main as cliMain } from '../cli/main';
import { cliArgsOf, cliProcessArgv } from './cli-mode';

// The thin shell: every decision lives in a pure module next to this one and is unit-tested there.
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');

function flagValue(argv: readonly string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(flag + '='));
  return eq?.slice(flag.length + 1);
}

const dataDir = resolveDataDir(flagValue(process.argv, '--data-dir'));
const devTools = !app.isPackaged;
let ctx: AppContext | null = null;
let win: BrowserWindow | null = null;
let log: RotatingLog | null = null;

function writeLog(line: string): void {
  try {
    log ??= openRotatingLog(path.join(dataDir, 'logs'), { baseName: 'main', ...LOG_DEFAULTS });
    log.append(line.endsWith('\n') ? line : `${new Date().toISOString()} ${line}`);
  } catch {
    // An unwritable data directory is reported by app.health; logging must never crash the shell.
  }
}

function notify(message: string): void {
  const options = { type: 'warning' as const, title: APP_NAME, message, buttons: ['OK'] };
  void (win && !win.isDestroyed() ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options)).catch(() => undefined);
}

function createWindow(context: AppContext): BrowserWindow {
  const w = new BrowserWindow(windowOptions(preloadPath, { devTools }));
  forwardEvents(context.events, () => (w.isDestroyed() ? null : w.webContents));
  installRendererRecovery(w, {
    budget: createReloadBudget({ max: 3, windowMs: 60_000, now: () => Date.now() }),
    notify,
    log: writeLog,
  });
  w.once('ready-to-show', () => w.show());
  void w.loadURL(`${APP_ORIGIN}/index.html`);
  return w;
}

function start(): void {
  app.setName(APP_NAME);
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([{ scheme: APP_PROTOCOL, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  installProcessErrorHandlers(process, {
    append: writeLog,
    show: (summary) => dialog.showErrorBox(`${APP_NAME}: unexpected error`, `${summary}\n\nDetails are in ${path.join(dataDir, 'logs')}.`),
    now: () => new Date(),
  });

  // Every webContents, including any the app did not mean to create, gets the same guards.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, writeLog));
  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  void app.whenReady().then(() => {
    const keyStore = safeStorageSigningKeyStore(keyDirOf(dataDir), safeStorage, process.platform);
    ctx = openWorkstationContext({ dataDir, electronVersion: process.versions.electron ?? null, signingKeyStore: () => keyStore });
    guardSession(session.defaultSession, { allowDevTools: devTools, log: writeLog });
    protocol.handle(APP_PROTOCOL, appFileServer(rendererDir));
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, { devTools })));

    attachSigningKeyStatus(ctx, () => keyStore.protection());
    attachDialogProvider(ctx, {
      platform: process.platform,
      showOpen: (opts) =>
        win
          ? dialog.showOpenDialog(win, { ...opts, properties: ['openFile'] })
          : dialog.showOpenDialog({ ...opts, properties: ['openFile'] }),
      showSave: (opts) => (win ? dialog.showSaveDialog(win, opts) : dialog.showSaveDialog(opts)),
      showOpenFolder: (opts) =>
        win
          ? dialog.showOpenDialog(win, { ...opts, properties: ['openDirectory', 'createDirectory'] })
          : dialog.showOpenDialog({ ...opts, properties: ['openDirectory', 'createDirectory'] }),
    });
    registerIpc(ipcMain, createRegistry(ctx, handlers, { trustedOrigin: APP_ORIGIN }));
    // Sessions run in worker threads (out/main/jobs-worker.js), one writer per session log; relative spec paths resolve in the data dir.
    setSessionRunner(ctx, createWorkerSessionRunner(ctx, { workerFile: path.join(here, 'jobs-worker.js'), baseDir: dataDir }));
    // Verification, export, bundle opening, replay and chart building run in a worker thread per call, on the app's key.
    setJobRunner(ctx, createWorkerJobRunner({ workerFile: path.join(here, 'jobs-worker.js') }));

    win = createWindow(ctx);
    if (keyStore.protection() === 'user-only-file') writeLog(`SIGNING_KEY_WEAK: protection=user-only-file, note=${USER_ONLY_FILE_WARNING}`);
  });

  app.on('window-all-closed', () => {
    ctx?.close();
    app.quit();
  });
}

/**
 * A CLI run inside the installed app: no window, no single-instance lock (the commands take their own
 * store locks), the app's keychain-backed key store, the exit code of the command.
 */
async function runCli(args: string[]): Promise<void> {
  app.dock?.hide();
  // safeStorage (the sealed workstation key) is usable only once the app is ready.
  await app.whenReady();
  const code = await cliMain(cliProcessArgv(args), undefined, {
    signingKeyStore: (dir) => safeStorageSigningKeyStore(keyDirOf(dir), safeStorage, process.platform),
  });
  // Let piped output drain before the process goes.
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise<void>((r) => s.write('', () => r()))));
  app.exit(code);
}

const cliArgs = cliArgsOf(process.argv, app.isPackaged);
if (cliArgs) void runCli(cliArgs);
// A second launch hands its focus request to the first instance and leaves; one writer per data dir.
else if (app.requestSingleInstanceLock()) start();
else app.quit();
