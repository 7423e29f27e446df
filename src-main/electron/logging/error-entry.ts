/** One log line for a main-process failure: a stable code, then the stack on following lines. */
export function formatErrorEntry(kind: 'uncaughtException' | 'unhandledRejection', err: unknown, at: Date): string {
  const detail = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : safeString(err);
  return `${at.toISOString()} MAIN_PROCESS_ERROR: kind=${kind}\n${detail}\n`;
}

/** The short text shown in the error dialog: the message only, never more than a few lines. */
export function errorSummary(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : safeString(err);
  return text.length > 600 ? text.slice(0, 600) + '…' : text;
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}
