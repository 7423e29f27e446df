import type { AppContext } from '../app-context';
import type { SigningKeyStore } from '../store/signing-key/signing-key-store';
import type { Command } from 'commander';

/**
 * Exit codes shared by every command: 0 all holds, 1 a finding (integrity, failed check), 2 usage or
 * I/O, 70 an internal error (a bug; EX_SOFTWARE in sysexits.h), never labelled as usage.
 */
export const EXIT = { OK: 0, FINDING: 1, USAGE: 2, INTERNAL: 70 } as const;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stderr is a terminal: progress (always on stderr) is drawn only then. */
  isTty: boolean;
}

/** Everything a command module needs: the program (for global options), output, and the exit code. */
export interface CommandEnv {
  program: Command;
  io: CliIo;
  setExit: (code: number) => void;
  /** The resolved data directory (`--data-dir`, PAPERTAPE_DATA_DIR, OS default). */
  dataDir: () => string;
  /** The workstation context on that directory, as the CLI wires it: crash recovery on open, sessions run by the pipeline in this thread. */
  openContext: () => AppContext;
  /** Where the workstation key of a data directory rests: a 0600 file under plain Node, the OS keychain when the installed app runs the CLI. */
  signingKeyStore: (dataDir: string) => SigningKeyStore;
}

export type RegisterCommand = (env: CommandEnv) => void;
