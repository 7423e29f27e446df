import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../src-shared/app-identity';
import { CALL_NAMES, type CallName } from '../../../src-shared/contract';
import { ERROR_CODES, type Envelope } from '../../../src-shared/envelope';
import type { JsonObject } from '../../../src-shared/json';
import { createAppContext, type AppContext } from '../../../src-main/app-context';
import { attachDialogProvider } from '../../../src-main/electron/dialogs/dialog-provider';
import { handlers } from '../../../src-main/ipc/handlers';
import { createRegistry, type Handlers, type Registry } from '../../../src-main/ipc/registry';
import { listFixtureSpecs } from '../../../src-main/services/views/fixture-specs';
import { makeTempDir } from '../../support/temp-dir';
import { demoSpec, recordSession } from '../replay/replay-fixture';

/**
 * Issue 14 items 12-13: every contract call through the real registry with valid-looking hostile
 * values (paths outside the data directory, UNC and device paths, `..`, the key folder, a symlink
 * out, made-up grant tokens and dialog answers, hostile spec paths). Each call must be reached (its
 * handler runs, so the schema is not what refused it), no answer may be INTERNAL, nothing may be
 * written outside the data directory, and no answer may quote a file it was pointed at.
 */
const SENDER = { url: `${APP_ORIGIN}/index.html` };
const CANARY = 'CANARY-7f3a9c-not-for-the-page';

let root: { dir: string; cleanup: () => void };
let dataDir: string;
let outside: string;
let ctx: AppContext;
let registry: Registry;
let sessionId: string;
const reached = new Map<string, number>();
const answers: { name: string; input: unknown; res: Envelope<unknown> }[] = [];

function listTree(dir: string, skip: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (p === skip) continue;
    out.push(p);
    if (e.isDirectory()) out.push(...listTree(p, skip));
  }
  return out.sort();
}

let before: string[];

beforeAll(async () => {
  root = makeTempDir('papertape-hostile-');
  dataDir = path.join(root.dir, 'data');
  outside = path.join(root.dir, 'outside');
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'secret.csv'), `${CANARY},line one\n${CANARY},line two\n`);
  fs.writeFileSync(path.join(outside, 'secret.json'), `${CANARY} {`);
  let t = Date.UTC(2026, 11, 1, 0, 0, 0);
  ctx = createAppContext({ dataDir, clock: () => new Date((t += 7)) });
  // Files inside the data directory may be named; their contents must not come back either.
  fs.writeFileSync(path.join(dataDir, 'inside-secret.csv'), `${CANARY},x\n`);
  fs.writeFileSync(path.join(dataDir, 'inside-secret.json'), `"${CANARY}`);
  fs.writeFileSync(path.join(dataDir, 'inside-secret.zip'), `PK${CANARY}`);
  fs.symlinkSync(outside, path.join(dataDir, 'link-out'));
  ({ sessionId } = await recordSession(ctx, demoSpec('2026-12-01T00:50:00.000Z')));
  const counted = Object.fromEntries(
    Object.entries(handlers).map(([name, h]) => [
      name,
      (input: unknown, c: AppContext) => {
        reached.set(name, (reached.get(name) ?? 0) + 1);
        return (h as (i: unknown, c: AppContext) => unknown)(input, c);
      },
    ]),
  ) as unknown as Handlers;
  registry = createRegistry(ctx, counted, { trustedOrigin: APP_ORIGIN });
  before = listTree(root.dir, dataDir);
}, 120_000);

afterAll(() => {
  ctx?.close();
  root?.cleanup();
});

const hostilePaths = () => [
  path.join(outside, 'new-bundle'),
  path.join(outside, 'secret.csv'),
  path.join(outside, 'secret.json'),
  '/etc/passwd',
  '/etc',
  '\\\\evil-host\\share\\bundle',
  '//evil-host/share/bundle',
  '\\\\?\\C:\\bundle',
  '\\\\.\\PhysicalDrive0',
  `${dataDir}/../outside/escape`,
  path.join(dataDir, 'keys'),
  path.join(dataDir, 'keys', 'bundle'),
  path.join(dataDir, 'link-out', 'via-link'),
  path.join(dataDir, 'link-out', 'secret.csv'),
  path.join(dataDir, 'inside-secret.csv'),
  path.join(dataDir, 'inside-secret.json'),
  path.join(dataDir, 'inside-secret.zip'),
  'relative/bundle',
  '~/bundle',
  'file:///etc/passwd',
];
const fakeToken = fc.stringMatching(/^[0-9a-f]{32}$/).map((h) => ({ token: `grant-${h}` }));
const pathRef = () => fc.oneof(fc.constantFrom(...hostilePaths()), fakeToken);
const folderRef = () =>
  fc.oneof(
    fc.constantFrom(...hostilePaths()),
    fc.tuple(fakeToken, fc.constantFrom('bundle-x', 'keys', 'a..b')).map(([t, child]) => ({ ...t, child })),
  );
const SID = 'S-20261201-1';
const sid = () => fc.constantFrom(sessionId, SID, 'S-19990101-999999');
const person = fc.constantFrom('alice', '../../root', '<script>', 'ＡＤＭＩＮ');
const reason = fc.constantFrom('because', `${'x'.repeat(499)}`, '\u202eevil');

function hostileSpec(): fc.Arbitrary<JsonObject> {
  const base = listFixtureSpecs().find((f) => f.id === 'demo-research.yaml')!.spec;
  const signals = listFixtureSpecs().find((f) => f.id === 'signals-research.yaml')!.spec;
  return fc
    .oneof(
      fc
        .tuple(fc.constantFrom('ohlcv', 'taifex'), fc.constantFrom(...hostilePaths()))
        .map(([kind, p]) => ({ ...base, data: { kind, path: p } })),
      fc.constantFrom(...hostilePaths()).map((p) => ({ ...base, data: { kind: 'generator', path: p } })),
      fc
        .tuple(fc.constantFrom(...hostilePaths()), fakeToken)
        .map(([p, t]) => ({ ...base, data: { kind: 'ohlcv', path: t.token }, note: p })),
      fc.constantFrom(...hostilePaths()).map((p) => {
        const strategy = signals.strategy as JsonObject;
        return { ...signals, strategy: { ...strategy, params: { ...(strategy.params as JsonObject), path: p } } };
      }),
    )
    .map((s) => {
      const { note: _note, ...spec } = s as JsonObject & { note?: string };
      return spec;
    });
}

/** One arbitrary per call; the type makes a call added to the contract without an entry here a compile error. */
function inputs(laneConfig: JsonObject): { [N in CallName]: fc.Arbitrary<unknown> } {
  const filePurpose = fc.constantFrom(
    'market-data',
    'signals',
    'run-spec',
    'scenario',
    'evidence-bundle',
    'public-key',
    'metrics',
    'report-csv',
  );
  return {
    'app.info': fc.constant({}),
    'app.health': fc.constant(undefined),
    'sessions.list': fc.constant({ lane: 'paper_research' }),
    'sessions.get': sid().map((s) => ({ sessionId: s })),
    'sessions.create': fc.tuple(hostileSpec(), person).map(([spec, owner]) => ({ spec, owner, lane: 'paper_research' })),
    'sessions.start': fc.tuple(sid(), person).map(([s, actor]) => ({ sessionId: s, actor })),
    'sessions.pause': fc.tuple(sid(), person).map(([s, actor]) => ({ sessionId: s, actor })),
    'sessions.resume': fc.tuple(sid(), person).map(([s, actor]) => ({ sessionId: s, actor })),
    'sessions.stop': fc.tuple(sid(), person, reason).map(([s, actor, r]) => ({ sessionId: s, actor, reason: r })),
    'sessions.tag': fc
      .tuple(sid(), fc.constantFrom('promotion_evidence', 'ignored', 'none'), person, reason)
      .map(([s, tag, by, r]) => ({ sessionId: s, tag, by, reason: r })),
    'lanes.list': fc.constant({}),
    'lanes.funnel': fc.constant({ lane: 'paper_research' }),
    'lanes.configure': fc.tuple(person, reason).map(([actor, r]) => ({ lane: 'paper_research', config: laneConfig, actor, reason: r })),
    'approvals.list': sid().map((s) => ({ sessionId: s })),
    'approvals.decide': fc
      .tuple(fc.stringMatching(/^[0-9a-f]{16}$/), person, reason)
      .map(([h, reviewer, r]) => ({ approvalId: `A-${h}`, stage: 'research', reviewer, outcome: 'approved', reason: r })),
    'promotions.list': fc.constant({ strategyId: '../../etc/passwd' }),
    'promotions.evaluate': fc.constantFrom('../../etc/passwd', 'mean_reversion', '\\\\evil\\share').map((strategyId) => ({ strategyId })),
    'promotions.request': fc
      .tuple(fc.constantFrom('../../etc/passwd', 'breakout'), person, reason)
      .map(([strategyId, requestedBy, r]) => ({ strategyId, requestedBy, reason: r })),
    'promotions.decide': fc
      .tuple(fc.stringMatching(/^[0-9a-f]{16}$/), person, reason)
      .map(([h, reviewer, r]) => ({ promotionId: `P-${h}`, reviewer, decision: 'approved', reason: r })),
    'operator.halt': fc.tuple(sid(), person, reason).map(([s, operator, r]) => ({ sessionId: s, operator, reason: r })),
    'operator.resume': fc.tuple(sid(), person, reason).map(([s, operator, r]) => ({ sessionId: s, operator, reason: r })),
    'operator.order': fc.tuple(sid(), person, reason).map(([s, operator, r]) => ({
      sessionId: s,
      operator,
      reason: r,
      order: { contract: 'TX 202612', side: 'BUY', quantity: 1000, orderType: 'MARKET', timeInForce: 'IOC', reduceOnly: false },
    })),
    'incidents.list': sid().map((s) => ({ sessionId: s })),
    'specs.fixtures': fc.constant({}),
    'sessions.events': sid().map((s) => ({ sessionId: s, typePrefix: 'order.', limit: 5 })),
    'orders.timeline': sid().map((s) => ({ sessionId: s })),
    'portfolio.view': sid().map((s) => ({ sessionId: s })),
    'market.series': sid().map((s) => ({ sessionId: s, maxPoints: 10 })),
    'audit.verify': fc.constantFrom({}, { logId: 'registry' }, { logId: `session/${sessionId}` }, { logId: 'session/..' }),
    'dialog.openFile': filePurpose.map((purpose) => ({ purpose })),
    'dialog.saveFile': filePurpose.map((purpose) => ({ purpose, suggestedName: 'passwd' })),
    'dialog.chooseFolder': fc.constantFrom('evidence-export-folder', 'evidence-bundle-folder').map((purpose) => ({ purpose })),
    'evidence.export': fc.tuple(sid(), folderRef(), fc.boolean()).map(([s, outDir, zip]) => ({ sessionId: s, outDir, zip })),
    'evidence.open': fc
      .tuple(pathRef(), fc.constantFrom(undefined, '0'.repeat(64), 'f'.repeat(64)))
      .map(([p, pinned]) => (pinned ? { path: p, pinned } : { path: p })),
    'evidence.keys': fc.constant({}),
    // A PEM that names a file, a private key, or junk: never read from disk, never a key.
    'evidence.pinKey': fc
      .tuple(
        fc.constantFrom(
          ...hostilePaths(),
          '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
          '-----BEGIN PUBLIC KEY-----\n!!\n-----END PUBLIC KEY-----\n',
        ),
        person,
      )
      .map(([pem, by]) => ({ label: 'hostile', publicKeyPem: pem, by })),
    'evidence.forgetKey': fc.tuple(person, reason).map(([by, r]) => ({ fingerprint: 'a'.repeat(64), by, reason: r })),
    'replay.run': fc.oneof(
      fc.tuple(sid(), pathRef()).map(([s, dataFile]) => ({ sessionId: s, dataFile })),
      fc
        .tuple(pathRef(), fc.option(pathRef(), { nil: undefined }))
        .map(([bundlePath, dataFile]) => (dataFile ? { bundlePath, dataFile } : { bundlePath })),
    ),
    'data.inspect': pathRef().map((p) => ({ path: p })),
    'incidents.resolve': fc.tuple(person, reason).map(([actor, why]) => ({ incidentId: 'I-1', actor, reason: why })),
    'audit.eventContext': fc
      .tuple(fc.constantFrom('registry', `session/${sessionId}`, `session/${SID}`), fc.nat({ max: 1e9 }))
      .map(([log, seq]) => ({ log, seq, radius: 2 })),
    'audit.checkpoints': fc.constantFrom({}, { log: 'registry' }, { log: `session/${SID}` }),
    'key.public': fc.constant({}),
    'key.export': pathRef().map((p) => ({ path: p })),
  };
}

async function call(name: string, input: unknown): Promise<Envelope<unknown>> {
  const res = await registry.dispatch(name, input, SENDER);
  answers.push({ name, input, res });
  return res;
}

describe('IPC fuzz with hostile paths through the real registry', () => {
  it('reaches every call, never answers INTERNAL, writes nothing outside the data directory and echoes no file', async () => {
    // A dialog that answers with what an attacker would like it to: every answer must be refused.
    const hostileAnswers = hostilePaths().filter((p) => !p.startsWith(dataDir) || p.includes('keys') || p.includes('..'));
    let n = 0;
    const pick = () => hostileAnswers[n++ % hostileAnswers.length]!;
    attachDialogProvider(ctx, {
      platform: 'win32',
      showOpen: async () => ({ canceled: false, filePaths: [pick().replace(/\.(csv|json)$/, '.zip')] }),
      showSave: async () => ({ canceled: false, filePath: pick() }),
      showOpenFolder: async () => ({ canceled: false, filePaths: [pick()] }),
    });
    const lanes = (await call('lanes.list', {})) as { ok: true; value: { config: JsonObject }[] };
    const table = inputs(lanes.value[0]!.config);
    // Every call with each of its hostile shapes at least once, then random combinations.
    for (const name of CALL_NAMES) for (const input of fc.sample(table[name], { numRuns: 4, seed: 14 })) await call(name, input);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CALL_NAMES).chain((name) => table[name].map((input) => [name, input] as const)),
        async ([name, input]) => {
          await call(name, input);
        },
      ),
      { numRuns: 150, seed: 13 },
    );
    for (const p of hostilePaths())
      for (const [name, input] of [
        ['evidence.open', { path: p }],
        ['data.inspect', { path: p }],
        ['replay.run', { bundlePath: p }],
        ['evidence.export', { sessionId, outDir: p }],
      ] as const)
        await call(name, input);

    for (const { name, input, res } of answers) {
      const shown = JSON.stringify({ name, input, res }).slice(0, 600);
      expect(ERROR_CODES.includes((res.ok ? 'REFUSED' : res.error.code) as never), shown).toBe(true);
      if (!res.ok) expect(res.error.code, shown).not.toBe('INTERNAL');
      expect(JSON.stringify(res).includes(CANARY), shown).toBe(false);
    }
    expect(CALL_NAMES.filter((name) => !reached.has(name))).toEqual([]);
    expect(listTree(root.dir, dataDir)).toEqual(before);
    expect(fs.readdirSync(path.join(dataDir, 'keys')).filter((f) => !f.startsWith('workstation-ed25519'))).toEqual([]);
  }, 600_000);

  it('a made-up dialog answer or token is refused, and a real grant works only for its purpose', async () => {
    const made = await call('evidence.export', { sessionId, outDir: { canceled: false, path: outside } });
    expect(made.ok ? null : made.error.code).toBe('INVALID_INPUT');
    const forged = await call('evidence.open', { path: { token: `grant-${'0'.repeat(32)}` } });
    expect(forged.ok ? null : forged.error.message).toMatch(/^PATH_REFUSED: field=path, why=unknown-grant/);
    const typed = await call('evidence.export', { sessionId, outDir: path.join(outside, 'typed') });
    expect(typed.ok ? null : typed.error.message).toMatch(/why=outside-data-dir/);
    expect(fs.existsSync(path.join(outside, 'typed'))).toBe(false);

    const chosen = path.join(root.dir, 'chosen');
    fs.mkdirSync(chosen);
    attachDialogProvider(ctx, {
      platform: process.platform,
      showOpen: async () => ({ canceled: true, filePaths: [] }),
      showSave: async () => ({ canceled: true }),
      showOpenFolder: async () => ({ canceled: false, filePaths: [chosen] }),
    });
    const folder = (await call('dialog.chooseFolder', { purpose: 'evidence-export-folder' })) as { ok: true; value: { token: string } };
    const wrongUse = await call('evidence.open', { path: { token: folder.value.token } });
    expect(wrongUse.ok ? null : wrongUse.error.message).toMatch(/why=grant-purpose, purpose=evidence-export-folder/);
    const exported = await call('evidence.export', { sessionId, outDir: { token: folder.value.token, child: `bundle-${sessionId}` } });
    expect(exported.ok, JSON.stringify(exported)).toBe(true);
    expect(fs.existsSync(path.join(chosen, `bundle-${sessionId}`, 'events.jsonl'))).toBe(true);
  }, 120_000);
});
