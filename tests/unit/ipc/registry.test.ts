import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { APP_ORIGIN } from '../../../src-shared/app-identity';
import { AppHealth, AppInfo, CALL_NAMES } from '../../../src-shared/contract';
import { ServiceError } from '../../../src-shared/envelope';
import { handlers } from '../../../src-main/ipc/handlers';
import { createRegistry } from '../../../src-main/ipc/registry';
import { makeApp, TRUSTED_SENDER } from '../../support/app-fixture';

describe('IPC registry', () => {
  let app: ReturnType<typeof makeApp>;
  beforeEach(() => {
    app = makeApp();
  });
  afterEach(() => app.cleanup());

  it('answers app.info with mode paper and the real data directory', async () => {
    const res = await app.registry.dispatch('app.info', undefined, TRUSTED_SENDER);
    expect(res.ok).toBe(true);
    const info = AppInfo.parse((res as { value: unknown }).value);
    expect(info.mode).toBe('paper');
    expect(info.dataDir).toBe(app.dataDir);
  });

  it('answers app.health with a reachable store and the Node version', async () => {
    const res = await app.registry.dispatch('app.health', {}, TRUSTED_SENDER);
    const health = AppHealth.parse((res as { value: unknown }).value);
    expect(health.store.reachable).toBe(true);
    expect(health.store.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(health.versions.node).toBe(process.versions.node);
    expect(health.versions.electron).toBeNull();
  });

  it('refuses an unknown call name, including prototype keys', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null]) {
      const res = await app.registry.dispatch(name, undefined, TRUSTED_SENDER);
      expect(res).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    }
  });

  it('refuses invalid input with the field path', async () => {
    const res = await app.registry.dispatch('app.info', { extra: 1 }, TRUSTED_SENDER);
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((res as { error: { message: string } }).error.message).toContain('app.info');
  });

  it('refuses senders that are not the app page', async () => {
    for (const url of [
      undefined,
      null,
      '',
      'https://evil.example/',
      `${APP_ORIGIN}.evil/`,
      'papertape://app@evil/',
      'file:///index.html',
      'papertape://other/',
    ]) {
      const res = await app.registry.dispatch('app.info', undefined, { url });
      expect(res).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    }
  });

  it('turns a throwing handler into an envelope, keeping a ServiceError code', async () => {
    const boom = createRegistry(
      app.ctx,
      {
        ...handlers,
        'app.info': () => {
          throw new ServiceError('IO_ERROR', 'disk gone');
        },
        'app.health': () => {
          throw new Error('bug');
        },
      },
      { trustedOrigin: APP_ORIGIN },
    );
    expect(await boom.dispatch('app.info', undefined, TRUSTED_SENDER)).toEqual({
      ok: false,
      error: { code: 'IO_ERROR', message: 'disk gone' },
    });
    expect(await boom.dispatch('app.health', undefined, TRUSTED_SENDER)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('refuses an answer that breaks the output schema instead of passing it on', async () => {
    const broken = createRegistry(
      app.ctx,
      { ...handlers, 'app.info': () => ({ mode: 'other' }) as unknown as z.infer<typeof AppInfo> },
      { trustedOrigin: APP_ORIGIN },
    );
    expect(await broken.dispatch('app.info', undefined, TRUSTED_SENDER)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('has a handler for every call in the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CALL_NAMES].sort());
  });
});
