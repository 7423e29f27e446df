import type { CheckResult, Verdict } from './check-result';

export interface RiskDecision {
  verdict: Verdict;
  requested: number;
  /** Quantity that goes on to the OMS (0 when denied). */
  approved: number;
  /** The first deny reason, or the REDUCE reason; null when allowed. */
  reason: string | null;
  checks: CheckResult[];
}

/** Any DENY denies (first one is the headline); otherwise the smallest REDUCE wins. */
export function combineChecks(requested: number, checks: CheckResult[]): RiskDecision {
  const denied = checks.find((c) => c.verdict === 'DENY');
  if (denied) return { verdict: 'DENY', requested, approved: 0, reason: denied.reason, checks };
  let approved = requested;
  let why: string | null = null;
  for (const c of checks) {
    if (c.verdict === 'REDUCE' && c.quantity !== null && c.quantity < approved) {
      approved = c.quantity;
      why = c.reason;
    }
  }
  return { verdict: approved < requested ? 'REDUCE' : 'ALLOW', requested, approved, reason: why, checks };
}
