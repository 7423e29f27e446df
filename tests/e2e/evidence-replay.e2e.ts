import fs from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json';
import { attachDialogProvider } from '../../src-main/electron/dialogs/dialog-provider';
import { attachSigningKeyStatus } from '../../src-main/electron/signing-key/signing-key-status';
import { handlers } from '../../src-main/ipc/handlers';
import { configureLane } from '../../src-main/services/lanes/lane-service';
import { createPipelineSessionRunner } from '../../src-main/services/session-execution/pipeline-session-runner';
import { setSessionRunner } from '../../src-main/services/sessions/session-runner-port';
import { whenSettled } from '../../src-main/services/sessions/session-runs';
import { smallSpec } from '../integration/pipeline/small-spec';
import { makeTempDir } from '../support/temp-dir';
import type { Page } from 'playwright-core';
import { appForTests, pageStep, screenshot, TEST_ORIGIN, type Harness } from './harness';
import { WIDE_RESEARCH_LANE_CONFIG } from './view-fixture';

/** Changes one ASCII letter inside the third event's `type` value; returns the offset, after checking bytes changed. */
function tamperOneByte(file: string): number {
  const bytes = fs.readFileSync(file);
  const lines = bytes.toString('utf8').split('\n');
  const before = lines.slice(0, 2).join('\n').length + 1;
  const at = before + (lines[2] ?? '').indexOf('"type":"') + '"type":"'.length;
  const old = bytes[at]!;
  bytes[at] = old === 0x61 ? 0x62 : 0x61;
  fs.writeFileSync(file, bytes);
  expect(fs.readFileSync(file)[at]).not.toBe(old);
  return at;
}

/** Full-page shots from the top, so the fixed header is not drawn over the middle of the page. */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

describe('evidence, replay and audit verification in Chromium against the real registry', () => {
  let h: Harness;
  let sessionId = '';
  const out = makeTempDir('papertape-e2e-bundles-');

  appForTests((x) => (h = x));
  beforeAll(async () => {
    // A locator that never matches must fail the test with its name, not wait for the test timeout.
    h.page.setDefaultTimeout(20_000);
    // The real pipeline, in this process: replay can only reproduce what the real runner wrote.
    setSessionRunner(h.app, createPipelineSessionRunner({ checkEvery: 16 }));
    configureLane(h.app, { lane: 'paper_research', config: WIDE_RESEARCH_LANE_CONFIG, actor: 'Lead Chen', reason: 'e2e lane' });
    const created = await handlers['sessions.create']({ spec: smallSpec() as JsonObject, owner: 'Analyst Lin' }, h.app);
    sessionId = created.id;
  });
  afterAll(() => {
    out.cleanup();
  });

  const folderDialog = (answer: string, asked: string[] = []) =>
    attachDialogProvider(h.app, {
      platform: process.platform,
      showOpen: async () => ({ canceled: true, filePaths: [] }),
      showSave: async () => ({ canceled: true }),
      showOpenFolder: async (opts) => (asked.push(opts.title), { canceled: false, filePaths: [answer] }),
    });

  /** Each step runs once, for whichever test needs it first, and returns what it saw. */
  const recorded = pageStep(
    () => h,
    async () => {
      const { page } = h;
      await page.getByRole('button', { name: 'Sessions', exact: true }).click();
      await page.getByRole('textbox', { name: 'Your name' }).first().fill('Analyst Lin');
      await page.getByRole('button', { name: `Start session ${sessionId}` }).click();
      await whenSettled(h.app, sessionId);
      return sessionId;
    },
  );
  const exported = pageStep(
    () => h,
    async () => {
      await recorded();
      const { page } = h;
      await page.getByRole('button', { name: 'Evidence', exact: true }).click();
      await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('Evidence');
      const exportPanel = page.getByRole('region', { name: 'Export a session' });
      const chooseFolder = exportPanel.getByRole('button', { name: 'Choose with a folder dialog: Bundle folder to write (absolute path)' });
      // Before any dialog provider is attached (this step runs before every other that attaches one).
      await chooseFolder.click();
      await expect.poll(() => exportPanel.getByTestId('call-error-code').count()).toBe(1);
      const withoutDialogs = {
        code: await exportPanel.getByTestId('call-error-code').textContent(),
        message: await exportPanel.getByTestId('call-error').textContent(),
      };
      await exportPanel.getByRole('combobox', { name: 'Session' }).click();
      await page.getByRole('option', { name: new RegExp(sessionId) }).click();

      // What the desktop shell's folder dialog would answer: the folder the user picked, not the bundle itself.
      const asked: string[] = [];
      folderDialog(out.dir, asked);
      await chooseFolder.click();
      const target = path.join(out.dir, `bundle-${sessionId}`);
      const outDir = exportPanel.getByRole('textbox', { name: 'Bundle folder to write (absolute path)' });
      await expect.poll(() => outDir.inputValue()).toBe(target);
      const errorsAfterChoice = await exportPanel.getByTestId('call-error').count();
      await exportPanel.getByRole('switch', { name: 'Also write a .zip archive' }).check();
      await expect.poll(() => exportPanel.getByTestId('export-zip-path').count()).toBe(1);
      const zipNote = await exportPanel.getByTestId('export-zip-path').textContent();
      await exportPanel.getByRole('button', { name: 'Export bundle' }).click();
      await expect.poll(() => exportPanel.getByTestId('export-phase').textContent(), { timeout: 60_000 }).toBe('Done');
      const progress = await exportPanel.getByRole('progressbar', { name: 'Export progress' }).getAttribute('aria-valuenow');
      const bundleDir = (await exportPanel.getByTestId('export-dir').textContent()) ?? '';
      await shot(page, 'evidence-exported');
      return { target, bundleDir, withoutDialogs, asked, errorsAfterChoice, zipNote, progress };
    },
  );
  /** A copy of the bundle inside the data directory (so a typed path is accepted) with one byte of events.jsonl changed. */
  const tampered = pageStep(
    () => h,
    async () => {
      const { bundleDir } = await exported();
      const dir = path.join(h.dataDir, 'tampered-bundle');
      fs.cpSync(bundleDir, dir, { recursive: true });
      tamperOneByte(path.join(dir, 'events.jsonl'));
      return dir;
    },
  );

  it('shows the recovery banner after a reload with ?recovered= and the signing-key warning, and dismisses the first', async () => {
    const { page } = h;
    attachSigningKeyStatus(h.app, () => 'user-only-file');
    await page.goto(`${TEST_ORIGIN}/index.html?recovered=unresponsive`);
    const banner = page.getByTestId('recovered-banner');
    await expect.poll(() => banner.textContent()).toMatch(/stopped responding and was reloaded\. Nothing committed is lost/);
    await expect.poll(() => page.getByTestId('signing-key-banner').textContent()).toMatch(/readable only by your user account/);
    await shot(page, 'evidence-banners');
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => page.getByTestId('recovered-banner').count()).toBe(0);
    await expect.poll(() => page.getByTestId('signing-key-banner').count()).toBe(1);
  });

  it('records a session with the pipeline runner', async () => {
    await recorded();
    const { page } = h;
    await page.getByRole('button', { name: 'Sessions', exact: true }).click();
    const row = page.getByTestId('sessions-table').locator(`tbody tr[data-session="${sessionId}"]`);
    await expect.poll(() => row.locator('[data-status]').textContent()).toBe('completed');
  });

  it('verifies the store with Verify now, per log, and the header badge follows', async () => {
    await recorded();
    const { page } = h;
    await page.getByRole('button', { name: 'Audit', exact: true }).click();
    await page.getByRole('button', { name: 'Verify now' }).click();
    await expect.poll(() => page.getByTestId('verify-verdict').textContent()).toBe('VERIFIED');
    const logs = page.getByTestId('verify-logs');
    await expect.poll(() => logs.locator('tbody tr').count()).toBe(2);
    await expect
      .poll(() => logs.locator(`tr[data-log="session/${sessionId}"] [data-check-status]`).getAttribute('data-check-status'))
      .toBe('pass');
    await expect.poll(() => page.getByTestId('verify-checks').locator('[data-check-status="fail"]').count()).toBe(0);
    await expect.poll(() => page.getByTestId('verify-totals').textContent()).toMatch(/^2 logs, 0 failed; \d+ events read/);
    await expect.poll(() => page.getByTestId('audit-status').textContent()).toBe('verified');
    await shot(page, 'evidence-audit-verify');
  });

  it('refuses the folder dialog cleanly without a provider; with one, proposes bundle-<session> inside the chosen folder and exports it with its zip beside it', async () => {
    const e = await exported();
    expect(e.withoutDialogs.code).toBe('REFUSED');
    expect(e.withoutDialogs.message).toMatch(/file dialogs exist only in the desktop app/);
    expect(e.asked).toEqual(['Folder for the new evidence bundle']);
    expect(e.errorsAfterChoice).toBe(0);
    expect(e.zipNote).toBe(`The .zip archive is written beside it: ${e.target}.zip`);
    expect(e.progress).toBe('100');
    expect(e.bundleDir).toBe(e.target);
    expect(fs.statSync(e.bundleDir).isDirectory()).toBe(true);
    expect(fs.existsSync(path.join(e.bundleDir, 'events.jsonl'))).toBe(true);
    expect(fs.statSync(`${e.target}.zip`).isFile()).toBe(true);
    expect(fs.existsSync(`${e.target}.zip.zip`)).toBe(false);
  });

  it('opens the exported bundle: every check passes and the summary is labelled as someone else’s', async () => {
    const { bundleDir } = await exported();
    const { page } = h;
    await page.getByRole('button', { name: 'Evidence', exact: true }).click();
    const openPanel = page.getByRole('region', { name: 'Open a bundle' });
    // Both a .zip file and a bundle folder can be chosen; the folder button asks for an existing folder.
    const pick = openPanel.getByRole('button', { name: 'Choose with a file dialog: Bundle folder or .zip (absolute path)' });
    await expect.poll(() => pick.textContent()).toBe('Choose file…');
    folderDialog(bundleDir);
    await openPanel.getByRole('button', { name: 'Choose with a folder dialog: Bundle folder or .zip (absolute path)' }).click();
    await expect.poll(() => openPanel.getByRole('textbox', { name: 'Bundle folder or .zip (absolute path)' }).inputValue()).toBe(bundleDir);
    // Against the key inside the bundle alone, every check holds and it is still not VERIFIED.
    await openPanel.getByRole('button', { name: 'Open and verify' }).click();
    await expect.poll(() => openPanel.getByTestId('bundle-verdict').textContent()).toBe('UNPINNED');
    await expect
      .poll(() => openPanel.getByTestId('bundle-unpinned').textContent())
      .toMatch(/only against the key shipped inside the bundle/);
    await shot(page, 'evidence-bundle-unpinned');

    // Pin another analyst's key by pasting its PEM: remembered, and the bundle fails against it.
    const keys = openPanel.getByTestId('pinned-keys');
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
    await keys.getByRole('textbox', { name: 'Label (whose key, which machine)' }).fill('Analyst Wang laptop');
    await keys.getByRole('textbox', { name: 'Your name' }).fill('Reviewer Wu');
    await keys
      .getByRole('textbox', { name: 'Public key (PEM)' })
      .fill('-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n');
    await keys.getByRole('button', { name: 'Pin key' }).click();
    await expect.poll(() => keys.getByTestId('call-error').textContent()).toMatch(/NOT_A_PUBLIC_KEY: this is a private key/);
    await keys.getByRole('textbox', { name: 'Public key (PEM)' }).fill(other);
    await keys.getByRole('button', { name: 'Pin key' }).click();
    await expect.poll(() => keys.getByTestId('pin-status').textContent()).toMatch(/^Pinned Analyst Wang laptop \([0-9a-f]{16}\)\.$/);
    await expect.poll(() => keys.getByTestId('pinned-key-list').locator('tbody tr').count()).toBe(1);
    await expect.poll(() => keys.getByRole('combobox', { name: 'Verify with' }).inputValue()).toMatch(/^Analyst Wang laptop · /);
    await openPanel.getByRole('button', { name: 'Open and verify' }).click();
    await expect.poll(() => openPanel.getByTestId('bundle-verdict').textContent()).toBe('FAILED');
    await expect.poll(() => openPanel.getByTestId('bundle-first-failure').textContent()).toMatch(/sums\.signature/);
    await shot(page, 'evidence-bundle-wrong-key');

    // This workstation's own key signed it: VERIFIED.
    await keys.getByRole('combobox', { name: 'Verify with' }).click();
    await page.getByRole('option', { name: /^This workstation · / }).click();
    await openPanel.getByRole('button', { name: 'Open and verify' }).click();
    await expect.poll(() => openPanel.getByTestId('bundle-verdict').textContent()).toBe('VERIFIED');
    const checks = openPanel.getByTestId('bundle-checks');
    await expect.poll(() => checks.locator('tbody tr').count()).toBeGreaterThan(5);
    await expect.poll(() => checks.locator('[data-check-status="fail"]').count()).toBe(0);
    await expect.poll(() => checks.locator('[data-check-status="pass"]').count()).toBeGreaterThan(5);
    const summary = openPanel.getByTestId('bundle-summary');
    await expect.poll(() => summary.getByRole('heading', { name: 'Someone else’s bundle (read-only)' }).count()).toBe(1);
    await expect.poll(() => summary.getByTestId('bundle-session').textContent()).toBe(sessionId);
    await shot(page, 'evidence-bundle-verified');
  });

  it('opens the bundle again after one byte of events.jsonl changed: the failure is shown, the contents are not', async () => {
    const dir = await tampered();
    const { page } = h;
    await page.getByRole('button', { name: 'Evidence', exact: true }).click();
    const openPanel = page.getByRole('region', { name: 'Open a bundle' });
    await openPanel.getByRole('textbox', { name: 'Bundle folder or .zip (absolute path)' }).fill(dir);
    // Against the key that signed it, so what fails is the content, not the key.
    await openPanel.getByTestId('pinned-keys').getByRole('combobox', { name: 'Verify with' }).click();
    await page.getByRole('option', { name: /^This workstation · / }).click();
    await openPanel.getByRole('button', { name: 'Open and verify' }).click();
    await expect.poll(() => openPanel.getByTestId('bundle-verdict').textContent()).toBe('FAILED');
    await expect.poll(() => openPanel.getByTestId('bundle-verification').getAttribute('data-ok')).toBe('false');
    await expect.poll(() => openPanel.getByTestId('bundle-first-failure').textContent()).toMatch(/^First failing check: \S+/);
    await expect.poll(() => openPanel.getByTestId('bundle-checks').locator('[data-check-status="fail"]').count()).toBeGreaterThan(0);
    await expect
      .poll(() => openPanel.getByTestId('bundle-first-failing-seq').textContent())
      .toMatch(/^First failing event: seq 3 \(events\.chain\)/);
    await expect.poll(() => openPanel.getByTestId('bundle-summary').count()).toBe(0);
    await expect.poll(() => openPanel.getByTestId('bundle-not-shown').count()).toBe(1);
    await shot(page, 'evidence-bundle-tampered');
  });

  it('replays the session and finds it identical; the tampered bundle is refused', async () => {
    await recorded();
    const tamperedBundle = await tampered();
    const { page } = h;
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('Replay');
    const view = page.locator('[data-view="replay"]');
    await view.getByRole('combobox', { name: 'Session' }).click();
    await page.getByRole('option', { name: new RegExp(sessionId) }).click();
    await view.getByRole('button', { name: 'Run replay' }).click();
    await expect.poll(() => view.getByTestId('replay-status').textContent(), { timeout: 60_000 }).toBe('IDENTICAL');
    await expect.poll(() => view.getByTestId('replay-divergence').count()).toBe(0);
    await shot(page, 'replay-identical');

    await view.getByText('A bundle', { exact: true }).click();
    // A typed path is accepted only inside the data directory; the refusal asked for here is the bundle's own.
    await view.getByRole('textbox', { name: 'Bundle folder or .zip (absolute path)' }).fill(tamperedBundle);
    await view.getByRole('button', { name: 'Run replay' }).click();
    await expect.poll(() => view.getByTestId('call-error-code').textContent(), { timeout: 60_000 }).toBe('INTEGRITY_FAILURE');
    await expect.poll(() => view.getByTestId('replay-result').count()).toBe(0);
    await shot(page, 'replay-bundle-refused');
  });

  it('speaks zh-TW in the Evidence view', async () => {
    const dir = await tampered();
    const { page } = h;
    await page.getByRole('button', { name: 'Evidence', exact: true }).click();
    await page
      .getByRole('region', { name: 'Open a bundle' })
      .getByRole('textbox', { name: 'Bundle folder or .zip (absolute path)' })
      .fill(dir);
    await page.locator('label', { hasText: '繁體中文' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('證據包');
    await page.getByRole('button', { name: '開啟並驗證', exact: true }).click();
    await expect.poll(() => page.getByTestId('bundle-verdict').textContent()).toBe('驗證失敗');
    await shot(page, 'evidence-zh-TW');
  });
});
