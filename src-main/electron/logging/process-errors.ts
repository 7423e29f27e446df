import { errorSummary, formatErrorEntry } from './error-entry';

export interface ProcessLike {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (err: unknown) => void): unknown;
}

/**
 * An uncaught main-process error is written to the rotating log and shown to the user; the process
 * keeps running. Nothing committed is at risk: the store commits each pipeline step in its own
 * transaction, so the worst case is losing the step in flight, which was never committed.
 */
export function installProcessErrorHandlers(
  proc: ProcessLike,
  deps: { append(line: string): void; show(summary: string): void; now(): Date },
): void {
  const handle = (kind: 'uncaughtException' | 'unhandledRejection') => (err: unknown) => {
    try {
      deps.append(formatErrorEntry(kind, err, deps.now()));
    } catch {
      // A full disk must not turn one error into a crash loop; the dialog still tells the user.
    }
    try {
      deps.show(errorSummary(err));
    } catch {
      // No dialog before `ready`: the log line is all we can do.
    }
  };
  proc.on('uncaughtException', handle('uncaughtException'));
  proc.on('unhandledRejection', handle('unhandledRejection'));
}
