import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForTests, screenshot, type Harness } from './harness';

const SAMPLE = path.resolve(__dirname, '../../fixtures/market/taifex/Daily_2026_12_01.csv');

describe('data file inspection in the Sessions view, in Chromium against the real registry', () => {
  let h: Harness;
  let broken = '';
  // Typed paths are accepted only inside the data directory (a dialog grant is needed elsewhere).
  let sample = '';
  appForTests((x) => (h = x));
  beforeAll(async () => {
    // The sample with one row outside both sessions: a run would refuse the file at that line.
    const lines = iconv.decode(fs.readFileSync(SAMPLE), 'cp950').split('\r\n');
    lines[2] = lines[2]!.replace('150001', '140000');
    sample = path.join(h.dataDir, 'sample', 'Daily_2026_12_01.csv');
    fs.mkdirSync(path.dirname(sample), { recursive: true });
    fs.copyFileSync(SAMPLE, sample);
    broken = path.join(h.dataDir, 'Daily_2026_12_01.csv');
    fs.writeFileSync(broken, iconv.encode(lines.join('\r\n'), 'cp950'));
  });

  it('shows format, counts, contracts, sessions and the fingerprint of an accepted file', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Sessions', exact: true }).click();
    await page.getByTestId('data-inspect-path').fill(sample);
    await page.getByRole('button', { name: 'Inspect', exact: true }).click();
    const panel = page.getByTestId('data-inspection');
    await expect.poll(() => panel.getByTestId('data-inspection-verdict').textContent()).toBe('a run accepts it');
    expect(await panel.getByTestId('data-inspection-counts').textContent()).toBe(
      '20 rows: 17 kept, 2 spread rows, 1 far-month rows, 1 other products, 0 weekly, 0 refused',
    );
    expect(await panel.getByText('TAIFEX daily ticks (CSV)').count()).toBe(1);
    expect(await panel.getByRole('table', { name: 'Contracts in the file' }).locator('tbody tr').count()).toBe(4);
    expect(
      await panel.getByRole('table', { name: 'Sessions in the file' }).getByText('after-hours (belongs to the next trading day)').count(),
    ).toBe(2);
    expect(await panel.getByTestId('data-inspection-fingerprint').textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await panel.getByTestId('data-inspection-book-model').textContent()).toMatch(
      /^This data has trades but no quotes: a session fills against a book synthesized from each print\./,
    );
    await screenshot(page, 'data-inspect-en');
  });

  it('lists a refused row as file:line: reason, and in Traditional Chinese', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Sessions', exact: true }).click();
    await page.getByTestId('data-inspect-path').fill(broken);
    await page.getByRole('button', { name: 'Inspect', exact: true }).click();
    const refused = page.getByTestId('data-inspection-refused');
    await expect
      .poll(() => refused.textContent())
      .toBe('Daily_2026_12_01.csv:3: trade time 140000 is outside both sessions (08:45-13:45, 15:00-05:00)');
    await page.locator('label', { hasText: '繁體中文' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '檢視行情資料檔' }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('data-inspection-verdict').textContent()).toBe('拒絕：1 列');
    await screenshot(page, 'data-inspect-zh-TW-refused');
    await page.getByTestId('data-inspect-path').fill(sample);
    await page.getByRole('button', { name: '檢視', exact: true }).click();
    await expect.poll(() => page.getByTestId('data-inspection-verdict').textContent()).toBe('執行時會接受');
    expect(await page.getByTestId('data-inspection-book-model').textContent()).toMatch(/^此資料只有成交、沒有報價/);
    await screenshot(page, 'data-inspect-zh-TW');
  });
});
