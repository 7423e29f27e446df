import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json';
import { handlers } from '../../src-main/ipc/handlers';
import { configureLane } from '../../src-main/services/lanes/lane-service';
import { listFixtureSpecs } from '../../src-main/services/views/fixture-specs';
import { openApp, screenshot, type Harness } from './harness';
import { RESEARCH_LANE_CONFIG } from './view-fixture';

/** Issue 10 item 1 (in part): a recorded session's spec cloned into the create form, edited, validated, created. */
describe('cloning a session spec in Chromium against the real registry', () => {
  let h: Harness;
  let original = '';
  let originalSpec: JsonObject = {};
  beforeAll(async () => {
    h = await openApp();
    configureLane(h.app, { lane: 'paper_research', config: RESEARCH_LANE_CONFIG, actor: 'Lead Chen', reason: 'e2e lane' });
    originalSpec = listFixtureSpecs().find((f) => f.id === 'demo-research.yaml')!.spec;
    original = (await handlers['sessions.create']({ spec: originalSpec, owner: 'Analyst Lin' }, h.app)).id;
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await h.fresh();
    await h.page.getByRole('button', { name: 'Sessions', exact: true }).click();
    await h.page.getByRole('textbox', { name: 'Your name' }).first().fill('Analyst Lin');
  });

  const sessionCount = async () => (await handlers['sessions.list'](undefined, h.app)).length;

  it('puts the spec of a recorded session in the form; edited, it becomes a new session and the original is unchanged', async () => {
    const { page } = h;
    await page.getByRole('button', { name: `Clone the run spec of session ${original}` }).click();
    await expect.poll(() => page.getByTestId('cloned-from').textContent()).toMatch(new RegExp(`^The run spec of ${original}, to edit`));
    const editor = page.getByTestId('spec-json');
    const cloned = JSON.parse(await editor.inputValue()) as JsonObject;
    expect(cloned).toEqual((await handlers['sessions.get']({ sessionId: original }, h.app)).spec);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'sessions-clone-en');

    const before = await sessionCount();
    await editor.fill(JSON.stringify({ ...cloned, name: 'Breakout, seed 7', seed: 7 }, null, 2));
    await page.getByRole('button', { name: 'Create session' }).click();
    await expect.poll(sessionCount).toBe(before + 1);
    const originalHash = (await handlers['sessions.get']({ sessionId: original }, h.app)).session.specHash;
    const created = (await handlers['sessions.list'](undefined, h.app)).find((s) => s.id !== original && s.specHash !== originalHash);
    expect(created).toBeDefined();
    const spec = (await handlers['sessions.get']({ sessionId: created!.id }, h.app)).spec;
    expect(spec).toMatchObject({ name: 'Breakout, seed 7', seed: 7, lane: 'paper_research' });
    expect((await handlers['sessions.get']({ sessionId: original }, h.app)).spec).toEqual(originalSpec);
    await expect.poll(() => page.getByTestId('sessions-table').locator(`tr[data-session="${created!.id}"]`).count()).toBe(1);
    await expect.poll(() => page.getByTestId('cloned-from').count()).toBe(0);
  });

  it('refuses an edited spec that does not validate, names the field, and stores nothing', async () => {
    const { page } = h;
    await page.getByRole('button', { name: `Clone the run spec of session ${original}` }).click();
    const editor = page.getByTestId('spec-json');
    await expect.poll(() => editor.inputValue()).toMatch(/"lane": "paper_research"/);
    const before = await sessionCount();
    const cloned = JSON.parse(await editor.inputValue()) as JsonObject;
    await editor.fill(JSON.stringify({ ...cloned, mode: 'live' }, null, 2));
    await page.getByRole('button', { name: 'Create session' }).click();
    const form = page.getByRole('region', { name: 'Create a session' });
    await expect.poll(() => form.getByTestId('call-error-code').count()).toBe(1);
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/mode/);
    expect(await sessionCount()).toBe(before);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'sessions-clone-refused');
  });

  it('says so in Traditional Chinese', async () => {
    const { page } = h;
    await page.locator('label', { hasText: '繁體中文' }).click();
    await page.getByRole('button', { name: `複製交易場次 ${original} 的執行設定` }).click();
    await expect
      .poll(() => page.getByTestId('cloned-from').textContent())
      .toBe(`${original} 的執行設定，可先編輯：建立時會驗證並記錄為新的交易場次；${original} 本身不變。`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'sessions-clone-zh-TW');
  });

  it('made no request outside the app', () => {
    expect(h.outsideRequests).toEqual([]);
  });
});
