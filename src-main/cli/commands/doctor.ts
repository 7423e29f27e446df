import { runDoctor } from '../../services/doctor';
import { EXIT, type CommandEnv } from '../io';

export function registerDoctor({ program, io, setExit, dataDir, signingKeyStore }: CommandEnv): void {
  program
    .command('doctor')
    .description('check Node, better-sqlite3, the data directory, the schema and Chromium')
    .option('--json', 'print the report as JSON')
    .action((opts: { json?: boolean }) => {
      const report = runDoctor(dataDir(), signingKeyStore);
      if (opts.json) io.out(JSON.stringify(report, null, 2) + '\n');
      else {
        for (const c of report.checks) {
          const mark = c.ok ? 'ok  ' : c.optional ? 'warn' : 'FAIL';
          io.out(`${mark}  ${c.name.padEnd(15)} ${c.detail}\n`);
        }
        io.out(report.ok ? 'All required checks passed.\n' : 'Some required checks failed.\n');
      }
      setExit(report.ok ? EXIT.OK : EXIT.FINDING);
    });
}
