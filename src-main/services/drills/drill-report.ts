export const DRILL_NAMES = ['stale-data', 'reconciliation-mismatch', 'restart-recovery'] as const;
export type DrillName = (typeof DRILL_NAMES)[number];

export interface DrillCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** What a drill did (in order), what it then checked, and where its scratch data directory is. */
export interface DrillReport {
  drill: DrillName;
  ok: boolean;
  workDir: string;
  steps: string[];
  checks: DrillCheck[];
}

export function check(name: string, ok: boolean, detail: string): DrillCheck {
  return { name, ok, detail };
}
