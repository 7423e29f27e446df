import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { AppContext } from '../../src-main/app-context';
import { openWorkstationContext } from '../../src-main/services/workstation-context';
import { handlers } from '../../src-main/ipc/handlers';
import { createRegistry } from '../../src-main/ipc/registry';
import { findChromium } from '../../src-main/services/doctor';
import { makeTempDir } from '../support/temp-dir';

/** The page is served under this origin by request interception: no server socket, no network. */
export const TEST_ORIGIN = 'http://papertape.test';
const RENDERER_DIR = path.resolve(__dirname, '../../out/renderer');
export const SCREENSHOT_DIR = path.resolve(__dirname, '../../test-results/screenshots');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export interface Harness {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  app: AppContext;
  dataDir: string;
  /** Every request the page made to anything but the app's own origin (each was aborted). */
  outsideRequests: string[];
  /**
   * The page reloaded on the same main-process state: English, the dark theme, no view state left by
   * another test. Each test starts from it, so the tests of a file pass in any order.
   */
  fresh(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One app for the tests of a describe block: opened before them (`open`, default `openApp`), the page
 * reloaded before each (unless `fresh: false`), and after them all closed, with the check that no request
 * left the app made once every test has run, whatever their order. Hooks the block adds run after these.
 */
export function appForTests(assign: (h: Harness) => void, opts: { open?: () => Promise<Harness>; fresh?: boolean } = {}): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await (opts.open ?? openApp)();
    assign(h);
  });
  afterAll(async () => {
    const outside = h?.outsideRequests ?? [];
    await h?.close();
    expect(outside).toEqual([]);
  });
  if (opts.fresh !== false) beforeEach(async () => h!.fresh());
}

/**
 * A step several tests need done first (a session recorded, a bundle exported), run once by whichever
 * test needs it first. It returns what it saw while it ran, so a test asserts on that rather than on
 * screen state another test may have left.
 */
export function once<T>(step: () => Promise<T>): () => Promise<T> {
  let done: Promise<T> | null = null;
  return () => (done ??= step());
}

/**
 * A `once` step that drives the page: after it ran, the page is reloaded, so the test that asked for it
 * starts from the same fresh page whether the step ran just now or long before.
 */
export function pageStep<T>(harness: () => Harness, step: () => Promise<T>): () => Promise<T> {
  return once(async () => {
    const value = await step();
    await harness().fresh();
    return value;
  });
}

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/**
 * Opens the built renderer in Chromium with the preload replaced by `exposeBinding`, which forwards
 * to the real IPC registry and real services on a real SQLite file in a temp data directory.
 */
export async function openApp(): Promise<Harness> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first.');
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: apt-get install -y chromium, or set PAPERTAPE_CHROMIUM.');
  const { dir: dataDir, cleanup } = makeTempDir('papertape-e2e-');
  const app = openWorkstationContext({ dataDir });
  const registry = createRegistry(app, handlers, { trustedOrigin: TEST_ORIGIN });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const outsideRequests: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== TEST_ORIGIN) {
      outsideRequests.push(url.href);
      return route.abort('blockedbyclient');
    }
    const rel = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname);
    const file = path.resolve(RENDERER_DIR, '.' + rel);
    if (!file.startsWith(RENDERER_DIR + path.sep) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: 'Not found' });
    return route.fulfill({ status: 200, body: fs.readFileSync(file), contentType: MIME[path.extname(file)] ?? 'application/octet-stream' });
  });
  await context.exposeBinding('__papertapeInvoke', (source, name: unknown, input: unknown) =>
    registry.dispatch(name, input, { url: source.frame.url() }),
  );
  await context.addInitScript(() => {
    const listeners = new Map<string, Set<(p: unknown) => void>>();
    const w = window as unknown as Record<string, unknown>;
    w.__papertapeEmit = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
    w.papertape = Object.freeze({
      invoke: (name: string, input?: unknown) => (w.__papertapeInvoke as (n: string, i: unknown) => Promise<unknown>)(name, input),
      on: (event: string, listener: (p: unknown) => void) => {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event)!.add(listener);
        return () => listeners.get(event)?.delete(listener);
      },
    });
  });
  const page = await context.newPage();
  const unsubscribe = app.events.subscribe((event, payload) => {
    void page
      .evaluate(([e, p]) => (window as unknown as { __papertapeEmit: (e: string, p: unknown) => void }).__papertapeEmit(e, p), [
        event,
        payload,
      ] as const)
      .catch(() => undefined);
  });
  await page.goto(`${TEST_ORIGIN}/index.html`);
  return {
    browser,
    context,
    page,
    app,
    dataDir,
    outsideRequests,
    async fresh() {
      await page.evaluate(() => localStorage.clear());
      await page.goto(`${TEST_ORIGIN}/index.html`);
      await page.getByTestId('paper-only').waitFor();
    },
    async close() {
      unsubscribe();
      await browser.close();
      app.close();
      cleanup();
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
