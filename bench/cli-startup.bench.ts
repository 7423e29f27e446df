import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { report, timed } from './lib/report';

/**
 * Start-up of the shipped CLI (bin/papertape.mjs on the built out/main/cli.js) against the bare
 * `node -e 0` of the same machine, median of several runs. `--version` answers without loading the
 * services; `--help` loads every command (the cost each real command pays before its own work).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/papertape.mjs');
const RUNS = 9;

function medianSecs(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++)
    xs.push(
      timed(() => {
        const r = spawnSync(process.execPath, args, { env, stdio: 'ignore' });
        if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
      }),
    );
  return xs.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

if (!fs.existsSync(path.join(ROOT, 'out/main/cli.js'))) throw new Error('out/main/cli.js is missing: npm run build first');
const built = { ...process.env, PAPERTAPE_REQUIRE_BUILT: '1' };
const bare = medianSecs(['-e', '0']);
report('node -e 0', bare * 1000, 'ms');
report('papertape --version (built)', medianSecs([BIN, '--version'], built) * 1000, 'ms', {
  value: bare * 1000,
  name: 'node -e 0 (aim: within 3x)',
  higherIsBetter: false,
});
report('papertape --help (built, every command loaded)', medianSecs([BIN, '--help'], built) * 1000, 'ms', {
  value: bare * 1000,
  name: 'node -e 0',
  higherIsBetter: false,
});
report(
  'papertape --help (TypeScript sources through tsx)',
  medianSecs([BIN, '--help'], { ...process.env, PAPERTAPE_FROM_SOURCES: '1' }) * 1000,
  'ms',
  {
    value: bare * 1000,
    name: 'node -e 0',
    higherIsBetter: false,
  },
);
