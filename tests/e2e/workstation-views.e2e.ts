import { describe, expect, it } from 'vitest';
import { runSpecFromObject } from '../../src-main/pipeline/runner/run-spec';
import { openMarketData } from '../../src-main/pipeline/runner/session-setup';
import { scriptedRunner } from '../../src-main/services/drills/scripted-runner';
import { setSessionRunner } from '../../src-main/services/sessions/session-runner-port';
import { whenSettled } from '../../src-main/services/sessions/session-runs';
import { listFixtureSpecs } from '../../src-main/services/views/fixture-specs';
import { appForTests, pageStep, screenshot, type Harness } from './harness';
import { demoSteps } from './view-fixture';

/** The fingerprint the real data set has, so the Market view's integrity check passes for the scripted log. */
function researchFingerprint(): string {
  const spec = listFixtureSpecs().find((f) => f.id === 'demo-research.yaml')!.spec;
  return openMarketData(runSpecFromObject(spec, '/')).data.fingerprint;
}

describe('workstation views in Chromium against the real registry', () => {
  let h: Harness;
  appForTests((x) => (h = x));

  /** The analyst's day in the order it happens; each step runs once, for whichever test needs it first. */
  const created = pageStep(
    () => h,
    async () => {
      const { page } = h;
      await page.getByRole('button', { name: 'Sessions', exact: true }).click();
      await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('Sessions');
      await expect.poll(() => page.getByText('No sessions in the registry yet.').count()).toBe(1);
      await page.getByRole('textbox', { name: 'Your name' }).first().fill('Analyst Lin');
      await page.getByRole('combobox', { name: 'Fixture run spec' }).click();
      await page.getByRole('option', { name: /demo-research\.yaml/ }).click();
      await page.getByRole('button', { name: 'Create session' }).click();
      const row = page.getByTestId('sessions-table').locator('tbody tr');
      await expect.poll(() => row.count()).toBe(1);
      return (await row.first().getAttribute('data-session')) ?? '';
    },
  );
  // Before the lane has capital and before a runner is wired, a start must be refused, and shown so.
  const refusedStart = pageStep(
    () => h,
    async () => {
      const sessionId = await created();
      const { page } = h;
      await page.getByRole('button', { name: 'Sessions', exact: true }).click();
      await page.getByRole('textbox', { name: 'Your name' }).first().fill('Analyst Lin');
      await page.getByRole('button', { name: `Start session ${sessionId}` }).click();
      await expect.poll(() => page.getByTestId('call-error-code').count()).toBe(1);
      const seen = { code: await page.getByTestId('call-error-code').textContent(), alert: await page.getByRole('alert').textContent() };
      await screenshot(page, 'views-sessions-refused');
      return seen;
    },
  );
  const laneConfigured = pageStep(
    () => h,
    async () => {
      await refusedStart();
      const { page } = h;
      await page.getByRole('button', { name: 'Risk', exact: true }).click();
      await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('Risk');
      await page.getByRole('textbox', { name: 'Your name' }).first().fill('Analyst Lin');
      const lane = page.getByRole('region', { name: 'Research lane (paper_research)' });
      const before = {
        failClosed: await lane.getByText('Fail-closed defaults: nothing may trade').count(),
        capital: await page.getByTestId('capital-paper_research').textContent(),
      };
      await lane.getByRole('button', { name: 'Configure Research lane (paper_research)' }).click();
      const form = lane.getByRole('form', { name: 'Configure Research lane (paper_research)' });
      const values: [string, string][] = [
        ['Paper capital (NT$)', '10000000'],
        ['Max position (contracts)', '4'],
        ['Max TX-equivalent exposure, in twentieths of TX (one TMF = 1)', '40'],
        ['Max notional per order (NT$)', '10000000'],
        ['Max open orders', '4'],
        ['Max daily loss (NT$)', '200000'],
        ['Max drawdown', '500'],
        ['Max quote age (ms)', '2000'],
      ];
      for (const [label, v] of values) await form.getByRole('textbox', { name: label }).fill(v);
      await form.getByRole('textbox', { name: 'Reason for the change' }).fill('desk limits for the demo');
      await form.getByRole('button', { name: 'Save lane configuration' }).click();
      await expect.poll(() => page.getByTestId('capital-paper_research').textContent()).toBe('NT$10,000,000.00');
      await screenshot(page, 'views-risk');
      return before;
    },
  );
  const completed = pageStep(
    () => h,
    async () => {
      await laneConfigured();
      const sessionId = await created();
      const { page } = h;
      setSessionRunner(h.app, scriptedRunner({ steps: demoSteps(sessionId, researchFingerprint()) }));
      await page.getByRole('button', { name: 'Sessions', exact: true }).click();
      await page.getByRole('textbox', { name: 'Your name' }).first().fill('Analyst Lin');
      await page.getByRole('button', { name: `Start session ${sessionId}` }).click();
      await whenSettled(h.app, sessionId);
      return sessionId;
    },
  );
  /** A view of Market, Orders or Portfolio on the session (each test reloads, so each picks it). */
  async function openOn(view: 'Market' | 'Orders' | 'Portfolio', sessionId: string): Promise<void> {
    const { page } = h;
    await page.getByRole('button', { name: view, exact: true }).click();
    await page.getByRole('combobox', { name: 'Session' }).click();
    await page.getByRole('option', { name: new RegExp(sessionId) }).click();
  }
  /** The Market view showing the session's chart. */
  async function openMarket(sessionId: string): Promise<void> {
    const { page } = h;
    await openOn('Market', sessionId);
    await expect
      .poll(() => page.getByTestId('market-axis-label').textContent(), { timeout: 60_000 })
      .toBe('Time axis: exchange time (Asia/Taipei)');
  }

  it('creates a session from a fixture run spec and lists it as scheduled', async () => {
    const sessionId = await created();
    const { page } = h;
    expect(sessionId).toMatch(/^S-\d{8}-1$/);
    await page.getByRole('button', { name: 'Sessions', exact: true }).click();
    const row = page.getByTestId('sessions-table').locator(`tbody tr[data-session="${sessionId}"]`);
    await expect.poll(() => row.getByText('Analyst Lin').count()).toBe(1);
    await expect.poll(() => row.getByText('Research lane (paper_research)').count()).toBe(1);
    // Scheduled until it is started (a later step starts it; in this order it may already have run).
    await expect.poll(() => row.locator('[data-status]').textContent()).toMatch(/^(scheduled|completed)$/);
  });

  it('shows a refused start in an alert with its error code', async () => {
    const seen = await refusedStart();
    expect(seen.code).toBe('REFUSED');
    // No runner is wired in this harness, or the lane has no capital yet: both are refusals the UI must show.
    expect(seen.alert).toMatch(/NO_RUNNER|LIMIT_IS_ZERO/);
  });

  it('configures the research lane in the Risk view', async () => {
    const before = await laneConfigured();
    expect(before).toEqual({ failClosed: 1, capital: 'NT$0.00' });
    const { page } = h;
    await page.getByRole('button', { name: 'Risk', exact: true }).click();
    const lane = page.getByRole('region', { name: 'Research lane (paper_research)' });
    await expect.poll(() => page.getByTestId('capital-paper_research').textContent()).toBe('NT$10,000,000.00');
    await expect.poll(() => lane.getByText('Configured by Analyst Lin', { exact: false }).count()).toBe(1);
  });

  it('starts the session with a scripted runner and follows it to completed', async () => {
    const sessionId = await completed();
    const { page } = h;
    await page.getByRole('button', { name: 'Sessions', exact: true }).click();
    const row = page.getByTestId('sessions-table').locator(`tbody tr[data-session="${sessionId}"]`);
    await expect.poll(() => row.locator('[data-status]').textContent()).toBe('completed');
    await screenshot(page, 'views-sessions');
  });

  it('shows the market path of the session with the Asia/Taipei axis label', async () => {
    const sessionId = await completed();
    const { page } = h;
    await openMarket(sessionId);
    await expect.poll(() => page.getByTestId('price-chart').locator('canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('TX 202612 mid price').count()).toBe(1);
    await expect.poll(() => page.getByText(/quotes in \d+ bars; 1 fills marked/).count()).toBe(1);
    await screenshot(page, 'views-market');
  });

  it('shows each order with its OMS timeline and reason codes', async () => {
    const sessionId = await completed();
    const { page } = h;
    await openOn('Orders', sessionId);
    await expect.poll(() => page.getByText(/^2 orders from 1[2-9] logged events/).count()).toBe(1);
    const denied = page.locator('[data-order="O-000001"]');
    await expect.poll(() => denied.getByText('DENIED').count()).toBeGreaterThan(0);
    await expect.poll(() => denied.getByText('ILLIQUID_QUOTE: spread=10, max_spread=6').count()).toBeGreaterThan(0);
    const filled = page.locator('[data-order="O-000002"]');
    await expect.poll(() => filled.getByText('filled 2 of 2', { exact: false }).count()).toBe(1);
    await screenshot(page, 'views-orders');
  });

  it('shows the portfolio in NT$ with thousands separators, labelled simulated', async () => {
    const sessionId = await completed();
    const { page } = h;
    await openOn('Portfolio', sessionId);
    await expect.poll(() => page.getByTestId('simulated-badge').textContent()).toBe('SIMULATED');
    await expect.poll(() => page.getByTestId('pf-equity').textContent()).toBe('NT$9,997,774.00');
    await expect.poll(() => page.getByTestId('pf-margin').textContent()).toBe('NT$676,000.00');
    await expect.poll(() => page.getByTestId('pf-exposure').textContent()).toBe('2.00');
    await expect.poll(() => page.getByTestId('pf-unrealized').textContent()).toBe('-NT$2,000.00');
    await screenshot(page, 'views-portfolio');
  });

  it('shows the approval queue with the attribution note, and the audit view', async () => {
    await completed();
    const { page } = h;
    await page.getByRole('button', { name: 'Approvals', exact: true }).click();
    await expect.poll(() => page.getByTestId('attribution-note').textContent()).toMatch(/local attribution, not authentication/);
    await expect.poll(() => page.getByText('No intents are waiting for review, and none were reviewed.').count()).toBe(1);
    await page.getByRole('button', { name: 'Audit', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('Audit');
    await expect.poll(() => page.getByText('No incidents recorded.').count()).toBe(1);
    await expect.poll(() => page.getByTestId('audit-view-status').textContent()).toMatch(/^(not verified|verified|empty)$/);
    await screenshot(page, 'views-audit');
  });

  it('keeps the chart when switching views and speaks zh-TW in the light theme', async () => {
    const sessionId = await completed();
    const { page } = h;
    await openMarket(sessionId);
    const before = await page
      .getByTestId('price-chart')
      .locator('canvas')
      .first()
      .evaluate((c) => ((c as unknown as { __mark?: number }).__mark = 7));
    expect(before).toBe(7);
    await page.getByRole('button', { name: 'Orders', exact: true }).click();
    await page.getByRole('button', { name: 'Market', exact: true }).click();
    // The same canvas element survived the trip through another view.
    await expect
      .poll(() =>
        page
          .getByTestId('price-chart')
          .locator('canvas')
          .first()
          .evaluate((c) => (c as unknown as { __mark?: number }).__mark),
      )
      .toBe(7);
    await page.locator('label', { hasText: '繁體中文' }).click();
    await page.getByRole('button', { name: '切換淺色或深色主題' }).click();
    await expect.poll(() => page.getByTestId('market-axis-label').textContent()).toBe('時間軸：交易所時間（亞洲/台北）');
    await screenshot(page, 'views-market-zh-TW-light');
    await page.getByRole('button', { name: '交易場次', exact: true }).click();
    await expect.poll(() => page.getByTestId('sessions-table').locator('[data-status]').first().textContent()).toBe('已完成');
    await screenshot(page, 'views-sessions-zh-TW-light');
  });
});
