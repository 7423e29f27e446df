/** `WHERE a = ? AND b = ?` from the filters that are set; column names come from code, values are bound. */
export function whereEquals(filters: Record<string, string | undefined>): { sql: string; args: string[] } {
  const set = Object.entries(filters).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
  if (set.length === 0) return { sql: '', args: [] };
  return { sql: 'WHERE ' + set.map(([col]) => `${col} = ?`).join(' AND '), args: set.map(([, v]) => v) };
}
