import { describe, expect, it } from 'vitest';
import { CLI_FLAG, cliArgsOf, cliProcessArgv } from '../../../src-main/electron/cli-mode';

describe('cliArgsOf', () => {
  it('takes the flag only as the first argument: after the executable when packaged, after the app path in development', () => {
    expect(cliArgsOf(['Papertape.exe', CLI_FLAG, 'verify', '--json'], true)).toEqual(['verify', '--json']);
    expect(cliArgsOf(['electron', '.', CLI_FLAG, 'doctor'], false)).toEqual(['doctor']);
    expect(cliArgsOf(['Papertape.exe', CLI_FLAG], true)).toEqual([]);
  });

  it('is a window launch otherwise, even when a later argument is the flag', () => {
    expect(cliArgsOf(['Papertape.exe'], true)).toBeNull();
    expect(cliArgsOf(['Papertape.exe', '--data-dir', CLI_FLAG], true)).toBeNull();
    expect(cliArgsOf(['electron', CLI_FLAG, 'doctor'], false)).toBeNull();
    expect(cliArgsOf(['Papertape.exe', '--papertape-cli=verify'], true)).toBeNull();
  });

  it('hands commander node-style argv', () => {
    expect(cliProcessArgv(['run', 'a b.json'])).toEqual(['papertape', 'papertape', 'run', 'a b.json']);
  });
});
