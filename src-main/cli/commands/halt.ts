import { randomUUID } from 'node:crypto';
import { InvalidArgumentError } from 'commander';
import type { OperatorAction } from '../../pipeline/operator/operator-action';
import { writeOperatorAction } from '../../pipeline/operator/write-operator-action';
import { describeZodError } from '../../pipeline/runner/session-setup';
import { EXIT, type CommandEnv } from '../io';

interface ActionOpts {
  session: string;
  operator: string;
  reason?: string;
  json?: boolean;
}

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return Number(value);
}

/**
 * Operator actions for a running session, from a second terminal: each writes one action file into the
 * session's inbox; the session applies it between steps and records it as an event.
 */
export function registerHalt({ program, io, setExit, dataDir }: CommandEnv): void {
  const send = (sessionId: string, action: OperatorAction, json: boolean | undefined): void => {
    let file: string;
    try {
      file = writeOperatorAction(dataDir(), sessionId, action, Date.now());
    } catch (err) {
      io.err(`papertape ${action.kind}: ${describeZodError(err) ?? (err instanceof Error ? err.message : String(err))}\n`);
      setExit(EXIT.USAGE);
      return;
    }
    if (json) io.out(JSON.stringify({ session_id: sessionId, action, file }, null, 2) + '\n');
    else
      io.out(`${action.kind} requested for session ${sessionId} (action ${action.action_id}); the session applies it at its next step.\n`);
    setExit(EXIT.OK);
  };
  const base = (opts: ActionOpts) => ({
    v: 1 as const,
    action_id: `op-${randomUUID()}`,
    operator: opts.operator,
    requested_at: new Date().toISOString(),
  });

  program
    .command('halt')
    .description('kill switch: halt a running session (cancels every working order)')
    .requiredOption('--session <id>', 'session id')
    .requiredOption('--operator <name>', 'who is halting (local attribution)')
    .option('--reason <text>', 'why', 'operator halt')
    .option('--json', 'print the action as JSON')
    .action((opts: ActionOpts) => send(opts.session, { ...base(opts), kind: 'halt', reason: opts.reason ?? 'operator halt' }, opts.json));

  program
    .command('resume')
    .description('resume trading in a halted session (an explicit, audited decision)')
    .requiredOption('--session <id>', 'session id')
    .requiredOption('--operator <name>', 'who is resuming (local attribution)')
    .requiredOption('--reason <text>', 'why it is safe to resume (required)')
    .option('--json', 'print the action as JSON')
    .action((opts: ActionOpts) => send(opts.session, { ...base(opts), kind: 'resume', reason: opts.reason ?? '' }, opts.json));

  program
    .command('order')
    .description('a manual paper order into a running session; it goes through intent -> risk -> OMS like any signal')
    .requiredOption('--session <id>', 'session id')
    .requiredOption('--operator <name>', 'who is ordering (local attribution)')
    .requiredOption('--contract <ref>', 'dated contract, e.g. "TX 202612"')
    .requiredOption('--side <side>', 'BUY or SELL')
    .requiredOption('--quantity <n>', 'contracts', positiveInt)
    .option('--limit <points>', 'limit price in index points (LIMIT order; MARKET without it)', positiveInt)
    .option('--tif <tif>', 'ROD, IOC or FOK')
    .option('--reduce-only', 'only reduce the position')
    .requiredOption('--reason <text>', 'why')
    .option('--json', 'print the action as JSON')
    .action(
      (opts: ActionOpts & { contract: string; side: string; quantity: number; limit?: number; tif?: string; reduceOnly?: boolean }) => {
        const side = opts.side.toUpperCase();
        const tif = opts.tif?.toUpperCase();
        if ((side !== 'BUY' && side !== 'SELL') || (tif !== undefined && tif !== 'ROD' && tif !== 'IOC' && tif !== 'FOK')) {
          io.err('papertape order: --side must be BUY or SELL and --tif ROD, IOC or FOK\n');
          setExit(EXIT.USAGE);
          return;
        }
        const action: OperatorAction = {
          ...base(opts),
          kind: 'order',
          reason: opts.reason ?? '',
          order: {
            contract: opts.contract,
            side,
            quantity: opts.quantity,
            ...(opts.limit !== undefined ? { order_type: 'LIMIT' as const, limit_price: opts.limit } : { order_type: 'MARKET' as const }),
            ...(tif !== undefined ? { time_in_force: tif } : {}),
            ...(opts.reduceOnly ? { reduce_only: true } : {}),
          },
        };
        send(opts.session, action, opts.json);
      },
    );
}
