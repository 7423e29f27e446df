import { loadScenarioFile, ScenarioFileError } from '../../pipeline/scenario/load-scenario';
import { runScenario } from '../../pipeline/scenario/run-scenario';
import { EXIT, type CommandEnv } from '../io';

export function registerScenario({ program, io, setExit }: CommandEnv): void {
  program
    .command('scenario')
    .description('run a scripted paper-broker scenario (docs/scenarios.md) and print its events as JSONL')
    .argument('<file>', 'scenario JSON file')
    .action((file: string) => {
      let scenario;
      try {
        scenario = loadScenarioFile(file);
      } catch (err) {
        if (!(err instanceof ScenarioFileError)) throw err;
        io.err(`papertape scenario: ${file} is not a usable scenario:\n${err.problems.map((p) => `  ${p}\n`).join('')}`);
        setExit(EXIT.USAGE);
        return;
      }
      const run = runScenario(scenario);
      for (const line of run.lines) io.out(line + '\n');
      const failed = run.expectations.filter((x) => !x.ok);
      for (const f of failed) {
        const want = f.expectation.count === undefined ? 'at least 1' : String(f.expectation.count);
        io.err(`expectation not met: ${JSON.stringify(f.expectation)} matched ${f.matched}, wanted ${want}\n`);
      }
      setExit(failed.length > 0 ? EXIT.FINDING : EXIT.OK);
    });
}
