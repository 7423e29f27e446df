import fs from 'node:fs';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFileServer } from '../../../src-main/electron/app-file-server';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/electron/app-protocol';
import { menuTemplate } from '../../../src-main/electron/menu-template';
import { windowOptions } from '../../../src-main/electron/window-options';
import { makeTempDir } from '../../support/temp-dir';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((i) => [...(i.role ? [i.role] : []), ...(Array.isArray(i.submenu) ? roles(i.submenu) : [])]);
}

describe('application menu', () => {
  it('has the usual top-level roles on macOS, Windows and Linux', () => {
    expect(menuTemplate('darwin', { devTools: false }).map((i) => i.role)).toEqual([
      'appMenu',
      'fileMenu',
      'editMenu',
      'viewMenu',
      'windowMenu',
      'help',
    ]);
    expect(menuTemplate('win32', { devTools: false }).map((i) => i.role)).toEqual([
      'fileMenu',
      'editMenu',
      'viewMenu',
      'windowMenu',
      'help',
    ]);
  });

  it('has edit roles, no click handlers, no links, and DevTools only when asked', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const packaged = menuTemplate(platform, { devTools: false });
      expect(roles(packaged)).toEqual(expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll', 'undo', 'redo', 'reload', 'about']));
      expect(roles(packaged)).not.toContain('toggleDevTools');
      expect(JSON.stringify(packaged)).not.toMatch(/https?:|www\.|learn more|documentation/i);
      const hasClick = (items: MenuItemConstructorOptions[]): boolean =>
        items.some((i) => typeof i.click === 'function' || (Array.isArray(i.submenu) && hasClick(i.submenu)));
      expect(hasClick(packaged)).toBe(false);
      expect(roles(menuTemplate(platform, { devTools: true }))).toContain('toggleDevTools');
    }
  });
});

describe('window options', () => {
  it('pins every security preference and keeps DevTools off unless asked', () => {
    const o = windowOptions('/p/preload.cjs');
    expect(o.webPreferences).toMatchObject({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(windowOptions('/p', { devTools: true }).webPreferences?.devTools).toBe(true);
  });
});

describe('app protocol file server', () => {
  let t: { dir: string; cleanup(): void };
  let serve: (r: Request) => Promise<Response>;
  beforeAll(() => {
    t = makeTempDir('papertape-renderer-');
    fs.mkdirSync(path.join(t.dir, 'renderer', 'assets'), { recursive: true });
    fs.writeFileSync(path.join(t.dir, 'renderer', 'index.html'), '<!doctype html><title>x</title>');
    fs.writeFileSync(path.join(t.dir, 'renderer', 'assets', 'a.js'), 'export {};');
    fs.writeFileSync(path.join(t.dir, 'secret.txt'), 'outside');
    serve = appFileServer(path.join(t.dir, 'renderer'));
  });
  afterAll(() => t.cleanup());

  it('serves the page with the CSP as a response header', async () => {
    const res = await serve(new Request('papertape://app/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('<!doctype html><title>x</title>');
    const js = await serve(new Request('papertape://app/assets/a.js'));
    expect(js.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 outside the folder, for missing files, other hosts and non-GET', async () => {
    for (const url of [
      'papertape://app/..%2fsecret.txt',
      'papertape://app/missing.js',
      'papertape://evil/index.html',
      'papertape://app/assets',
    ]) {
      const res = await serve(new Request(url));
      expect([url, res.status]).toEqual([url, 404]);
      expect(await res.text()).toBe('Not found');
    }
    expect((await serve(new Request('papertape://app/index.html', { method: 'POST', body: 'x' }))).status).toBe(404);
  });
});
