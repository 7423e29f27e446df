import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isAllowedNavigation } from '../../../src-main/electron/security/navigation-policy';
import {
  devicePermissionDecision,
  permissionCheckDecision,
  permissionRequestDecision,
} from '../../../src-main/electron/security/permission-policy';
import { requestDecision } from '../../../src-main/electron/security/request-policy';
import { windowOpenDecision } from '../../../src-main/electron/security/window-open-policy';

const APP_FILES = [
  'papertape://app/index.html',
  'papertape://app/',
  'papertape://app/assets/index-abc123.js',
  'papertape://app/assets/index-abc123.css',
  'papertape://app/assets/logo.svg?v=1',
  'papertape://app/index.html?recovered=unresponsive',
];

const FOREIGN = [
  'papertape://evil/',
  'papertape://evil/index.html',
  'papertape://app.evil/index.html',
  'papertape://app@evil/index.html',
  'papertape://evil@app/index.html',
  'papertape://user:pass@app/index.html',
  'papertape://app:8080/index.html',
  'papertape://app./index.html',
  'papertape://APP/index.html',
  'papertape://ａｐｐ/index.html',
  'papertape://app%2f/index.html',
  'papertape://app%00/index.html',
  'papertape:app/index.html',
  'papertape:///app/index.html',
  'papertape:/app/index.html',
  'papertape://app\\..\\..\\etc\\passwd',
  'papertape://app\\index.html',
  'papertape://app/\\..\\index.html',
  'papertape://app/index.html\u0000.png',
  'papertape://app/\u0000',
  'papertape://app/index.html\n',
  '\tpapertape://app/index.html',
  ' papertape://app/index.html',
  'papertapex://app/index.html',
  'xpapertape://app/index.html',
  'file:///etc/passwd',
  'file://app/index.html',
  'FILE:///C:/Windows/win.ini',
  'http://localhost/',
  'http://localhost:5173/index.html',
  'http://127.0.0.1/',
  'http://[::1]/',
  'https://example.com/',
  'HTTPS://EXAMPLE.COM/',
  'http://papertape.test/index.html',
  'ws://localhost:9222/devtools/browser',
  'wss://example.com/',
  'ftp://example.com/',
  'devtools://devtools/bundled/inspector.html',
  'chrome-extension://abcdefghijklmnop/background.html',
  'chrome://settings',
  'chrome-devtools://devtools/',
  'view-source:papertape://app/index.html',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD4=',
  'blob:papertape://app/3f1c7c7e-0000-4000-8000-000000000000',
  'blob:https://example.com/uuid',
  'javascript:alert(1)',
  'about:blank',
  'about:srcdoc',
  'filesystem:papertape://app/temporary/x',
  'mailto:someone@example.com',
  '//evil/index.html',
  '/index.html',
  'index.html',
  '',
  'papertape://',
  'papertape://app' + '/a'.repeat(3000),
];

describe('request policy (session.webRequest.onBeforeRequest)', () => {
  it.each(APP_FILES)('lets the app origin load %s', (url) => {
    expect(requestDecision(url)).toEqual({ cancel: false });
  });

  it.each(FOREIGN)('cancels %s', (url) => {
    expect(requestDecision(url)).toEqual({ cancel: true });
  });

  it('cancels non-strings', () => {
    for (const v of [undefined, null, 42, {}, ['papertape://app/'], { toString: () => 'papertape://app/' }]) {
      expect(requestDecision(v)).toEqual({ cancel: true });
    }
  });

  it('leaves encoded traversal to the protocol handler, on the app host only', () => {
    // The path is still the app origin; resolveAppFile answers 404 for anything outside the renderer folder.
    expect(requestDecision('papertape://app/%2e%2e/%2e%2e/etc/passwd')).toEqual({ cancel: false });
    expect(requestDecision('papertape://evil/%2e%2e/etc/passwd')).toEqual({ cancel: true });
  });

  it('cancels devtools:// unless the unpackaged build asks for DevTools, and nothing else widens', () => {
    expect(requestDecision('devtools://devtools/bundled/inspector.html')).toEqual({ cancel: true });
    expect(requestDecision('devtools://devtools/bundled/inspector.html', { allowDevTools: false })).toEqual({ cancel: true });
    expect(requestDecision('devtools://devtools/bundled/inspector.html', { allowDevTools: true })).toEqual({ cancel: false });
    expect(requestDecision('https://example.com/', { allowDevTools: true })).toEqual({ cancel: true });
    expect(requestDecision('chrome-devtools://devtools/', { allowDevTools: true })).toEqual({ cancel: true });
  });

  it('never lets a URL that does not parse to exactly papertape://app through (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const decision = requestDecision(s);
        if (decision.cancel) return true;
        const u = new URL(s);
        return u.protocol === 'papertape:' && u.host === 'app' && u.username === '' && u.password === '';
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (u) => requestDecision(u).cancel === true),
      { numRuns: 500 },
    );
  });
});

describe('navigation policy (will-navigate, will-redirect)', () => {
  it.each([
    'papertape://app/',
    'papertape://app/index.html',
    'papertape://app/index.html?recovered=render-process-gone&reason=crashed',
    'papertape://app/index.html#x',
  ])('allows a reload of the app document: %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(true);
  });

  it.each([
    ...FOREIGN,
    'papertape://app/assets/index-abc123.js',
    'papertape://app/other.html',
    'papertape://app/index.html/',
    'papertape://app/INDEX.HTML',
    'papertape://app//index.html',
    'papertape://app/index.html%00',
    'papertape://app/%69ndex.html',
  ])('denies %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it('denies non-strings', () => {
    for (const v of [undefined, null, 0, {}, []]) expect(isAllowedNavigation(v)).toBe(false);
  });
});

describe('window.open and permissions', () => {
  it('denies every window.open', () => {
    for (const url of [...APP_FILES, ...FOREIGN]) {
      expect(windowOpenDecision({ url, frameName: '', features: '', disposition: 'new-window' })).toEqual({ action: 'deny' });
    }
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });

  const PERMISSIONS = [
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'fullscreen',
    'geolocation',
    'hid',
    'idle-detection',
    'media',
    'mediaKeySystem',
    'midi',
    'midiSysex',
    'notifications',
    'openExternal',
    'pointerLock',
    'serial',
    'usb',
    'keyboardLock',
    'fileSystem',
    'storage-access',
    'window-management',
    'local-fonts',
    'unknown',
    'a-permission-chromium-adds-next-year',
  ];

  it.each(PERMISSIONS)('denies the %s request and check, even from the app origin', (permission) => {
    expect(permissionRequestDecision(permission, 'papertape://app/index.html')).toBe(false);
    expect(permissionCheckDecision(permission, 'papertape://app')).toBe(false);
  });

  it('gives no device to any picker', () => {
    expect(devicePermissionDecision({ deviceType: 'usb', origin: 'papertape://app' })).toBe(false);
  });
});
