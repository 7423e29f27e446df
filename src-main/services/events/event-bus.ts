import { contract, type EventName, type EventPayload } from '../../../src-shared/contract';

type Listener = (event: EventName, payload: unknown) => void;

/** Pushed events, validated against the contract before they leave the main process. */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: Listener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<Listener>();
  return {
    emit(event, payload) {
      const parsed = contract.events[event].parse(payload);
      for (const l of listeners) l(event, parsed);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
