import { useCallback, useState } from 'react';
import { asCallError, type CallError } from '../ipc/client';

/** One thing the user asks main to do (inspect, export, open, replay, save, resolve) and what came of it. */
export interface Action<T> {
  busy: boolean;
  /** The last run's answer; cleared when a run starts or is refused. */
  result: T | undefined;
  /** Main's refusal (a contract error envelope) or a failed call, as the renderer shows it. */
  error: CallError | undefined;
  /** Why the action could not start (an input is missing), shown as a status line. */
  hint: string | null;
  /** Runs the task; the last answer goes first, so a stale success never sits beside a new failure. Undefined on error. */
  run(task: () => Promise<T>): Promise<T | undefined>;
  /** The action cannot start: says why and clears the last answer. */
  refuse(hint: string): void;
}

export function useAction<T>(): Action<T> {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<T>();
  const [error, setError] = useState<CallError>();
  const [hint, setHint] = useState<string | null>(null);

  const reset = useCallback(() => {
    setResult(undefined);
    setError(undefined);
    setHint(null);
  }, []);

  const run = useCallback(
    async (task: () => Promise<T>) => {
      reset();
      setBusy(true);
      try {
        const value = await task();
        setResult(() => value);
        return value;
      } catch (err) {
        setError(asCallError(err));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [reset],
  );

  const refuse = useCallback(
    (why: string) => {
      reset();
      setHint(why);
    },
    [reset],
  );

  return { busy, result, error, hint, run, refuse };
}
