import type { CallInput, CallName, CallOutput, EventName, EventPayload, PapertapeBridge } from '../../../src-shared/contract';
import type { Envelope, EnvelopeError } from '../../../src-shared/envelope';

declare global {
  interface Window {
    papertape?: PapertapeBridge;
  }
}

/** An error envelope surfaced to React code; `code` is the contract's stable error code. */
export class CallError extends Error {
  constructor(readonly envelope: EnvelopeError) {
    super(envelope.message);
    this.name = 'CallError';
  }
  get code() {
    return this.envelope.code;
  }
}

/** Whatever a call threw, as a CallError: an unexpected throw becomes INTERNAL with its message. */
export function asCallError(err: unknown): CallError {
  return err instanceof CallError ? err : new CallError({ code: 'INTERNAL', message: String(err) });
}

function bridge(): PapertapeBridge {
  if (!window.papertape)
    throw new CallError({ code: 'INTERNAL', message: 'The app bridge is missing: this page must run inside Papertape.' });
  return window.papertape;
}

/** Typed call: the name fixes both the input and the output type. */
export async function invoke<N extends CallName>(name: N, input?: CallInput<N>): Promise<CallOutput<N>> {
  const envelope = (await bridge().invoke(name, input)) as Envelope<CallOutput<N>>;
  if (!envelope || typeof envelope !== 'object' || !('ok' in envelope)) {
    throw new CallError({ code: 'INTERNAL', message: `Malformed answer for ${name}.` });
  }
  if (!envelope.ok) throw new CallError(envelope.error);
  return envelope.value;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge().on(event, listener as (payload: unknown) => void);
}
