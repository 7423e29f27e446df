import { z } from 'zod';
import { contract, isCallName, type CallName, type CallOutput, type Contract } from '../../src-shared/contract';
import { errorEnvelope, okEnvelope, type Envelope } from '../../src-shared/envelope';
import { asServiceError } from '../errors/as-service-error';
import type { AppContext } from '../app-context';
import { isOriginUrl } from '../../src-shared/app-origin';

export type Handler<N extends CallName> = (
  input: z.output<Contract['calls'][N]['input']>,
  ctx: AppContext,
) => CallOutput<N> | Promise<CallOutput<N>>;

export type Handlers = { [N in CallName]: Handler<N> };

export interface SenderInfo {
  /** URL of the frame that sent the call; only the app's own origin is served. */
  url: string | null | undefined;
  /** False for a sub-frame: only the app's top-level page may call (the CSP forbids frames anyway). */
  topLevel?: boolean;
}

export interface Registry {
  dispatch(name: unknown, input: unknown, sender: SenderInfo): Promise<Envelope<unknown>>;
}

const MAX_ISSUES_IN_DETAILS = 20;

/**
 * The single door into the main process. It never throws and never rejects: every outcome,
 * including a bug in a handler, is an envelope the renderer can show.
 */
export function createRegistry(ctx: AppContext, handlers: Handlers, opts: { trustedOrigin: string }): Registry {
  return {
    async dispatch(name, input, sender) {
      try {
        if (sender.topLevel === false || !isOriginUrl(sender.url, opts.trustedOrigin)) {
          return errorEnvelope('UNTRUSTED_SENDER', 'Calls are accepted only from the app’s own page.');
        }
        if (!isCallName(name)) {
          const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 80)) : typeof name;
          return errorEnvelope('UNKNOWN_CALL', `No call named ${shown} in the contract.`);
        }
        return await invokeCall(name, input, ctx, handlers);
      } catch (err) {
        return errorFromThrown(err);
      }
    },
  };
}

async function invokeCall<N extends CallName>(name: N, input: unknown, ctx: AppContext, handlers: Handlers): Promise<Envelope<unknown>> {
  const spec = contract.calls[name];
  const parsed = spec.input.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, MAX_ISSUES_IN_DETAILS).map((i) => ({
      path: i.path.map((p) => String(p).slice(0, 64)).join('.'),
      message: i.message.slice(0, 200),
    }));
    const first = issues[0];
    const where = first && first.path ? ` at ${first.path}` : '';
    return errorEnvelope('INVALID_INPUT', `Invalid input for ${name}${where}: ${first?.message ?? 'rejected'}`, { issues });
  }
  const handler = handlers[name] as Handler<N>;
  const value = await handler(parsed.data as z.output<Contract['calls'][N]['input']>, ctx);
  const checked = spec.output.safeParse(value);
  if (!checked.success) {
    return errorEnvelope('INTERNAL', `The main process produced an answer for ${name} that breaks the contract.`);
  }
  return okEnvelope(checked.data);
}

/** The one mapping from a thrown value to an IPC envelope. */
export function errorFromThrown(err: unknown): Envelope<never> {
  const e = asServiceError(err);
  return errorEnvelope(e.code, e.message, e.details);
}
