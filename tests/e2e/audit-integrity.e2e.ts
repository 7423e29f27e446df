import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { Page } from 'playwright-core';
import type { JsonObject } from '../../src-shared/json';
import { attachDialogProvider } from '../../src-main/electron/dialogs/dialog-provider';
import { handlers } from '../../src-main/ipc/handlers';
import { sampleSteps, scriptedRunner } from '../../src-main/services/drills/scripted-runner';
import { configureLane } from '../../src-main/services/lanes/lane-service';
import { createPipelineSessionRunner } from '../../src-main/services/session-execution/pipeline-session-runner';
import { governanceOf } from '../../src-main/services/sessions/governance';
import { recoverInterruptedSessions } from '../../src-main/services/sessions/recovery';
import { setSessionRunner } from '../../src-main/services/sessions/session-runner-port';
import { whenSettled } from '../../src-main/services/sessions/session-runs';
import { smallSpec } from '../integration/pipeline/small-spec';
import { appForTests, screenshot, type Harness } from './harness';
import { WIDE_RESEARCH_LANE_CONFIG } from './view-fixture';

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/**
 * The attacker's move, in the test: a second connection drops the update trigger and changes one
 * payload byte of a middle event of the session log, leaving its stored hash as it was. Returns the
 * seq and a way to put the byte back, so the tests that tamper leave the store as the others expect it.
 */
function tamperMiddleEvent(dbPath: string, log: string): { seq: number; restore(): void } {
  const other = new Database(dbPath);
  try {
    const { n } = other.prepare('SELECT COUNT(*) AS n FROM audit_events WHERE log = ?').get(log) as { n: number };
    const seq = Math.floor(n / 2);
    const row = other.prepare('SELECT canonical FROM audit_events WHERE log = ? AND seq = ?').get(log, seq) as { canonical: string };
    const at = row.canonical.indexOf('"payload":{') + '"payload":{"'.length;
    const old = row.canonical[at]!;
    const changed = row.canonical.slice(0, at) + (old === 'a' ? 'b' : 'a') + row.canonical.slice(at + 1);
    expect(changed).not.toBe(row.canonical);
    other.exec('DROP TRIGGER IF EXISTS audit_events_no_update');
    other.prepare('UPDATE audit_events SET canonical = ? WHERE log = ? AND seq = ?').run(changed, log, seq);
    return {
      seq,
      restore() {
        const again = new Database(dbPath);
        try {
          again.prepare('UPDATE audit_events SET canonical = ? WHERE log = ? AND seq = ?').run(row.canonical, log, seq);
        } finally {
          again.close();
        }
      },
    };
  } finally {
    other.close();
  }
}

describe('Audit integrity in Chromium against the real registry', () => {
  let h: Harness;
  let sessionId = '';
  let crashedId = '';

  appForTests((x) => (h = x));
  beforeAll(async () => {
    h.page.setDefaultTimeout(20_000);
    setSessionRunner(h.app, createPipelineSessionRunner({ checkEvery: 16 }));
    configureLane(h.app, { lane: 'paper_research', config: WIDE_RESEARCH_LANE_CONFIG, actor: 'Lead Chen', reason: 'e2e lane' });
    sessionId = (await handlers['sessions.create']({ spec: smallSpec() as JsonObject, owner: 'Analyst Lin' }, h.app)).id;
    await handlers['sessions.start']({ sessionId, actor: 'Analyst Lin' }, h.app);
    await whenSettled(h.app, sessionId);
    // A second session whose runner never returns, then recovery as on the next open: it is marked
    // interrupted and an incident is opened, as after a crash.
    setSessionRunner(h.app, scriptedRunner({ steps: sampleSteps({ snapshotQuantity: 2 }), hang: true }));
    crashedId = (await handlers['sessions.create']({ spec: smallSpec() as JsonObject, owner: 'Analyst Lin' }, h.app)).id;
    await handlers['sessions.start']({ sessionId: crashedId, actor: 'Analyst Lin' }, h.app);
    await new Promise((r) => setImmediate(r));
    recoverInterruptedSessions(governanceOf(h.app));
  });
  beforeEach(async () => {
    await h.page.getByRole('button', { name: 'Audit', exact: true }).click();
  });

  it('Verify now shows the bar at 100%, every check passing with its detail, the checkpoints and the key fingerprint', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Audit', exact: true }).click();
    await page.getByRole('button', { name: 'Verify now' }).click();
    await expect.poll(() => page.getByTestId('verify-verdict').textContent()).toBe('VERIFIED');
    await expect.poll(() => page.getByRole('progressbar', { name: 'Verification progress' }).getAttribute('aria-valuenow')).toBe('100');
    const checks = page.getByTestId('verify-checks');
    await expect.poll(() => checks.locator('[data-check-status="fail"]').count()).toBe(0);
    // Every check of a full run is judged here, the rollback check included (a kept checkpoint was compared).
    await expect.poll(() => checks.locator('[data-check-status="pass"]').count()).toBe(14);
    await expect.poll(() => checks.locator('[data-check-status="skip"]').count()).toBe(0);
    await expect.poll(() => checks.locator('tr[data-check="event.hash"] [data-testid="check-detail"]').textContent()).toMatch(/SHA-256/);
    await expect.poll(() => page.getByTestId('checkpoints-list').locator(`[data-log="session/${sessionId}"]`).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('checkpoints-list').locator('[data-signature="invalid"]').count()).toBe(0);
    const fp = await handlers['key.public']({}, h.app);
    await expect.poll(() => page.getByTestId('key-fingerprint').textContent()).toBe(fp.fingerprint);
    // The key history: one key, recorded when this data directory was first used, and current.
    const history = page.getByTestId('key-history').locator('tbody tr');
    await expect.poll(() => history.count()).toBe(1);
    await expect.poll(() => history.first().getAttribute('data-current')).toBe('true');
    await expect.poll(() => history.first().getByText('Created with this data directory').count()).toBe(1);
    // Export goes through the save dialog's grant, as in the desktop app.
    const saved = path.join(h.dataDir, 'exports', 'papertape-workstation.pem');
    fs.mkdirSync(path.dirname(saved), { recursive: true });
    attachDialogProvider(h.app, {
      platform: process.platform,
      showOpen: async () => ({ canceled: true, filePaths: [] }),
      showSave: async () => ({ canceled: false, filePath: saved }),
      showOpenFolder: async () => ({ canceled: true, filePaths: [] }),
    });
    await page.getByRole('button', { name: 'Export…' }).click();
    await expect.poll(() => page.getByTestId('key-note').textContent()).toBe(`Public key written to ${saved}`);
    expect(fs.readFileSync(saved, 'utf8')).toBe(fp.publicKeyPem);
    await shot(page, 'audit-integrity-verified');
  });

  it('resolves an incident only with a name and a reason, and lists it as resolved with who, when and why', async () => {
    const { page } = h;
    const [incident] = await handlers['incidents.list']({ sessionId: crashedId, status: 'open' }, h.app);
    const row = page.locator(`tr[data-incident="${incident!.id}"]`);
    const resolve = row.getByRole('button', { name: `Resolve incident ${incident!.id}` });
    await row.getByRole('textbox', { name: 'Your name' }).fill('Reviewer Mei');
    await expect.poll(() => resolve.isDisabled()).toBe(true);
    await row.getByRole('textbox', { name: 'Reason' }).fill('機器因系統更新而重新開機');
    await resolve.click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('resolved');
    await expect
      .poll(() => row.getByTestId('incident-resolution').textContent())
      .toMatch(/^Resolved by Reviewer Mei at .+: 機器因系統更新而重新開機$/);
    await shot(page, 'audit-integrity-incident-resolved');
  });

  it('after one payload byte of a middle event changed, names the first failing event with its neighbours', async () => {
    const { page } = h;
    const { seq, restore } = tamperMiddleEvent(h.app.dbPath, `session/${sessionId}`);
    onTestFinished(restore);
    await page.getByRole('button', { name: 'Verify now' }).click();
    await expect.poll(() => page.getByTestId('verify-verdict').textContent()).toBe('FAILED');
    await expect
      .poll(() => page.getByTestId('verify-first-failure').textContent())
      .toContain(`First failing check: event.hash in session/${sessionId} at seq ${seq}`);
    const ctx = page.getByTestId('failing-event-context');
    await expect.poll(() => ctx.locator('tbody tr').count()).toBe(5);
    await expect.poll(() => ctx.locator('tbody tr').first().getAttribute('data-seq')).toBe(String(seq - 2));
    await expect.poll(() => ctx.locator('tr[data-failing="true"]').getAttribute('data-seq')).toBe(String(seq));
    await expect.poll(() => ctx.locator('[data-hash-matches="false"]').count()).toBe(1);
    await expect.poll(() => ctx.locator(`tr[data-seq="${seq}"] [data-hash-matches="false"]`).count()).toBe(1);
    await shot(page, 'audit-integrity-tampered');
  });

  it('in zh-TW the Audit view shows no English words', async () => {
    const { page } = h;
    // A failing verification shows the most text: the first failing event and its neighbours.
    onTestFinished(tamperMiddleEvent(h.app.dbPath, `session/${sessionId}`).restore);
    await page.locator('label', { hasText: '繁體中文' }).click();
    await page.getByRole('button', { name: '立即驗證' }).click();
    await expect.poll(() => page.getByTestId('failing-event-context').locator('tbody tr').count()).toBe(5);
    // The sections this view builds; main's own English texts (health detail, incident detail codes) are issue 10 item 7.
    const text = await page.evaluate(() =>
      ['verify-now-title', 'checkpoints-title', 'public-key-title', 'incidents-title']
        .map((id) => {
          const section = document.querySelector(`section[aria-labelledby="${id}"]`)?.cloneNode(true) as HTMLElement | undefined;
          section?.querySelectorAll('code').forEach((c) => c.remove());
          return section?.innerText ?? '';
        })
        .join('\n'),
    );
    // What may stay Latin: ids, hashes, check codes, event types, log names, numbers and times.
    const words = text
      .replace(/\/[\w./-]+/g, ' ') // file paths (the exported key's)
      .replace(/\b(session|registry)\/?[\w.-]*/g, ' ')
      .replace(/\b[a-z]+(\.[a-z_]+)+\b/g, ' ')
      .replace(/\b[A-Z]-[\w-]+/g, ' ')
      .replace(/\b[0-9a-f]{8,}…?/g, ' ')
      .match(/\b[A-Za-z]{3,}\b/g);
    const allowed = new Set(['SHA', 'JSON', 'Ed25519', 'prev_hash', 'Papertape', 'Asia', 'Taipei', 'Analyst', 'Lin', 'Reviewer', 'Mei']);
    expect((words ?? []).filter((w) => !allowed.has(w))).toEqual([]);
    await shot(page, 'audit-integrity-zh-TW');
  });
});
