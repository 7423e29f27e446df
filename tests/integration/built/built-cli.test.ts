import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { smallSpec } from '../session-execution/execution-kit';
import { makeTempDir } from '../../support/temp-dir';

/**
 * What ships is what is tested: `bin/papertape.mjs` running the built JavaScript (out/main/cli.js,
 * which `npm test` builds first), never the TypeScript sources. PAPERTAPE_REQUIRE_BUILT=1 makes the
 * launcher refuse instead of falling back to tsx, so a missing or stale build fails here, loudly.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'bin/papertape.mjs');

function papertape(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PAPERTAPE_REQUIRE_BUILT: '1', PAPERTAPE_FROM_SOURCES: '' },
    timeout: 180_000,
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('the built CLI', () => {
  it('is built, and answers --version and --help', () => {
    expect(fs.existsSync(path.join(ROOT, 'out/main/cli.js')), 'out/main/cli.js: run npm run build').toBe(true);
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(papertape('--version')).toMatchObject({ code: 0, out: `${version.version}\n` });
    const help = papertape('--help');
    expect(help.err).toBe('');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/paper-only trading workstation/);
  });

  it('runs, verifies, exports and verifies the bundle from built JavaScript', () => {
    const t = makeTempDir('pt-built-cli-');
    try {
      const spec = path.join(t.dir, 'spec.yaml');
      fs.writeFileSync(spec, stringify(smallSpec()));
      const data = path.join(t.dir, 'data');
      const run = papertape('--data-dir', data, 'run', spec, '--json');
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      const { session_id: id, status } = JSON.parse(run.out) as { session_id: string; status: string };
      expect(status).toBe('completed');
      expect(papertape('--data-dir', data, 'verify').code).toBe(0);
      const bundle = path.join(t.dir, 'bundle');
      expect(papertape('--data-dir', data, 'export', id, '--out', bundle).code).toBe(0);
      const pem = path.join(t.dir, 'analyst.pem');
      expect(papertape('--data-dir', data, 'key', 'export', '--out', pem).code).toBe(0);
      const verified = papertape('verify', bundle, '--pubkey', pem);
      expect(verified.out).toMatch(/^VERIFIED: /m);
      expect(verified.out).toMatch(/bundled verify\.py: the same bytes as this Papertape's copy/);
      expect(verified.code).toBe(0);
    } finally {
      t.cleanup();
    }
  });
});
