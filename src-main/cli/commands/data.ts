import type { DataInspection } from '../../../src-shared/market/data-inspection';
import { inspectMarketData } from '../../services/market-data/inspect-data';
import { EXIT, type CommandEnv } from '../io';

/** The inspection as lines a person reads before running on the file. */
export function formatDataInspection(r: DataInspection): string {
  const out: string[] = [];
  for (const f of r.files) {
    out.push(`${f.file}: ${f.format ?? 'unrecognised format'}${f.refused.length > 0 ? ' -- REFUSED (a run on it exits 2)' : ''}`);
    const c = f.counts;
    out.push(
      `  rows ${c.rows}: kept ${c.kept}, spread rows ${c.spreadRows}, far-month rows ${c.farMonthRows}, other products ${c.otherProductRows}, weekly ${c.weeklyRows}, refused ${c.refused}`,
    );
    for (const k of f.contracts)
      out.push(
        `  ${k.contract.padEnd(11)} month ${k.month}, last trading day ${k.lastTradingDay}${k.farMonth ? ', far month' : ''}: ${k.rows} rows, ${k.low}-${k.high}`,
      );
    for (const s of f.sessions) out.push(`  trading day ${s.tradingDay} ${s.session.padEnd(11)} ${s.rows} rows, ${s.first} .. ${s.last}`);
    if (f.timeRange) out.push(`  time range ${f.timeRange.first} .. ${f.timeRange.last} (exchange time, Asia/Taipei)`);
    if (f.priceRange) out.push(`  price range ${f.priceRange.low}-${f.priceRange.high} points`);
    out.push(
      `  fingerprint ${f.fingerprint === null ? '- (refused files have none)' : `${f.fingerprint} (with the default book model; a spec that states fill_model.syntheticBook records its own)`}`,
    );
    for (const x of f.refused) out.push(`  ${x.text}`);
  }
  return out.join('\n') + '\n';
}

export function registerData({ program, io, setExit }: CommandEnv): void {
  const data = program.command('data').description('market data files');
  data
    .command('inspect')
    .description(
      'inspect a TAIFEX daily file (.csv/.zip), an OHLCV CSV, or a folder of them, with the parsers a run uses; nothing is stored',
    )
    .argument('<path>', 'file, zip or folder')
    .option('--holiday <date...>', 'holiday dates (YYYY-MM-DD), as the run spec would list them')
    .option('--json', 'print as JSON')
    .action((target: string, opts: { holiday?: string[]; json?: boolean }) => {
      let r: DataInspection;
      try {
        r = inspectMarketData(target, opts.holiday ?? []);
      } catch (err) {
        io.err(`papertape data inspect: ${(err as Error).message}\n`);
        setExit(EXIT.USAGE);
        return;
      }
      io.out(opts.json ? JSON.stringify(r, null, 2) + '\n' : formatDataInspection(r));
      setExit(r.ok ? EXIT.OK : EXIT.FINDING);
    });
}
