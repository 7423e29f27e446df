import { SessionTagInput } from '../../../src-shared/governance/session-view';
import { getSession, listSessions, tagSession } from '../../services/sessions/session-service';
import { EXIT, type CommandEnv } from '../io';
import { governanceCall } from './governance-call';

const TAGS: Record<string, 'promotion_evidence' | 'ignored' | 'none'> = {
  evidence: 'promotion_evidence',
  ignored: 'ignored',
  none: 'none',
};

export function registerSessions(env: CommandEnv): void {
  const { program, io, setExit, openContext } = env;
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
            io.out(
              `${s.id.padEnd(16)} ${s.lane.padEnd(16)} ${s.status.padEnd(10)} ${s.owner.padEnd(12)} ${s.tag ? `[${s.tag.kind}] ` : ''}${s.statusReason ?? ''}\n`,
            );
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
  cmd
    .command('tag <id>')
    .description(
      'tag a finished session as promotion evidence, or as ignored by promotion (or clear it), with who and why; recorded as session.tagged',
    )
    .requiredOption('--as <tag>', 'evidence, ignored or none (clears the tag)')
    .requiredOption('--by <name>', 'who tags it (local attribution)')
    .requiredOption('--reason <text>', 'why (required)')
    .option('--json', 'print as JSON')
    .action((id: string, opts: { as: string; by: string; reason: string; json?: boolean }) =>
      governanceCall(
        env,
        'sessions tag',
        SessionTagInput,
        { sessionId: id, tag: TAGS[opts.as] ?? opts.as, by: opts.by, reason: opts.reason },
        (ctx, input) => tagSession(ctx, input),
        {
          json: opts.json,
          text: (v) => `${v.id} ${v.tag ? `tagged ${v.tag.kind} by ${v.tag.by} (local attribution): ${v.tag.reason}` : 'untagged'}\n`,
        },
      ),
    );
}
