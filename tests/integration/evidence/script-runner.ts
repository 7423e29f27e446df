import { spawnSync } from 'node:child_process';
import path from 'node:path';

function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).status === 0;
}

/** Why the shell script cannot run here (null when it can). */
export const SH_MISSING: string | null =
  ['bash', 'sqlite3', 'jq', 'openssl']
    .filter((t) => !has(t))
    .map((t) => `${t} is not installed`)
    .join(', ') || null;
export const PY_MISSING: string | null =
  ['python3', 'openssl']
    .filter((t) => !has(t))
    .map((t) => `${t} is not installed`)
    .join(', ') || null;

export interface ScriptResult {
  code: number;
  out: string;
}

/** The first failing check and its seq, as each verifier reports it (null when none failed). */
export interface FirstFailure {
  check: string;
  seq: number | null;
}

// A hostile input must never hang a verifier: past this the run counts as a failure of the test.
const SCRIPT_TIMEOUT_MS = 120_000;

/** The scripts as shipped in the repository: a reviewer's copy obtained apart from the bundle. */
export const REFERENCE_SCRIPTS = path.resolve(import.meta.dirname, '../../../resources/verify');

export function runVerifySh(bundle: string, args: string[] = [], scriptDir = bundle): ScriptResult {
  const r = spawnSync('bash', [path.join(scriptDir, 'verify.sh'), bundle, ...args], { encoding: 'utf8', timeout: SCRIPT_TIMEOUT_MS });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

/** verify.sh's verdict line, "INTEGRITY FAILURE: <check>[ at seq <n>]: ...", read back as a FirstFailure. */
export function shFirstFailure(r: ScriptResult): FirstFailure | null {
  const m = /^INTEGRITY FAILURE: (\S+?)(?: at seq (\d+))?: /m.exec(r.out);
  return m ? { check: m[1]!, seq: m[2] === undefined ? null : Number(m[2]) } : null;
}

/** verify.py --json: the first failing check as well as the verdict. */
export function runVerifyPy(
  bundle: string,
  args: string[] = [],
  scriptDir = bundle,
): ScriptResult & { first: string | null; firstFailure: FirstFailure | null } {
  const r = spawnSync('python3', [path.join(scriptDir, 'verify.py'), bundle, '--json', ...args], {
    encoding: 'utf8',
    timeout: SCRIPT_TIMEOUT_MS,
  });
  let firstFailure: FirstFailure | null = null;
  try {
    const f = (JSON.parse(r.stdout) as { firstFailure: { check: string; seq: number | null } | null }).firstFailure;
    firstFailure = f ? { check: f.check, seq: f.seq } : null;
  } catch {
    firstFailure = null;
  }
  return { code: r.status ?? -1, out: r.stdout + r.stderr, first: firstFailure?.check ?? null, firstFailure };
}
