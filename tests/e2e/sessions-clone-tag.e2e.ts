import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json';
import { handlers } from '../../src-main/ipc/handlers';
import { configureLane } from '../../src-main/services/lanes/lane-service';
import { listFixtureSpecs } from '../../src-main/services/views/fixture-specs';
import { runSpecFromObject } from '../../src-main/pipeline/runner/run-spec';
import { openMarketData } from '../../src-main/pipeline/runner/session-setup';
import { scriptedRunner } from '../../src-main/services/drills/scripted-runner';
import { setSessionRunner } from '../../src-main/services/sessions/session-runner-port';
import { whenSettled } from '../../src-main/services/sessions/session-runs';
import { appForTests, screenshot, type Harness } from './harness';
import { demoSteps, RESEARCH_LANE_CONFIG } from './view-fixture';

/**
 * Issue 10 item 1 (in part): a recorded session's spec cloned into the create form, edited, validated and
 * created; a finished session tagged as promotion evidence or ignored, with a reason.
 */
describe('cloning and tagging sessions in Chromium against the real registry', () => {
  let h: Harness;
  let original = '';
  let originalSpec: JsonObject = {};
  let finished = '';
  appForTests((x) => (h = x));
  beforeAll(async () => {
    configureLane(h.app, { lane: 'paper_research', config: RESEARCH_LANE_CONFIG, actor: 'Lead Chen', reason: 'e2e lane' });
    originalSpec = listFixtureSpecs().find((f) => f.id === 'demo-research.yaml')!.spec;
    original = (await handlers['sessions.create']({ spec: originalSpec, owner: 'Analyst Lin' }, h.app)).id;
    // A finished session to tag: the same spec, run by a scripted runner with the real data's fingerprint.
    finished = (await handlers['sessions.create']({ spec: originalSpec, owner: 'Analyst Lin' }, h.app)).id;
    const fingerprint = openMarketData(runSpecFromObject(originalSpec, '/')).data.fingerprint;
    setSessionRunner(h.app, scriptedRunner({ steps: demoSteps(finished, fingerprint) }));
    await handlers['sessions.start']({ sessionId: finished, actor: 'Analyst Lin' }, h.app);
    await whenSettled(h.app, finished);
  });
  beforeEach(async () => {
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

  it('tags a finished session as ignored by promotion with a reason, shows who and why, and clears it', async () => {
    const { page } = h;
    const row = page.getByTestId('sessions-table').locator(`tr[data-session="${finished}"]`);
    await expect.poll(() => row.locator('[data-status]').textContent()).toBe('completed');
    // A scheduled session offers no tag: its evidence is not in yet.
    await expect.poll(() => page.getByRole('button', { name: `Tag session ${original} as ignored by promotion` }).count()).toBe(0);
    // Without a reason nothing is recorded.
    await row.getByRole('button', { name: `Tag session ${finished} as ignored by promotion` }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Type the reason for the tag above first/);
    expect((await handlers['sessions.get']({ sessionId: finished }, h.app)).session.tag).toBeNull();

    await page.getByRole('textbox', { name: 'Reason' }).fill('rehearsal on a fixture day');
    await row.getByRole('button', { name: `Tag session ${finished} as ignored by promotion` }).click();
    await expect
      .poll(() => row.getByTestId('session-tag').textContent())
      .toBe('Ignored by promotion, by Analyst Lin: rehearsal on a fixture day');
    expect((await handlers['sessions.get']({ sessionId: finished }, h.app)).session.tag).toMatchObject({
      kind: 'ignored',
      by: 'Analyst Lin',
    });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'sessions-tagged');
    await row.getByRole('button', { name: `Clear the tag of session ${finished}` }).click();
    await expect.poll(() => row.getByTestId('session-tag').count()).toBe(0);
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
});
