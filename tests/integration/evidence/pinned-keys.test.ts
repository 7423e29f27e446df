import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY_LOG } from '../../../src-shared/audit/audit-envelope';
import { createAppContext } from '../../../src-main/app-context';
import { handlers } from '../../../src-main/ipc/handlers';
import { createRegistry } from '../../../src-main/ipc/registry';
import { APP_ORIGIN } from '../../../src-shared/app-identity';
import { governanceOf } from '../../../src-main/services/sessions/governance';
import { verifyAudit } from '../../../src-main/services/verification/verify-audit';
import { TRUSTED_SENDER, makeApp } from '../../support/app-fixture';
import { exportFixture, openWorkstation, recordSession } from './bundle-fixture';

type Answer = { ok: boolean; value?: any; error?: { code: string; message: string } }; // eslint-disable-line @typescript-eslint/no-explicit-any -- checked field by field

let app: ReturnType<typeof makeApp>;
let call: (name: string, input: unknown) => Promise<Answer>;
let bundle: string;
let analystPem: string;
let analystFingerprint: string;

beforeAll(async () => {
  app = makeApp();
  call = (name, input) => app.registry.dispatch(name, input, TRUSTED_SENDER) as Promise<Answer>;
  // The bundle comes from another workstation (the analyst's); the reviewer's app must be told to trust its key.
  const analyst = openWorkstation();
  recordSession(analyst.store, undefined, 6);
  bundle = path.join(app.dataDir, 'from-analyst');
  await exportFixture(analyst, bundle);
  analystPem = analyst.key.publicPem;
  analystFingerprint = analyst.key.fingerprint;
  analyst.close();
});
afterAll(() => app?.cleanup());

describe('pinned keys for evidence.open, remembered in the registry', () => {
  it('offers this workstation’s own key first, and nothing else until a key is pinned', async () => {
    const r = await call('evidence.keys', {});
    expect(r.ok).toBe(true);
    expect(r.value.keys).toHaveLength(1);
    expect(r.value.keys[0]).toMatchObject({ own: true, label: 'this workstation', pinnedBy: null });
  });

  it('without a pin every check holds but the key is only a hint (keyPinned false)', async () => {
    const r = await call('evidence.open', { path: bundle });
    expect(r.value.verification).toMatchObject({ ok: true, keyPinned: false, keyFingerprint: analystFingerprint });
  });

  it('pinned to the wrong key (this workstation’s own), the signature fails', async () => {
    const own = (await call('evidence.keys', {})).value.keys[0].fingerprint as string;
    const r = await call('evidence.open', { path: bundle, pinned: own });
    expect(r.value.verification).toMatchObject({ ok: false, keyPinned: true });
    expect(r.value.verification.firstFailure.check).toBe('sums.signature');
    expect(r.value.summary).toBeNull();
  });

  it('refuses a private key, junk, a file path and an unknown fingerprint, with a specific reason', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const priv = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const bad = [
      [priv, /NOT_A_PUBLIC_KEY: this is a private key/],
      ['/etc/passwd', /NOT_A_PUBLIC_KEY: expected one PEM block/],
      ['-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n', /NOT_A_PUBLIC_KEY: the PEM block is not an Ed25519 public key/],
    ] as const;
    for (const [pem, why] of bad) {
      const r = await call('evidence.pinKey', { label: 'x', publicKeyPem: pem, by: 'Reviewer Wu' });
      expect(r.error?.code).toBe('INVALID_INPUT');
      expect(r.error?.message).toMatch(why);
    }
    const unknown = await call('evidence.open', { path: bundle, pinned: 'e'.repeat(64) });
    expect(unknown.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/^NOT_PINNED/) });
    expect((await call('evidence.keys', {})).value.keys).toHaveLength(1);
  });

  it('pins the analyst’s key (recorded in the registry), verifies with it, and refuses to pin it twice', async () => {
    const pinned = await call('evidence.pinKey', { label: 'Analyst Lin laptop', publicKeyPem: analystPem, by: 'Reviewer Wu' });
    expect(pinned.ok, JSON.stringify(pinned.error)).toBe(true);
    expect(pinned.value).toMatchObject({
      fingerprint: analystFingerprint,
      label: 'Analyst Lin laptop',
      pinnedBy: 'Reviewer Wu',
      own: false,
    });
    const twice = await call('evidence.pinKey', { label: 'again', publicKeyPem: analystPem, by: 'Reviewer Wu' });
    expect(twice.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/ALREADY_PINNED/) });

    const r = await call('evidence.open', { path: bundle, pinned: analystFingerprint });
    expect(r.value.verification).toMatchObject({ ok: true, keyPinned: true, keyFingerprint: analystFingerprint });
    expect(r.value.summary.size).toBeGreaterThan(0);

    const { store } = governanceOf(app.ctx);
    const types = [...store.readEvents(REGISTRY_LOG)].map((e) => (JSON.parse(e.canonical) as { type: string }).type);
    expect(types).toContain('evidence.key_pinned');
    expect(verifyAudit(store).ok).toBe(true);
  });

  it('remembers the pin across a restart, and forgetting it is an event too', async () => {
    const again = createAppContext({ dataDir: app.dataDir });
    try {
      const reg = createRegistry(again, handlers, { trustedOrigin: APP_ORIGIN });
      const c = (name: string, input: unknown) => reg.dispatch(name, input, TRUSTED_SENDER) as Promise<Answer>;
      const keys = (await c('evidence.keys', {})).value.keys as { fingerprint: string }[];
      expect(keys.map((k) => k.fingerprint)).toContain(analystFingerprint);
      const noReason = await c('evidence.forgetKey', { fingerprint: analystFingerprint, by: 'Reviewer Wu', reason: '' });
      expect(noReason.error?.code).toBe('INVALID_INPUT');
      const forgot = await c('evidence.forgetKey', { fingerprint: analystFingerprint, by: 'Reviewer Wu', reason: 'laptop replaced' });
      expect(forgot.ok).toBe(true);
      expect((await c('evidence.keys', {})).value.keys).toHaveLength(1);
      expect((await c('evidence.open', { path: bundle, pinned: analystFingerprint })).error?.code).toBe('NOT_FOUND');
      const own = keys[0]!.fingerprint;
      expect((await c('evidence.forgetKey', { fingerprint: own, by: 'Reviewer Wu', reason: 'x' })).error?.message).toMatch(/NOT_PINNED/);
    } finally {
      again.close();
    }
  });
});
