import type { JsonObject, JsonPrimitive } from '../json';

export type Verdict = 'ALLOW' | 'REDUCE' | 'DENY';

/** One risk check's answer, with the inputs it used so the decision event can show them. */
export interface CheckResult {
  check: string;
  verdict: Verdict;
  /** Set for REDUCE: the quantity the order is cut to. */
  quantity: number | null;
  /** `CODE: key=value, ...`; null when the check allows. */
  reason: string | null;
  inputs: JsonObject;
}

/** Stable reason text: `STALE_QUOTE: age_ms=2001, max_ms=2000` (null prints as `none`). */
export function reason(code: string, fields: Record<string, JsonPrimitive> = {}): string {
  const parts = Object.entries(fields).map(([k, v]) => `${k}=${v === null ? 'none' : String(v)}`);
  return parts.length === 0 ? code : `${code}: ${parts.join(', ')}`;
}

export function allow(check: string, inputs: JsonObject): CheckResult {
  return { check, verdict: 'ALLOW', quantity: null, reason: null, inputs };
}

export function deny(check: string, inputs: JsonObject, why: string): CheckResult {
  return { check, verdict: 'DENY', quantity: null, reason: why, inputs };
}

export function reduce(check: string, inputs: JsonObject, quantity: number, why: string): CheckResult {
  return { check, verdict: 'REDUCE', quantity, reason: why, inputs };
}

/** Fail closed: a limit left at (or configured as) 0 means no trading. */
export function zeroLimit(check: string, inputs: JsonObject, limitName: string): CheckResult {
  return deny(check, inputs, reason('LIMIT_IS_ZERO', { limit: limitName }));
}
