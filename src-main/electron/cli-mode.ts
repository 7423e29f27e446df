/**
 * The installed app runs the command line itself: `Papertape --papertape-cli <command> ...` (what the
 * `papertape` launcher next to the app executes). The app's own binary, not Electron as Node: the
 * RunAsNode fuse stays off (docs/security.md, "A CLI inside the installed app").
 */
export const CLI_FLAG = '--papertape-cli';

/**
 * The CLI's arguments when this launch is a CLI run, else null. The flag counts only as the first
 * argument (after the app path in a development launch, `electron . --papertape-cli`), so a window
 * launch whose later arguments happen to contain it still opens the window.
 */
export function cliArgsOf(argv: readonly string[], isPackaged: boolean): string[] | null {
  const first = isPackaged ? 1 : 2;
  return argv[first] === CLI_FLAG ? argv.slice(first + 1) : null;
}

/** commander's `parse` expects node-style argv: the program and the script, then the arguments. */
export function cliProcessArgv(args: readonly string[]): string[] {
  return ['papertape', 'papertape', ...args];
}
