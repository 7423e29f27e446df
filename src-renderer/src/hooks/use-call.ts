import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallInput, CallName, CallOutput, EventName, EventPayload } from '../../../src-shared/contract';
import { asCallError, CallError, invoke, subscribe } from '../ipc/client';

export interface CallState<T> {
  data: T | undefined;
  error: CallError | undefined;
  loading: boolean;
  refresh: () => void;
}

/** Runs a contract call on mount (and on `refresh`), keeping the last good value while reloading. */
export function useCall<N extends CallName>(name: N, input?: CallInput<N>): CallState<CallOutput<N>> {
  const [data, setData] = useState<CallOutput<N>>();
  const [error, setError] = useState<CallError>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(input ?? null);
  const inputRef = useRef(input);
  inputRef.current = input;

  useEffect(() => {
    let active = true;
    setLoading(true);
    invoke(name, inputRef.current).then(
      (value) => {
        if (!active) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (err: unknown) => {
        if (!active) return;
        setError(asCallError(err));
        setLoading(false);
      },
    );
    return () => {
      active = false;
    };
  }, [name, key, tick]);

  const refresh = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, refresh };
}

export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => subscribe(event, (p) => ref.current(p)), [event]);
}
