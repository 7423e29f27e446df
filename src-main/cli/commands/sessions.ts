import { getSession, listSessions } from '../../services/sessions/session-service';
import { EXIT, type CommandEnv } from '../io';

export function registerSessions({ program, io, setExit, openContext }: CommandEnv): void {
  const cmd = program.command('sessions').description('list and show paper sessions in the registry');
  cmd
    .command('list')
    .description('every session with its lane, status and owner (owner names are local attribution)')
    .option('--json', 'print as JSON')
    .action((opts: { json?: boolean }) => {
      const ctx = openContext();
      try {
        const sessions = listSessions(ctx);
        if (opts.json) io.out(JSON.stringify(sessions, null, 2) + '\n');
        else if (sessions.length === 0) io.out('No sessions yet.\n');
        else
          for (const s of sessions) {
            io.out(`${s.id.padEnd(16)} ${s.lane.padEnd(16)} ${s.status.padEnd(10)} ${s.owner.padEnd(12)} ${s.statusReason ?? ''}\n`);
          }
        setExit(EXIT.OK);
      } finally {
        ctx.close();
      }
    });
  cmd
    .command('show <id>')
    .description('one session: status with timestamps, hashes, metrics and its log')
    .option('--json', 'print as JSON')
    .action((id: string, opts: { json?: boolean }) => {
      const ctx = openContext();
      try {
        const d = getSession(ctx, id);
        if (opts.json) io.out(JSON.stringify(d, null, 2) + '\n');
        else {
          const s = d.session;
          const lines = [
            ['session', s.id],
            ['lane', s.lane],
            ['owner', `${s.owner} (local attribution)`],
            ['status', s.status + (s.statusReason ? ` (${s.statusReason})` : '') + (s.halted ? ' [HALTED]' : '')],
            ['created', s.timestamps.createdAt],
            ['started', s.timestamps.startedAt ?? '-'],
            ['ended', s.timestamps.endedAt ?? '-'],
            ['spec hash', s.specHash],
            ['strategy', s.strategyId ?? '-'],
            ['code version', s.codeVersion],
            ['log', `${s.links.log} (${d.logSize} events)`],
            ['metrics', s.metrics ? `fills=${s.metrics.fills}, orders=${s.metrics.orders}, events=${s.metrics.events} (simulated)` : '-'],
          ];
          for (const [k, v] of lines) io.out(`${k!.padEnd(14)} ${v}\n`);
        }
        setExit(EXIT.OK);
      } finally {
        ctx.close();
      }
    });
}
