import fs from 'node:fs';
import { renderPrometheus } from '../../services/metrics/prometheus-text';
import { sessionMetrics } from '../../services/metrics/session-metrics';
import { governanceOf } from '../../services/sessions/governance';
import { EXIT, type CommandEnv } from '../io';

export function registerMetrics({ program, io, setExit, openContext }: CommandEnv): void {
  program
    .command('metrics')
    .description('write session metrics in the Prometheus text exposition format')
    .argument('<session>', 'session id')
    .requiredOption('--prometheus <file>', 'output file ("-" for stdout)')
    .action((session: string, opts: { prometheus: string }) => {
      const ctx = openContext();
      try {
        let text: string;
        try {
          text = renderPrometheus(sessionMetrics(governanceOf(ctx).store, session));
        } catch (err) {
          io.err(`${(err as Error).message}\n`);
          setExit(EXIT.USAGE);
          return;
        }
        if (opts.prometheus === '-') io.out(text);
        else {
          fs.writeFileSync(opts.prometheus, text);
          io.out(`Wrote ${text.split('\n').filter((l) => l && !l.startsWith('#')).length} samples to ${opts.prometheus}\n`);
        }
        setExit(EXIT.OK);
      } finally {
        ctx.close();
      }
    });
}
