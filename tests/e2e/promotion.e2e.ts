import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json';
import type { LaneConfig } from '../../src-shared/governance/lanes';
import { handlers } from '../../src-main/ipc/handlers';
import { runSpecFromObject } from '../../src-main/pipeline/runner/run-spec';
import { openMarketData } from '../../src-main/pipeline/runner/session-setup';
import { scriptedRunner } from '../../src-main/services/drills/scripted-runner';
import { configureLane } from '../../src-main/services/lanes/lane-service';
import { governanceOf } from '../../src-main/services/sessions/governance';
import { readLog } from '../../src-main/services/sessions/log-reader';
import { setSessionRunner } from '../../src-main/services/sessions/session-runner-port';
import { whenSettled } from '../../src-main/services/sessions/session-runs';
import { listFixtureSpecs } from '../../src-main/services/views/fixture-specs';
import { appForTests, openApp, screenshot, type Harness } from './harness';
import { demoSteps, WIDE_RESEARCH_LANE_CONFIG } from './view-fixture';

/**
 * Issue 10 item 2 (in part): the research lane's promotion funnel in the Risk view, each criterion with its
 * number and threshold from the logs; a request by one name, a review by another, refused while a criterion fails.
 */
async function appWithFinishedSession(criteria: Partial<LaneConfig['promotionCriteria']>): Promise<{ h: Harness; strategyId: string }> {
  const h = await openApp();
  const config: LaneConfig = {
    ...WIDE_RESEARCH_LANE_CONFIG,
    promotionCriteria: { ...WIDE_RESEARCH_LANE_CONFIG.promotionCriteria, ...criteria },
  };
  configureLane(h.app, { lane: 'paper_research', config, actor: 'Lead Chen', reason: 'e2e lane' });
  const spec = listFixtureSpecs().find((f) => f.id === 'demo-research.yaml')!.spec as JsonObject;
  const s = await handlers['sessions.create']({ spec, owner: 'Analyst Lin' }, h.app);
  const fingerprint = openMarketData(runSpecFromObject(spec, '/')).data.fingerprint;
  setSessionRunner(h.app, scriptedRunner({ steps: demoSteps(s.id, fingerprint) }));
  await handlers['sessions.start']({ sessionId: s.id, actor: 'Analyst Lin' }, h.app);
  await whenSettled(h.app, s.id);
  return { h, strategyId: s.strategyId! };
}

async function openPanel(h: Harness, name: string) {
  const { page } = h;
  await page.getByRole('button', { name: 'Risk', exact: true }).click();
  await page.getByRole('textbox', { name: 'Your name' }).first().fill(name);
  return page.getByTestId('promotion-panel');
}

describe('the promotion funnel when every criterion holds', () => {
  let h: Harness;
  let strategyId = '';
  appForTests((x) => (h = x), {
    open: async () => {
      const opened = await appWithFinishedSession({ minCompletedSessions: 1, minFills: 1 });
      strategyId = opened.strategyId;
      return opened.h;
    },
  });

  it('shows every criterion with its number and threshold; one name requests, the same name may not review, another approves', async () => {
    const { page } = h;
    const panel = await openPanel(h, 'Lead Chen');
    const card = panel.locator(`[data-strategy="${strategyId}"]`);
    await expect.poll(() => card.locator('[data-criterion="minFills"] [data-testid="criterion-progress"]').textContent()).toBe('1 / 1');
    await expect.poll(() => card.locator('[data-criterion="minCompletedSessions"]').getAttribute('data-pass')).toBe('true');
    await expect.poll(() => card.getByTestId('promotion-eligible').textContent()).toBe('every criterion holds');

    await panel.getByRole('textbox', { name: 'Reason for the request or the review' }).fill('one clean session, as the lane asks');
    await card.getByRole('button', { name: `Request the promotion of ${strategyId} to the gatecheck lane` }).click();
    await expect.poll(() => card.getByTestId('promotion-pending').textContent()).toMatch(/^Requested by Lead Chen: one clean session/);
    // The reason box is cleared after the request: the review states its own.
    const reasonBox = panel.getByRole('textbox', { name: 'Reason for the request or the review' });
    await expect.poll(() => reasonBox.inputValue()).toBe('');
    await reasonBox.fill('reviewed the fills and the drawdown');
    await card.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toMatch(/SAME_REVIEWER/);

    await page.getByRole('textbox', { name: 'Your name' }).first().fill('Risk Wu');
    await card.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => card.getByTestId('promotion-decided').getAttribute('data-decision')).toBe('approved');
    await expect
      .poll(() => card.getByTestId('promotion-decided').textContent())
      .toMatch(/^Approved by Risk Wu at .+ \(requested by Lead Chen\): reviewed the fills and the drawdown$/);
    const types = readLog(governanceOf(h.app).store, 'registry').map((e) => e.type);
    expect(types.filter((t) => t === 'promotion.requested' || t === 'promotion.decided')).toEqual([
      'promotion.requested',
      'promotion.decided',
    ]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'risk-promotion-approved');
  });

  it('names the criteria in Traditional Chinese', async () => {
    const { page } = h;
    const panel = await openPanel(h, 'Lead Chen');
    await page.locator('label', { hasText: '繁體中文' }).click();
    await expect.poll(() => panel.getByRole('heading', { name: '晉級至把關通道' }).count()).toBe(1);
    await expect.poll(() => panel.locator('[data-criterion="minFills"]').getByText('成交筆數').count()).toBe(1);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'risk-promotion-zh-TW');
  });
});

describe('the promotion funnel while a criterion fails', () => {
  let h: Harness;
  let strategyId = '';
  appForTests((x) => (h = x), {
    open: async () => {
      const opened = await appWithFinishedSession({ minCompletedSessions: 1, minFills: 50 });
      strategyId = opened.strategyId;
      return opened.h;
    },
  });

  it('takes the request on thin evidence, refuses the approval naming the failing criterion, and records a rejection', async () => {
    const { page } = h;
    const panel = await openPanel(h, 'Lead Chen');
    const card = panel.locator(`[data-strategy="${strategyId}"]`);
    await expect.poll(() => card.locator('[data-criterion="minFills"] [data-testid="criterion-progress"]').textContent()).toBe('1 / 50');
    await expect.poll(() => card.locator('[data-criterion="minFills"]').getAttribute('data-pass')).toBe('false');
    await expect.poll(() => card.getByTestId('promotion-eligible').textContent()).toBe('a criterion fails');
    await panel.getByRole('textbox', { name: 'Reason for the request or the review' }).fill('asking early');
    await card.getByRole('button', { name: `Request the promotion of ${strategyId} to the gatecheck lane` }).click();
    await expect.poll(() => card.getByTestId('promotion-pending').count()).toBe(1);

    await page.getByRole('textbox', { name: 'Your name' }).first().fill('Risk Wu');
    await panel.getByRole('textbox', { name: 'Reason for the request or the review' }).fill('fills are far short');
    await card.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toMatch(/CRITERIA_NOT_MET: NOT_ENOUGH_FILLS: actual=1, min=50/);
    expect(readLog(governanceOf(h.app).store, 'registry').filter((e) => e.type === 'promotion.decided')).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'risk-promotion-refused');
    await card.getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => card.getByTestId('promotion-decided').getAttribute('data-decision')).toBe('rejected');
  });
});
