#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts in its own Node process (so peak memory is per figure).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const files = fs
  .readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort((a, b) => (a === 'baselines.bench.ts' ? -1 : b === 'baselines.bench.ts' ? 1 : a.localeCompare(b)));
let failed = 0;
for (const f of files) {
  console.log(`# ${f}`);
  const res = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(root, 'bench', f)], { stdio: 'inherit', cwd: root });
  if (res.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
