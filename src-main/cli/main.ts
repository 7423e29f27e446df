import { Command, CommanderError } from 'commander';
import { resolveDataDir } from '../services/data-dir';
import { createPipelineSessionRunner } from '../services/session-execution/pipeline-session-runner';
import { setSessionRunner } from '../services/sessions/session-runner-port';
import { openWorkstationContext } from '../services/workstation-context';
import { cliSigningKeyStoreOf } from '../services/signing-key/safe-storage-key-store';
import type { SigningKeyStore } from '../store/signing-key/signing-key-store';
import { codeVersion } from '../version';
import { COMMANDS } from './commands';
import { reportUncaught } from './exit-codes';
import { EXIT, type CliIo } from './io';

export { EXIT };

const stdio: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTty: Boolean(process.stderr.isTTY),
};

/** What the host of the CLI plugs in: plain Node takes the defaults; the installed app passes its keychain-backed key store. */
export interface CliWiring {
  signingKeyStore?: (dataDir: string) => SigningKeyStore;
}

export function buildProgram(io: CliIo, setExit: (code: number) => void, wiring: CliWiring = {}): Command {
  const program = new Command('papertape')
    .description(
      'Papertape: an offline, paper-only trading workstation for Taiwan index futures (TX, MTX, TMF).\nNo network, no real orders: every fill is simulated.',
    )
    .version(codeVersion(), '-V, --version', 'print the version')
    .option('--data-dir <dir>', 'data directory (default: PAPERTAPE_DATA_DIR, then the OS per-user app data folder)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  const dataDir = () => resolveDataDir(program.opts<{ dataDir?: string }>().dataDir);
  const signingKeyStore = wiring.signingKeyStore ?? cliSigningKeyStoreOf;
  // Opening the registry runs crash recovery first, as in the app. Plain Node: sessions run in this
  // process (one writer, the registry's connection); see docs/run-specs.md.
  const openContext = () => {
    const ctx = openWorkstationContext({ dataDir: dataDir(), signingKeyStore });
    setSessionRunner(ctx, createPipelineSessionRunner());
    return ctx;
  };
  for (const register of COMMANDS) register({ program, io, setExit, dataDir, openContext, signingKeyStore });
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  return program;
}

export async function main(argv: readonly string[], io: CliIo = stdio, wiring: CliWiring = {}): Promise<number> {
  let code: number = EXIT.OK;
  const program = buildProgram(io, (c) => (code = c), wiring);
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version land here with exit code 0; usage errors are already printed.
      return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    return reportUncaught(err, io.err);
  }
}
