import { beforeAll, describe, expect, it } from 'vitest';
import { appForTests, TEST_ORIGIN, type Harness } from './harness';

/**
 * The page's own CSP meta tag is what blocks here (the harness serves files without headers), so
 * these tests prove the policy the renderer ships. `'self'` is the harness origin in this setting.
 */
interface Violation {
  directive: string;
  blocked: string;
}

const REMOTE = 'https://evil.example';

describe('security in Chromium', () => {
  let h: Harness;
  appForTests((x) => (h = x), { fresh: false });
  beforeAll(async () => {
    await h.page.evaluate(() => {
      const w = window as unknown as { __violations: Violation[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        w.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI });
      });
    });
  });

  const violations = () => h.page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations.slice());

  it('clicks through every view (and both languages) without a single request leaving the app', async () => {
    const { page } = h;
    // Only what this walk causes: the tests that inject blocked content may have run first.
    const requestsBefore = h.outsideRequests.length;
    const violationsBefore = (await violations()).length;
    await expect.poll(() => page.getByTestId('paper-only').isVisible()).toBe(true);
    const buttons = page.locator('nav .mantine-NavLink-root');
    const count = await buttons.count();
    expect(count).toBeGreaterThanOrEqual(9);
    for (let i = 0; i < count; i++) {
      await buttons.nth(i).click();
      await expect.poll(() => buttons.nth(i).getAttribute('aria-current')).toBe('page');
    }
    await page.locator('label', { hasText: '繁體中文' }).click();
    for (let i = count - 1; i >= 0; i--) await buttons.nth(i).click();
    await page.locator('label', { hasText: 'English' }).click();
    expect(h.outsideRequests.slice(requestsBefore)).toEqual([]);
    expect((await violations()).slice(violationsBefore)).toEqual([]);
  });

  it('blocks an injected remote script and an inline script before they run', async () => {
    const before = (await violations()).length;
    const ran = await h.page.evaluate(async (remote) => {
      const w = window as unknown as Record<string, unknown>;
      const remoteScript = document.createElement('script');
      remoteScript.src = `${remote}/x.js`;
      const inline = document.createElement('script');
      inline.textContent = 'window.__inlineRan = true';
      const loaded = new Promise<string>((resolve) => {
        remoteScript.onload = () => resolve('loaded');
        remoteScript.onerror = () => resolve('error');
      });
      document.head.append(remoteScript, inline);
      return { remote: await loaded, inline: w.__inlineRan === true };
    }, REMOTE);
    expect(ran).toEqual({ remote: 'error', inline: false });
    await expect
      .poll(async () =>
        (await violations())
          .slice(before)
          .filter((v) => v.directive === 'script-src-elem')
          .map((v) => v.blocked),
      )
      .toEqual([`${REMOTE}/x.js`, 'inline']);
  });

  it('blocks string-to-code (eval-like timers)', async () => {
    // Code Playwright evaluates itself is exempt from CSP (DevTools privilege), so the page's own
    // timer compiles the string, outside that exemption, as injected page code would.
    await h.page.evaluate(() => {
      (window as unknown as { setTimeout: (code: string, ms: number) => number }).setTimeout('window.__evalRan = true', 0);
    });
    await expect.poll(async () => (await violations()).some((v) => v.directive === 'script-src' && v.blocked === 'eval')).toBe(true);
    expect(await h.page.evaluate(() => (window as unknown as { __evalRan?: boolean }).__evalRan)).toBeUndefined();
  });

  it('blocks a remote image, frame, stylesheet, fetch, WebSocket and beacon', async () => {
    const before = (await violations()).length;
    const mine = async () => (await violations()).slice(before);
    const outcome = await h.page.evaluate(async (remote) => {
      const img = document.createElement('img');
      const imgDone = new Promise<string>((r) => {
        img.onload = () => r('loaded');
        img.onerror = () => r('error');
      });
      img.src = `${remote}/pixel.png`;
      document.body.append(img);
      const frame = document.createElement('iframe');
      frame.src = `${remote}/frame.html`;
      document.body.append(frame);
      const css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = `${remote}/x.css`;
      document.head.append(css);
      const fetched = await fetch(`${remote}/api`).then(
        () => 'resolved',
        (e: Error) => e.name,
      );
      let ws = 'constructed';
      try {
        new WebSocket('ws://localhost:9222/');
      } catch (e) {
        ws = (e as Error).name;
      }
      const beacon = navigator.sendBeacon(`${remote}/beacon`, 'x');
      return { img: await imgDone, fetched, ws, beacon };
    }, REMOTE);
    expect(outcome.img).toBe('error');
    expect(outcome.fetched).toBe('TypeError');
    // sendBeacon only queues (returns true); the CSP refuses it when it is sent, as a connect-src violation.
    expect(typeof outcome.beacon).toBe('boolean');
    await expect
      .poll(async () => new Set((await mine()).map((v) => v.directive)))
      .toEqual(new Set(['img-src', 'frame-src', 'style-src-elem', 'connect-src']));
    const blocked = (await mine()).map((v) => v.blocked);
    for (const url of [`${REMOTE}/pixel.png`, `${REMOTE}/x.css`, `${REMOTE}/api`, 'ws://localhost:9222/', `${REMOTE}/beacon`]) {
      expect(blocked).toContain(url);
    }
    // Chromium reports a blocked frame navigation by its origin only.
    expect(blocked.some((b) => b === REMOTE || b === `${REMOTE}/frame.html`)).toBe(true);
  });

  it('serves the page from the app origin only', async () => {
    expect(new URL(h.page.url()).origin).toBe(TEST_ORIGIN);
  });
});
