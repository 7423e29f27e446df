import { describe, expect, it } from 'vitest';
import { appForTests, screenshot, type Harness } from './harness';

describe('app shell in Chromium', () => {
  let h: Harness;
  appForTests((x) => (h = x));

  it('shows PAPER ONLY, the real temp data directory and the audit status from the main process', async () => {
    const { page } = h;
    await expect.poll(() => page.getByTestId('paper-only').textContent()).toBe('PAPER ONLY');
    await expect.poll(() => page.getByTestId('data-dir').textContent()).toBe(h.dataDir);
    // Opening the store recorded its signing key (one registry event), and recovery verified it.
    await expect.poll(() => page.getByTestId('audit-status').textContent()).toBe('verified');
    await expect.poll(() => page.getByText('Exchange time (Asia/Taipei)', { exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByRole('region', { name: 'Workstation' }).getByText(process.versions.node).count()).toBe(1);
    await screenshot(page, 'app-shell-en-dark');
  });

  it('navigates every view', async () => {
    const { page } = h;
    for (const name of ['Orders', 'Portfolio', 'Risk', 'Sessions', 'Approvals', 'Audit', 'Evidence', 'Replay', 'Market']) {
      await page.getByRole('button', { name, exact: true }).click();
      await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe(name);
      await expect.poll(() => page.getByRole('heading', { level: 2, name, exact: true }).isVisible()).toBe(true);
    }
  });

  it('switches to Traditional Chinese and to the light theme at run time', async () => {
    const { page } = h;
    await page.locator('label', { hasText: '繁體中文' }).click();
    await expect.poll(() => page.getByRole('radio', { name: '繁體中文' }).isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId('paper-only').textContent()).toBe('僅限模擬');
    await expect.poll(() => page.getByText('交易所時間（亞洲/台北）', { exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: '切換淺色或深色主題' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'))).toBe('light');
    await screenshot(page, 'app-shell-zh-TW-light');
  });
});
