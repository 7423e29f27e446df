import fs from 'node:fs';
import { BundleUsageError } from '../../services/evidence/bundle-checks';
import { EXIT_UNPINNED, formatBundleVerification, isUnpinnedUntrusted } from '../../services/evidence/format-verification';
import { inspectBundle } from '../../services/evidence/inspect-bundle';
import { EXIT, type CommandEnv } from '../io';

export function registerInspect({ program, io, setExit }: CommandEnv): void {
  program
    .command('inspect')
    .description('verify an evidence bundle, then show a read-only summary (a failing bundle shows only its failure)')
    .argument('<bundle>', 'bundle folder or zip')
    .option('--pubkey <pem>', "the analyst's public key")
    .option('--trust-bundled-key', 'without --pubkey: accept the key shipped inside the bundle (otherwise exit 3)')
    .option('--json', 'print as JSON')
    .action((bundle: string, opts: { pubkey?: string; json?: boolean; trustBundledKey?: boolean }) => {
      const trust = opts.trustBundledKey === true;
      try {
        const pubkeyPem = opts.pubkey !== undefined ? fs.readFileSync(opts.pubkey, 'utf8') : undefined;
        const r = inspectBundle(bundle, pubkeyPem !== undefined ? { pubkeyPem } : {});
        if (opts.json) io.out(JSON.stringify(r, null, 2) + '\n');
        else {
          io.out(formatBundleVerification(r.verification, trust));
          const s = r.summary;
          if (!s) io.out('Not loaded: the bundle failed verification and is shown with its failure only.\n');
          else {
            io.out(
              `\n${s.notice}\nsession ${s.sessionId} (${s.specName ?? 'no spec'}), ${s.size} events, ${s.firstTs ?? '-'} .. ${s.lastTs ?? '-'}\n`,
            );
            io.out(`exported ${s.createdAt} by Papertape ${s.codeVersion}; key ${s.keyFingerprint}\n`);
            io.out(`replay data ${s.dataIncluded ? 'included' : 'excluded'}, fingerprint ${s.dataFingerprint ?? '-'}\n`);
            for (const [type, n] of s.eventTypes) io.out(`  ${type.padEnd(28)} ${n}\n`);
          }
        }
        setExit(isUnpinnedUntrusted(r.verification, trust) ? EXIT_UNPINNED : r.verification.ok ? EXIT.OK : EXIT.FINDING);
      } catch (err) {
        if (!(err instanceof BundleUsageError) && (err as NodeJS.ErrnoException).code === undefined) throw err;
        io.err(`papertape inspect: ${(err as Error).message}\n`);
        setExit(EXIT.USAGE);
      }
    });
}
