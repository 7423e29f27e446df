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

/** The scripts as shipped in the repository: a reviewer's copy obtained apart from the bundle. */
export const REFERENCE_SCRIPTS = path.resolve(import.meta.dirname, '../../../resources/verify');

export function runVerifySh(bundle: string, args: string[] = [], scriptDir = bundle): ScriptResult {
  const r = spawnSync('bash', [path.join(scriptDir, 'verify.sh'), bundle, ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

/** verify.py --json: the first failing check as well as the verdict. */
export function runVerifyPy(bundle: string, args: string[] = [], scriptDir = bundle): ScriptResult & { first: string | null } {
  const r = spawnSync('python3', [path.join(scriptDir, 'verify.py'), bundle, '--json', ...args], { encoding: 'utf8' });
  let first: string | null = null;
  try {
    first = (JSON.parse(r.stdout) as { firstFailure: { check: string } | null }).firstFailure?.check ?? null;
  } catch {
    first = null;
  }
  return { code: r.status ?? -1, out: r.stdout + r.stderr, first };
}
