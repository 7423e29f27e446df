import { exportSession } from '../../services/evidence/export-session';
import { EXIT, type CommandEnv } from '../io';

export function registerExport({ program, io, setExit, openContext }: CommandEnv): void {
  program
    .command('export')
    .description(
      'write an evidence bundle of a session: events, SQLite snapshot, signed checkpoint, report, SHA256SUMS + signature, verify scripts',
    )
    .argument('<session>', 'session id')
    .requiredOption('--out <dir>', 'new (or empty) folder for the bundle')
    .option('--zip', 'also write <dir>.zip')
    .option('--no-data', 'leave the replay data out (its fingerprint stays in the manifest)')
    .option('--json', 'print the result as JSON')
    .action(async (session: string, opts: { out: string; zip?: boolean; data: boolean; json?: boolean }) => {
      const ctx = openContext();
      try {
        const r = await exportSession(
          ctx,
          { sessionId: session, outDir: opts.out, zip: opts.zip ?? false, includeData: opts.data },
          (p) => {
            if (io.isTty && p.phase === 'events') io.err(`\rexporting events ${p.done}/${p.total}`);
          },
        );
        if (io.isTty) io.err('\n');
        if (opts.json) io.out(JSON.stringify(r, null, 2) + '\n');
        else io.out(`Exported ${r.size} events of ${session} to ${r.dir}${r.zip ? ` and ${r.zip}` : ''}\nroot ${r.root}\n`);
        setExit(EXIT.OK);
      } finally {
        ctx.close();
      }
    });
}
