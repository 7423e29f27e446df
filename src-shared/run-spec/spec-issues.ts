import type { z } from 'zod';

/** One refusal, phrased for people: `risk.max_position: expected integer, got string`. */
export interface SpecIssue {
  path: string;
  reason: string;
  /** The same path as keys, for re-basing an issue inside a larger document. */
  at: PropertyKey[];
}

export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

function typeName(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'fractional number';
  return typeof value;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

const EXPECTED_NAMES: Record<string, string> = { int: 'integer', number: 'number', string: 'string', boolean: 'boolean', object: 'object' };

/** Turns zod issues into field-path + reason lines; unknown keys get one line each, at their own path. */
export function specIssues(issues: readonly z.core.$ZodIssue[], input: unknown): SpecIssue[] {
  const out: SpecIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        out.push({ path: formatIssuePath([...issue.path, key]), reason: 'unknown key', at: [...issue.path, key] });
    } else if (issue.code === 'invalid_type') {
      const got = valueAt(input, issue.path);
      const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
      out.push({
        path: formatIssuePath(issue.path),
        reason: got === undefined ? `required (${expected})` : `expected ${expected}, got ${typeName(got)}`,
        at: [...issue.path],
      });
    } else if (issue.code === 'invalid_union' && issue.discriminator !== undefined) {
      const options = 'options' in issue && issue.options ? issue.options.map((o) => JSON.stringify(o)).join(' | ') : '';
      const at = issue.path.at(-1) === issue.discriminator ? [...issue.path] : [...issue.path, issue.discriminator];
      const got = valueAt(input, at);
      out.push({ path: formatIssuePath(at), reason: `expected one of ${options}, got ${JSON.stringify(got) ?? 'nothing'}`, at });
    } else if (issue.code === 'invalid_union' && valueAt(input, issue.path) === undefined) {
      out.push({ path: formatIssuePath(issue.path), reason: 'required', at: [...issue.path] });
    } else {
      out.push({ path: formatIssuePath(issue.path), reason: issue.message, at: [...issue.path] });
    }
  }
  return out;
}

export function formatSpecIssues(issues: readonly SpecIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.reason}`).join('\n');
}
