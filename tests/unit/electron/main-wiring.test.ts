import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES } from '../../../src-shared/contract';
import { makeTempDir } from '../../support/temp-dir';

type Listener = (...args: unknown[]) => unknown;

/** A recording stand-in for the parts of Electron main.ts touches. Rebuilt for every import. */
const m = vi.hoisted(() => {
  const state = {
    lock: true,
    calls: [] as string[],
    appListeners: new Map<string, Listener[]>(),
    windows: [] as FakeWindow[],
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, Listener>(),
    ipcHandlers: new Map<string, Listener>(),
    menuTemplate: null as unknown,
    session: {} as Record<string, Listener | null>,
    messageBoxes: [] as unknown[],
    errorBoxes: [] as unknown[],
    openDialogs: [] as unknown[][],
    folderAnswer: '/home/analyst/exports',
    readyResolve: null as null | (() => void),
  };
  class FakeWebContents {
    listeners = new Map<string, Listener[]>();
    windowOpenHandler: Listener | null = null;
    sent: unknown[] = [];
    on(event: string, l: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), l]);
      return this;
    }
    setWindowOpenHandler(h: Listener) {
      this.windowOpenHandler = h;
    }
    isDestroyed() {
      return false;
    }
    send(...args: unknown[]) {
      this.sent.push(args);
    }
    forcefullyCrashRenderer() {
      state.calls.push('forcefullyCrashRenderer');
    }
    emit(event: string, ...args: unknown[]) {
      for (const l of this.listeners.get(event) ?? []) l(...args);
    }
  }
  class FakeWindow {
    options: unknown;
    webContents = new FakeWebContents();
    listeners = new Map<string, Listener[]>();
    loaded: string[] = [];
    minimized = true;
    constructor(options: unknown) {
      this.options = options;
      state.windows.push(this);
    }
    on(event: string, l: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), l]);
      return this;
    }
    once(event: string, l: Listener) {
      return this.on(event, l);
    }
    emit(event: string, ...args: unknown[]) {
      for (const l of this.listeners.get(event) ?? []) l(...args);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return this.minimized;
    }
    restore() {
      state.calls.push('restore');
    }
    focus() {
      state.calls.push('focus');
    }
    show() {
      state.calls.push('show');
    }
  }
  const electron = {
    app: {
      isPackaged: true,
      setName: (n: string) => state.calls.push(`setName:${n}`),
      enableSandbox: () => state.calls.push('enableSandbox'),
      requestSingleInstanceLock: () => {
        state.calls.push('requestSingleInstanceLock');
        return state.lock;
      },
      quit: () => state.calls.push('quit'),
      exit: (code: number) => state.calls.push(`exit:${code}`),
      on: (event: string, l: Listener) => {
        state.appListeners.set(event, [...(state.appListeners.get(event) ?? []), l]);
      },
      whenReady: () =>
        new Promise<void>((resolve) => {
          state.readyResolve = resolve;
        }),
    },
    BrowserWindow: FakeWindow,
    ipcMain: { handle: (name: string, l: Listener) => state.ipcHandlers.set(name, l) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes),
      handle: (scheme: string, l: Listener) => state.protocolHandlers.set(scheme, l),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => (state.session.permissionRequest = h),
        setPermissionCheckHandler: (h: Listener) => (state.session.permissionCheck = h),
        setDevicePermissionHandler: (h: Listener) => (state.session.devicePermission = h),
        webRequest: { onBeforeRequest: (h: Listener) => (state.session.beforeRequest = h) },
      },
    },
    Menu: {
      buildFromTemplate: (t: unknown) => ({ template: t }),
      setApplicationMenu: (menu: { template: unknown }) => (state.menuTemplate = menu.template),
    },
    dialog: {
      showMessageBox: (...args: unknown[]) => {
        state.messageBoxes.push(args);
        return Promise.resolve({ response: 0 });
      },
      showErrorBox: (...args: unknown[]) => state.errorBoxes.push(args),
      showOpenDialog: (...args: unknown[]) => {
        state.openDialogs.push(args);
        const opts = args.at(-1) as { properties?: string[] };
        const folder = opts.properties?.includes('openDirectory');
        return Promise.resolve({ canceled: false, filePaths: [folder ? state.folderAnswer : '/home/analyst/data/ticks.csv'] });
      },
      showSaveDialog: () => Promise.resolve({ canceled: false, filePath: 'relative/bundle.zip' }),
    },
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: (s: string) => Buffer.from(s),
      decryptString: (b: Buffer) => b.toString(),
    },
  };
  return { state, electron, FakeWebContents };
});

vi.mock('electron', () => ({ ...m.electron, default: m.electron }));

let temp: { dir: string; cleanup(): void };
const processListeners = new Map<string, Listener>();

beforeEach(() => {
  vi.resetModules();
  m.state.lock = true;
  m.state.calls.length = 0;
  m.state.appListeners.clear();
  m.state.windows.length = 0;
  m.state.privileged.length = 0;
  m.state.protocolHandlers.clear();
  m.state.ipcHandlers.clear();
  m.state.menuTemplate = null;
  m.state.session = {};
  m.state.messageBoxes.length = 0;
  m.state.errorBoxes.length = 0;
  m.state.openDialogs.length = 0;
  temp = makeTempDir('papertape-shell-');
  process.argv.push('--data-dir', temp.dir);
  processListeners.clear();
  // main.ts installs process-wide handlers; capture them instead of letting them swallow test errors.
  vi.spyOn(process, 'on').mockImplementation(((event: string, l: Listener) => {
    processListeners.set(event, l);
    return process;
  }) as typeof process.on);
});

afterEach(() => {
  vi.restoreAllMocks();
  const i = process.argv.indexOf('--data-dir');
  if (i >= 0) process.argv.splice(i, 2);
  temp.cleanup();
});

async function bootReady() {
  await import('../../../src-main/electron/main');
  m.state.readyResolve?.();
  await vi.waitFor(() => expect(m.state.windows).toHaveLength(1));
  return m.state.windows[0]!;
}

describe('main.ts under a mocked electron', () => {
  it('turns on the sandbox, registers the privileged scheme and takes the single-instance lock before ready', async () => {
    await import('../../../src-main/electron/main');
    expect(m.state.calls).toContain('enableSandbox');
    expect(m.state.calls).toContain('requestSingleInstanceLock');
    expect(m.state.calls).not.toContain('quit');
    expect(m.state.privileged).toEqual([{ scheme: 'papertape', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(m.state.windows).toHaveLength(0);
    expect([...processListeners.keys()].sort()).toEqual(['uncaughtException', 'unhandledRejection']);
  });

  it('quits at once, creating nothing, when another instance holds the lock', async () => {
    m.state.lock = false;
    await import('../../../src-main/electron/main');
    expect(m.state.calls).toEqual(['requestSingleInstanceLock', 'quit']);
    expect(m.state.appListeners.size).toBe(0);
    expect(m.state.privileged).toEqual([]);
  });

  it('focuses (and restores) the first window when a second instance starts', async () => {
    await bootReady();
    const second = m.state.appListeners.get('second-instance') ?? [];
    expect(second).toHaveLength(1);
    second[0]!({}, ['papertape'], '/');
    expect(m.state.calls.filter((c) => c === 'restore' || c === 'focus')).toEqual(['restore', 'focus']);
  });

  it('creates one window with the locked-down webPreferences, loading the app origin', async () => {
    const win = await bootReady();
    const prefs = (win.options as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, devTools: false });
    expect(String(prefs.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(win.loaded).toEqual(['papertape://app/index.html']);
  });

  it('registers the protocol handler, which refuses traversal', async () => {
    await bootReady();
    const handler = m.state.protocolHandlers.get('papertape');
    expect(handler).toBeTypeOf('function');
    const res = (await handler!(new Request('papertape://app/..%2f..%2fpackage.json'))) as Response;
    expect(res.status).toBe(404);
  });

  it('registers one IPC handler per contract call, and each answers with an envelope', async () => {
    await bootReady();
    expect([...m.state.ipcHandlers.keys()].sort()).toEqual([...CALL_NAMES].sort());
    const info = await m.state.ipcHandlers.get('app.info')!({ senderFrame: { url: 'papertape://app/index.html' } }, undefined);
    expect(info).toMatchObject({ ok: true, value: { name: 'Papertape', mode: 'paper', dataDir: path.resolve(temp.dir) } });
    const foreign = await m.state.ipcHandlers.get('app.info')!({ senderFrame: { url: 'https://evil.example/' } }, undefined);
    expect(foreign).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    // A sub-frame of the app's own page, or the app URL with a port, is not the app's page.
    const subFrame = { senderFrame: { url: 'papertape://app/index.html', parent: { url: 'papertape://app/index.html' } } };
    expect(await m.state.ipcHandlers.get('app.info')!(subFrame, undefined)).toMatchObject({
      ok: false,
      error: { code: 'UNTRUSTED_SENDER' },
    });
    const withPort = { senderFrame: { url: 'papertape://app:80/index.html' } };
    expect(await m.state.ipcHandlers.get('app.info')!(withPort, undefined)).toMatchObject({
      ok: false,
      error: { code: 'UNTRUSTED_SENDER' },
    });
  });

  it('installs session guards that deny permissions and cancel requests off the app protocol', async () => {
    await bootReady();
    const results: unknown[] = [];
    m.state.session.permissionRequest!(null, 'media', (v: unknown) => results.push(v), {});
    m.state.session.permissionRequest!(null, 'notifications', (v: unknown) => results.push(v), {});
    expect(results).toEqual([false, false]);
    expect(m.state.session.permissionCheck!(null, 'clipboard-read', 'papertape://app', {})).toBe(false);
    expect(m.state.session.devicePermission!({ deviceType: 'hid' })).toBe(false);
    const answers: unknown[] = [];
    for (const url of [
      'https://example.com/x.js',
      'file:///etc/passwd',
      'devtools://devtools/x',
      'papertape://evil/',
      'papertape://app/index.html',
    ]) {
      m.state.session.beforeRequest!({ url }, (r: unknown) => answers.push(r));
    }
    expect(answers).toEqual([{ cancel: true }, { cancel: true }, { cancel: true }, { cancel: true }, { cancel: false }]);
  });

  it('guards every webContents: navigation and redirects denied except the app document, window.open denied', async () => {
    await bootReady();
    const created = m.state.appListeners.get('web-contents-created') ?? [];
    expect(created).toHaveLength(1);
    const wc = new m.FakeWebContents();
    created[0]!({}, wc);
    const prevented: string[] = [];
    const nav = (event: string, url: string) => wc.emit(event, { url, preventDefault: () => prevented.push(`${event} ${url}`) }, url);
    nav('will-navigate', 'https://example.com/');
    nav('will-navigate', 'papertape://app/index.html');
    nav('will-redirect', 'http://localhost:5173/');
    nav('will-redirect', 'papertape://app/');
    wc.emit('will-attach-webview', { preventDefault: () => prevented.push('webview') });
    expect(prevented).toEqual(['will-navigate https://example.com/', 'will-redirect http://localhost:5173/', 'webview']);
    expect(wc.windowOpenHandler!({ url: 'papertape://app/index.html' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('sets an application menu with the usual roles and no links', async () => {
    await bootReady();
    const roles = (m.state.menuTemplate as { role?: string }[]).map((i) => i.role);
    expect(roles).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']));
    expect(JSON.stringify(m.state.menuTemplate)).not.toMatch(/https?:|openExternal|learn more/i);
  });

  it('reloads the window with a banner flag when the renderer crashes, and tells the user', async () => {
    const win = await bootReady();
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(win.loaded.at(-1)).toBe('papertape://app/index.html?recovered=render-process-gone&reason=crashed');
    win.emit('unresponsive');
    expect(m.state.calls).toContain('forcefullyCrashRenderer');
    expect(win.loaded.at(-1)).toBe('papertape://app/index.html?recovered=unresponsive');
    expect(m.state.messageBoxes).toHaveLength(2);
  });

  it('logs an uncaught main-process error to <dataDir>/logs and shows it', async () => {
    await bootReady();
    processListeners.get('uncaughtException')!(new Error('boom in main'));
    const fs = await import('node:fs');
    const log = fs.readFileSync(path.join(temp.dir, 'logs', 'main.log'), 'utf8');
    expect(log).toContain('MAIN_PROCESS_ERROR: kind=uncaughtException');
    expect(log).toContain('boom in main');
    expect(m.state.errorBoxes).toHaveLength(1);
    expect(String((m.state.errorBoxes[0] as unknown[])[1])).toContain('Error: boom in main');
  });

  it('reaches native dialogs only through contract calls, validating the returned path', async () => {
    await bootReady();
    const sender = { senderFrame: { url: 'papertape://app/index.html' } };
    const opened = await m.state.ipcHandlers.get('dialog.openFile')!(sender, { purpose: 'market-data' });
    expect(opened).toEqual({
      ok: true,
      value: { canceled: false, path: '/home/analyst/data/ticks.csv', token: expect.stringMatching(/^grant-[0-9a-f]{32}$/) },
    });
    const saved = await m.state.ipcHandlers.get('dialog.saveFile')!(sender, { purpose: 'evidence-bundle' });
    expect(saved).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    const smuggled = await m.state.ipcHandlers.get('dialog.openFile')!(sender, { purpose: 'market-data', defaultPath: '/etc' });
    expect(smuggled).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('opens a folder dialog for dialog.chooseFolder (openDirectory, createDirectory) and validates the folder on disk', async () => {
    await bootReady();
    const sender = { senderFrame: { url: 'papertape://app/index.html' } };
    const choose = (purpose: string) => m.state.ipcHandlers.get('dialog.chooseFolder')!(sender, { purpose });
    m.state.folderAnswer = `${temp.dir}/`;
    expect(await choose('evidence-export-folder')).toEqual({
      ok: true,
      value: { canceled: false, path: temp.dir, token: expect.stringMatching(/^grant-[0-9a-f]{32}$/) },
    });
    const last = m.state.openDialogs.at(-1)!;
    expect(last[0]).toBe(m.state.windows[0]);
    expect(last[1]).toEqual({ title: 'Folder for the new evidence bundle', properties: ['openDirectory', 'createDirectory'] });
    m.state.folderAnswer = path.join(temp.dir, 'not-yet');
    expect(await choose('evidence-export-folder')).toEqual({
      ok: true,
      value: { canceled: false, path: m.state.folderAnswer, token: expect.stringMatching(/^grant-[0-9a-f]{32}$/) },
    });
    expect(await choose('evidence-bundle-folder')).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    m.state.folderAnswer = 'relative/exports';
    expect(await choose('evidence-export-folder')).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expect(await choose('evidence-bundle')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // The file dialog keeps asking for files only.
    await m.state.ipcHandlers.get('dialog.openFile')!(sender, { purpose: 'evidence-bundle' });
    expect((m.state.openDialogs.at(-1)!.at(-1) as { properties: string[] }).properties).toEqual(['openFile']);
  });

  it('reports the user-only key file through app.health when no keychain exists', async () => {
    await bootReady();
    const health = await m.state.ipcHandlers.get('app.health')!({ senderFrame: { url: 'papertape://app/' } }, undefined);
    expect(health).toMatchObject({ ok: true, value: { signingKey: { protection: 'user-only-file' } } });
    expect((health as { value: { signingKey: { warning: string } } }).value.signingKey.warning).toMatch(/readable only by your user/);
  });
});

describe('the CLI inside the installed app (Papertape --papertape-cli ...)', () => {
  async function runCli(args: string[]): Promise<{ out: string; err: string; calls: string[] }> {
    const saved = process.argv;
    let out = '';
    let err = '';
    const capture = (sink: (t: string) => void) =>
      ((chunk: unknown, ...rest: unknown[]) => {
        sink(String(chunk));
        const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
        cb?.();
        return true;
      }) as typeof process.stdout.write;
    vi.spyOn(process.stdout, 'write').mockImplementation(capture((t) => (out += t)));
    vi.spyOn(process.stderr, 'write').mockImplementation(capture((t) => (err += t)));
    process.argv = [saved[0]!, '--papertape-cli', '--data-dir', temp.dir, ...args];
    try {
      await import('../../../src-main/electron/main');
      await vi.waitFor(() => expect(m.state.readyResolve).not.toBeNull());
      m.state.readyResolve?.();
      await vi.waitFor(() => expect(m.state.calls.some((c) => c.startsWith('exit:'))).toBe(true), { timeout: 20_000 });
    } finally {
      process.argv = saved;
    }
    return { out, err, calls: [...m.state.calls] };
  }

  beforeEach(() => {
    m.state.readyResolve = null;
  });

  it('runs the command with no window and no single-instance lock, and exits with its code', async () => {
    const r = await runCli(['sessions', 'list', '--json']);
    expect(JSON.parse(r.out)).toEqual([]);
    expect(r.calls).toEqual(['exit:0']);
    expect(m.state.windows).toHaveLength(0);
    expect(m.state.ipcHandlers.size).toBe(0);
  });

  it('a refusal exits 2 with the CLI message on stderr', async () => {
    const r = await runCli(['verify']);
    expect(r.calls).toEqual(['exit:2']);
    expect(r.err).toMatch(/^papertape: No Papertape database at /);
  });
});
