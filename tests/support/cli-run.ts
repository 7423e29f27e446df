import { main } from '../../src-main/cli/main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `papertape --data-dir DIR ...args` in-process, not on a terminal, and captures both streams. */
export async function runCli(dataDir: string, ...args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(['node', 'papertape', '--data-dir', dataDir, ...args], {
    out: (t) => (out += t),
    err: (t) => (err += t),
    isTty: false,
  });
  return { code, out, err };
}
