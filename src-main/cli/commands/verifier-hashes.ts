import { scriptHashes } from '../../services/evidence/verifier-scripts';
import { EXIT, type CommandEnv } from '../io';

/** `papertape verifier-hashes`: the SHA-256 of the verify scripts this installation ships, to compare with a bundle's copies. */
export function registerVerifierHashes({ program, io, setExit }: CommandEnv): void {
  program
    .command('verifier-hashes')
    .description("print the SHA-256 of this installation's verify.sh and verify.py (compare with what a bundle's scripts print)")
    .option('--json', 'print as JSON')
    .action((opts: { json?: boolean }) => {
      const hashes = scriptHashes();
      io.out(opts.json ? `${JSON.stringify(hashes, null, 2)}\n` : hashes.map((h) => `${h.sha256}  ${h.name}\n`).join(''));
      setExit(EXIT.OK);
    });
}
