import { APP_ORIGIN } from '../../../src-shared/app-identity';
import type { Envelope } from '../../../src-shared/envelope';
import type { AppContext } from '../../../src-main/app-context';
import { openWorkstationContext } from '../../../src-main/services/workstation-context';
import { handlers } from '../../../src-main/ipc/handlers';
import { createRegistry } from '../../../src-main/ipc/registry';
import { setSessionRunner, type SessionRunner } from '../../../src-main/services/sessions/session-runner-port';
import { makeTempDir } from '../../support/temp-dir';

export const SENDER = { url: `${APP_ORIGIN}/index.html` };

/** A clock that moves one second per reading, from a fixed instant: events get distinct, reproducible times. */
export function steppingClock(startIso = '2026-12-16T01:00:00.000Z'): () => Date {
  let t = Date.parse(startIso);
  return () => new Date((t += 1000));
}

export interface GovApp {
  ctx: AppContext;
  dataDir: string;
  call<T = unknown>(name: string, input?: unknown): Promise<Envelope<T>>;
  ok<T = unknown>(name: string, input?: unknown): Promise<T>;
  reopen(runner?: SessionRunner): GovApp;
  cleanup(): void;
}

export function openGovApp(opts: { dataDir?: string; runner?: SessionRunner; clockStart?: string } = {}): GovApp {
  const temp = opts.dataDir ? null : makeTempDir('papertape-gov-');
  const dataDir = opts.dataDir ?? temp!.dir;
  const ctx = openWorkstationContext({ dataDir, clock: steppingClock(opts.clockStart) });
  if (opts.runner) setSessionRunner(ctx, opts.runner);
  const registry = createRegistry(ctx, handlers, { trustedOrigin: APP_ORIGIN });
  const app: GovApp = {
    ctx,
    dataDir,
    call: (name, input) => registry.dispatch(name, input, SENDER) as never,
    async ok(name, input) {
      const r = await registry.dispatch(name, input, SENDER);
      if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    reopen(runner) {
      ctx.close();
      return openGovApp({ dataDir, runner, clockStart: '2026-12-16T05:00:00.000Z' });
    },
    cleanup() {
      ctx.close();
      temp?.cleanup();
    },
  };
  return app;
}

export const SPEC = {
  version: 1,
  name: 'breakout demo',
  lane: 'paper_research',
  mode: 'paper',
  owner: 'ann',
  strategy: { kind: 'breakout', params: { lookback: 20 } },
  seed: 7,
};

export const LANE_CONFIG = {
  riskEnvelope: {
    maxPositionContracts: 2,
    maxTxEquivTwentieths: 40,
    maxNotionalPerOrderCents: 1_000_000_000,
    maxOpenOrders: 4,
    maxDailyLossCents: 5_000_000,
    maxDrawdownBps: 500,
    maxQuoteAgeMs: 2000,
  },
  paperCapitalCents: 100_000_000,
  promotionCriteria: { minCompletedSessions: 2, minFills: 4, maxDrawdownBps: 500, maxUnresolvedBreaks: 0, maxAbortedSessions: 0 },
};
