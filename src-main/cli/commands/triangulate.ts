import { triangulate, type TriangulationReport } from '../../services/replay/triangulate';
import { EXIT, type CommandEnv } from '../io';
import { reportRefusal, withLoadedReplay, type SourceOpts } from './replay';

function formatTriangulation(t: TriangulationReport): string {
  const row = (name: string, p: string | number | null, b: string | number | null, d: string | number | null) =>
    `  ${name.padEnd(18)} ${String(p ?? '-').padStart(14)} ${String(b ?? '-').padStart(14)} ${String(d ?? '-').padStart(14)}`;
  const lines = [
    `Triangulation of ${t.sessionId}: recorded session vs a backtest of the same spec and data window`,
    `  ${''.padEnd(18)} ${'recorded'.padStart(14)} ${'backtest'.padStart(14)} ${'delta'.padStart(14)}`,
    row('fills', t.paper.fills, t.backtest.fills, t.deltas.fills),
    row('avg slippage pts', t.paper.avgSlippagePoints, t.backtest.avgSlippagePoints, t.deltas.avgSlippagePoints),
    row('gross PnL NT$', t.paper.grossPnl, t.backtest.grossPnl, t.deltas.grossPnl),
    row('net PnL NT$', t.paper.netPnl, t.backtest.netPnl, t.deltas.netPnl),
    `  orders matched by idempotency key: ${t.orders.length - t.unmatched}/${t.orders.length}`,
  ];
  for (const o of t.orders.filter((x) => x.paper === null || x.backtest === null || x.slippageDeltaPoints !== '0.00').slice(0, 20)) {
    lines.push(
      `    ${o.idempotencyKey}: recorded ${o.paper ? `${o.paper.orderId} qty ${o.paper.filledQuantity}` : '-'}, backtest ${o.backtest ? `${o.backtest.orderId} qty ${o.backtest.filledQuantity}` : '-'}, slippage delta ${o.slippageDeltaPoints ?? '-'}`,
    );
  }
  return lines.join('\n') + '\n';
}

export function registerTriangulate({ program, io, setExit, openContext }: CommandEnv): void {
  program
    .command('triangulate')
    .description('compare a recorded session with a backtest of the same spec and data window, per order and in aggregate')
    .argument('<session|bundle>', 'session id, or a bundle folder or .zip')
    .option('--data <file>', 'replay data (canonical JSONL) when the source moved or was excluded')
    .option('--pubkey <pem>', 'pinned public key for bundle verification')
    .option('--spec-base <dir>', 'folder relative paths in the run spec resolve against')
    .option('--json', 'print the result as JSON')
    .action(async (target: string, opts: SourceOpts & { json?: boolean }) => {
      try {
        await withLoadedReplay(target, opts, openContext, async (loaded) => {
          const t = await triangulate(loaded.inputs);
          io.out(opts.json ? JSON.stringify(t, null, 2) + '\n' : formatTriangulation(t));
          setExit(EXIT.OK);
        });
      } catch (err) {
        reportRefusal(err, io, setExit);
      }
    });
}
