#!/usr/bin/env node
// The headless `papertape` command: the same services as the app, under plain Node, no Electron.
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  console.error(`papertape needs Node.js 22 or newer (this is ${process.version}). Install Node 24 LTS and run again.`);
  process.exit(2);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src-main/cli/main.ts');
process.exitCode = await main(process.argv);
