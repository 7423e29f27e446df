import { DRILL_NAMES, type DrillName } from '../../services/drills/drill-report';
import { runDrill } from '../../services/drills/drill-service';
import { EXIT, type CommandEnv } from '../io';

export function registerDrill({ program, io, setExit, dataDir }: CommandEnv): void {
  program
    .command('drill <name>')
    .description(`run a deterministic failure drill on a scratch copy in the data directory: ${DRILL_NAMES.join(' | ')}`)
    .option('--json', 'print the report as JSON')
    .action(async (name: string, opts: { json?: boolean }) => {
      if (!(DRILL_NAMES as readonly string[]).includes(name)) {
        io.err(`papertape drill: unknown drill "${name}"; choose one of ${DRILL_NAMES.join(', ')}\n`);
        setExit(EXIT.USAGE);
        return;
      }
      const report = await runDrill(dataDir(), name as DrillName);
      if (opts.json) io.out(JSON.stringify(report, null, 2) + '\n');
      else {
        io.out(`drill ${report.drill}\n`);
        for (const s of report.steps) io.out(`  - ${s}\n`);
        for (const c of report.checks) io.out(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}\n`);
        io.out(
          report.ok
            ? 'The system behaved as designed.\n'
            : 'The system did NOT behave as designed; see docs/runbooks/' + report.drill + '.md\n',
        );
      }
      setExit(report.ok ? EXIT.OK : EXIT.FINDING);
    });
}
