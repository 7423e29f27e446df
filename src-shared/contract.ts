import { z } from 'zod';

/**
 * The one IPC contract. Each call: name -> { input, output } schemas; each pushed event: name -> schema.
 * The main-side registry, the preload allow-list, the renderer client and the tests all derive from
 * this object, so a call added here is registered, exposed and fuzzed without further wiring.
 */

/** No-argument calls accept nothing or an empty object, and nothing else. */
const NoInput = z.strictObject({}).optional();

export const TradingMode = z.literal('paper');

export const AppInfo = z.strictObject({
  name: z.literal('Papertape'),
  version: z.string(),
  buildId: z.string(),
  dataDir: z.string(),
  mode: TradingMode,
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const AuditStatus = z.enum(['empty', 'unverified', 'verified', 'failed']);
export type AuditStatus = z.infer<typeof AuditStatus>;

export const AppHealth = z.strictObject({
  store: z.strictObject({
    reachable: z.boolean(),
    path: z.string(),
    schemaVersion: z.number().int().nullable(),
    error: z.string().nullable(),
  }),
  audit: z.strictObject({
    status: AuditStatus,
    detail: z.string(),
  }),
  versions: z.strictObject({
    node: z.string(),
    electron: z.string().nullable(),
    sqlite: z.string().nullable(),
  }),
  checkedAt: z.string(),
});
export type AppHealth = z.infer<typeof AppHealth>;

export const contract = {
  calls: {
    'app.info': { input: NoInput, output: AppInfo },
    'app.health': { input: NoInput, output: AppHealth },
  },
  events: {
    'app.health.changed': AppHealth,
  },
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract['calls'];
export type EventName = keyof Contract['events'];
export type CallInput<N extends CallName> = z.input<Contract['calls'][N]['input']>;
export type CallOutput<N extends CallName> = z.output<Contract['calls'][N]['output']>;
export type EventPayload<E extends EventName> = z.output<Contract['events'][E]>;

export const CALL_NAMES = Object.freeze(Object.keys(contract.calls) as CallName[]);
export const EVENT_NAMES = Object.freeze(Object.keys(contract.events) as EventName[]);

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(contract.calls, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(contract.events, name);
}

/** The shape the preload puts on `window.papertape`, and the e2e harness mimics. */
export interface PapertapeBridge {
  invoke(name: string, input?: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
