/** `S-YYYYMMDD-<n>`: readable in a log line, sortable by day, and allocated from the injected clock. */
export function formatSessionId(day: string, n: number): string {
  return `S-${day}-${n}`;
}

/** The UTC calendar day of an RFC 3339 UTC timestamp, as YYYYMMDD. */
export function sessionDay(isoUtc: string): string {
  return isoUtc.slice(0, 10).replaceAll('-', '');
}
