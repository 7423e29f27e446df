/**
 * Size-capped log rotation as a pure plan, so the rules are tested without a file system:
 * `name.log` is the current file; `name.1.log` the newest archive ... `name.<keep>.log` the oldest.
 * Before appending an entry that would push the current file over `maxBytes`, the archives shift
 * up by one (the oldest is dropped) and the current file becomes `.1`.
 */
export interface RotationOptions {
  baseName: string;
  maxBytes: number;
  /** How many archives to keep besides the current file (0 means truncate instead). */
  keep: number;
}

export type RotationStep = { op: 'delete'; file: string } | { op: 'rename'; from: string; to: string };

export function logFileName(baseName: string, index: number): string {
  return index === 0 ? `${baseName}.log` : `${baseName}.${index}.log`;
}

export function needsRotation(currentBytes: number, incomingBytes: number, maxBytes: number): boolean {
  // An entry bigger than the cap still lands in a file of its own rather than being dropped.
  return currentBytes > 0 && currentBytes + incomingBytes > maxBytes;
}

/** The renames to run, in order, given which archive files exist now. */
export function rotationPlan(existing: ReadonlySet<string>, opts: RotationOptions): RotationStep[] {
  const { baseName, keep } = opts;
  const current = logFileName(baseName, 0);
  if (keep <= 0) return existing.has(current) ? [{ op: 'delete', file: current }] : [];
  const steps: RotationStep[] = [];
  const oldest = logFileName(baseName, keep);
  if (existing.has(oldest)) steps.push({ op: 'delete', file: oldest });
  for (let i = keep - 1; i >= 0; i--) {
    const from = logFileName(baseName, i);
    if (existing.has(from)) steps.push({ op: 'rename', from, to: logFileName(baseName, i + 1) });
  }
  return steps;
}
