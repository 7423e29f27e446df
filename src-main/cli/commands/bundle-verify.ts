import fs from 'node:fs';
import { BundleUsageError } from '../../services/evidence/bundle-checks';
import { EXIT_UNPINNED, formatBundleVerification, isUnpinnedUntrusted } from '../../services/evidence/format-verification';
import { looksLikeBundle, withVerifiedBundle } from '../../services/evidence/open-bundle';
import { compareBundledScripts } from '../../services/evidence/verifier-scripts';
import { EXIT, type CliIo, type CommandEnv } from '../io';

export interface BundleVerifyOptions {
  pubkey?: string;
  lastCheckpoint?: string;
  json?: boolean;
  trustBundledKey?: boolean;
}

export { looksLikeBundle };

/** `papertape verify <bundle>`: exit 0 every check holds, 1 a finding, 2 usage or I/O. */
export function runBundleVerify(bundle: string, opts: BundleVerifyOptions, io: CliIo, setExit: (code: number) => void): void {
  let pubkeyPem: string | undefined;
  let lastCheckpoint: string | undefined;
  try {
    if (opts.pubkey !== undefined) pubkeyPem = fs.readFileSync(opts.pubkey, 'utf8');
    if (opts.lastCheckpoint !== undefined) lastCheckpoint = fs.readFileSync(opts.lastCheckpoint, 'utf8');
    const verifyOpts = {
      ...(pubkeyPem !== undefined ? { pubkeyPem } : {}),
      ...(lastCheckpoint !== undefined ? { lastCheckpoint } : {}),
    };
    const { v, scripts } = withVerifiedBundle(bundle, verifyOpts, (v, dir) => ({ v, scripts: dir ? compareBundledScripts(dir) : [] }));
    const trust = opts.trustBundledKey === true;
    io.out(opts.json ? JSON.stringify({ ...v, scripts }, null, 2) + '\n' : formatBundleVerification(v, trust) + scriptsNote(scripts));
    setExit(isUnpinnedUntrusted(v, trust) ? EXIT_UNPINNED : v.ok ? EXIT.OK : EXIT.FINDING);
  } catch (err) {
    if (!(err instanceof BundleUsageError) && (err as NodeJS.ErrnoException).code === undefined) throw err;
    io.err(`papertape verify: ${(err as Error).message}\n`);
    setExit(EXIT.USAGE);
  }
}

/** Whether the bundle's own scripts are this installation's copies: a reviewer should run a copy obtained apart. */
function scriptsNote(scripts: ReturnType<typeof compareBundledScripts>): string {
  return scripts
    .map((s) =>
      s.matches === null
        ? ''
        : s.matches
          ? `bundled ${s.name}: the same bytes as this Papertape's copy (${s.sha256.slice(0, 16)})\n`
          : `bundled ${s.name}: DIFFERS from this Papertape's copy (bundled ${s.sha256.slice(0, 16)}); run the copy you trust, not the bundle's\n`,
    )
    .join('');
}

export function registerBundleVerify({ program, io, setExit }: CommandEnv): void {
  program
    .command('bundle-verify')
    .description('verify an evidence bundle (folder or .zip); same as `papertape verify <bundle>`')
    .argument('<bundle>', 'bundle folder or zip')
    .option('--pubkey <pem>', "the analyst's public key (papertape key export); without it the bundled key is only a hint")
    .option('--last-checkpoint <file>', 'a checkpoint note of this session seen earlier (detects rollback and fork)')
    .option('--trust-bundled-key', 'without --pubkey: accept the key shipped inside the bundle (otherwise exit 3, not verified)')
    .option('--json', 'print the report as JSON')
    .action((bundle: string, opts: BundleVerifyOptions) => runBundleVerify(bundle, opts, io, setExit));
}
