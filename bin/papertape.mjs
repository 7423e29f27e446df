#!/usr/bin/env node
// The headless `papertape` command: the same services as the app, under plain Node, no Electron.
// It runs the built JavaScript (out/main/cli.js, from `npm run build`, which `npm install` runs);
// only in a development checkout whose sources are newer than that build does it fall back to tsx.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  console.error(`papertape needs Node.js 22 or newer (this is ${process.version}). Install Node 24 LTS and run again.`);
  process.exit(2);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'out', 'main', 'cli.js');

// The version alone needs none of the app: answer it without loading the services (same text as the built CLI's).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  console.log(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
  process.exit(0);
}

/** True when a .ts file under the source folders changed after the build (a development checkout only). */
function sourcesNewerThan(ms) {
  const stack = ['src-main', 'src-shared'].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
  while (stack.length > 0) {
    for (const e of fs.readdirSync(stack.pop(), { withFileTypes: true })) {
      const p = path.join(e.parentPath, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.name.endsWith('.ts') && fs.statSync(p).mtimeMs > ms) return true;
    }
  }
  return false;
}

let main;
const builtMs = fs.existsSync(built) ? fs.statSync(built).mtimeMs : null;
if (builtMs !== null && process.env.PAPERTAPE_FROM_SOURCES !== '1' && !sourcesNewerThan(builtMs)) {
  ({ main } = await import(built));
} else if (process.env.PAPERTAPE_REQUIRE_BUILT === '1') {
  console.error(`papertape: PAPERTAPE_REQUIRE_BUILT=1 but ${built} is missing or older than the sources. Run: npm run build`);
  process.exit(2);
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    console.error('papertape: the CLI is not built (out/main/cli.js is missing or older than the sources). Run: npm run build');
    process.exit(2);
  }
  register();
  ({ main } = await import('../src-main/cli/main.ts'));
}
process.exitCode = await main(process.argv);
