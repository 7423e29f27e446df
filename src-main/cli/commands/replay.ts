import fs from 'node:fs';
import type { JsonObject } from '../../../src-shared/json';
import type { AppContext } from '../../app-context';
import { looksLikeBundle } from '../../services/evidence/open-bundle';
import { ReplayRefused } from '../../services/replay/replay-data-file';
import { replayInputs, type ReplayReport } from '../../services/replay/replay-session';
import { BundleNotVerified, loadReplay, type LoadedReplay, type ReplaySource } from '../../services/replay/replay-source';
import { formatWhatIf, parseLatency, runWhatIf, type WhatIfVariant } from '../../services/replay/what-if';
import { EXIT, type CliIo, type CommandEnv } from '../io';

export interface SourceOpts {
  data?: string;
  pubkey?: string;
  specBase?: string;
}

/** A bundle folder or zip is replayed from the bundle (verified first); anything else names a session in the data directory. */
export function withLoadedReplay<T>(
  target: string,
  opts: SourceOpts,
  openContext: () => AppContext,
  use: (loaded: LoadedReplay, ctx: AppContext | null) => Promise<T>,
): Promise<T> {
  let ctx: AppContext | null = null;
  let src: ReplaySource;
  if (looksLikeBundle(target)) {
    src = { kind: 'bundle', path: target, ...(opts.pubkey ? { pubkeyPem: fs.readFileSync(opts.pubkey, 'utf8') } : {}) };
  } else {
    ctx = openContext();
    src = { kind: 'store', ctx, sessionId: target, ...(opts.specBase ? { specBaseDir: opts.specBase } : {}) };
  }
  let loaded: LoadedReplay;
  try {
    loaded = loadReplay(src, opts.data ? { dataFile: opts.data } : {});
  } catch (err) {
    ctx?.close();
    throw err;
  }
  return use(loaded, ctx).finally(() => {
    loaded.cleanup();
    ctx?.close();
  });
}

/** Refusals (bad bundle, missing or wrong data, missing spec) are exit 2 with their reason code; anything else is a bug. */
export function reportRefusal(err: unknown, io: CliIo, setExit: (c: number) => void): void {
  if (err instanceof ReplayRefused || err instanceof BundleNotVerified || (err instanceof Error && /^[A-Z_]+: /.test(err.message))) {
    io.err(`${err.message}\n`);
    setExit(EXIT.USAGE);
    return;
  }
  throw err;
}

export function formatReplay(r: ReplayReport): string {
  const lines = [
    `Replay of ${r.sessionId} from the ${r.source}: ${r.status === 'identical' ? 'IDENTICAL' : 'DIVERGED'}`,
    `  original ${r.original.size} events, root ${r.original.root}`,
    `  replay   ${r.replay.size} events, root ${r.replay.root}`,
    `  data fingerprint ${r.dataFingerprint}; inputs re-inserted: ${r.governanceInputs} governance events, ${r.operatorInputs - r.operatorUnmatched}/${r.operatorInputs} operator items, ${r.releaseInputs - r.releaseUnmatched}/${r.releaseInputs} approval releases`,
  ];
  if (r.divergence) {
    lines.push(`  first difference at seq ${r.divergence.seq}:`);
    lines.push(`    original: ${r.divergence.original ?? '(the original ends before this seq)'}`);
    lines.push(`    replay:   ${r.divergence.replayed ?? '(the replay ends before this seq)'}`);
  }
  return lines.join('\n') + '\n';
}

function fillModelVariants(values: string[]): { label: string; model: JsonObject }[] {
  const out: { label: string; model: JsonObject }[] = [];
  for (const v of values) {
    const text = v.trim().startsWith('{') || v.trim().startsWith('[') ? v : fs.readFileSync(v, 'utf8');
    const parsed = JSON.parse(text) as JsonObject | JsonObject[];
    const list = Array.isArray(parsed) ? parsed : [parsed];
    list.forEach((m, i) => out.push({ label: `fill ${out.length + 1}${list.length > 1 ? `.${i + 1}` : ''}`, model: m }));
  }
  return out;
}

/** Fill models x latencies when both are given, else each one alone; every variant starts from the recorded fill model. */
export function whatIfVariants(fillModels: string[], latencies: string[]): WhatIfVariant[] {
  const models = fillModelVariants(fillModels);
  const lats = latencies.flatMap((l) => l.split(';')).map((l) => ({ text: l.trim(), lat: parseLatency(l) }));
  if (models.length === 0) return lats.map((l) => ({ label: `latency ${l.text}`, latency: l.lat }));
  if (lats.length === 0) return models.map((m) => ({ label: m.label, fillModel: m.model }));
  return models.flatMap((m) => lats.map((l) => ({ label: `${m.label} latency ${l.text}`, fillModel: m.model, latency: l.lat })));
}

const collect = (v: string, prev: string[]) => [...prev, v];

export function registerReplay({ program, io, setExit, openContext }: CommandEnv): void {
  program
    .command('replay')
    .description(
      're-run a session (from the audit store or a verified bundle) and compare Merkle roots; or what-if runs with other fill models/latencies',
    )
    .argument('<session|bundle>', 'session id, or a bundle folder or .zip')
    .option('--data <file>', 'replay data (canonical JSONL) when the bundle was exported --no-data or the source moved')
    .option('--pubkey <pem>', 'pinned public key for bundle verification')
    .option('--spec-base <dir>', 'folder relative paths in the run spec resolve against (default: the data directory)')
    .option('--fill-model <file|json>', 'what-if: a fill model (JSON object or array, or a file); repeatable', collect, [])
    .option('--latency <submit[,cancel]>', 'what-if: submit and cancel latency in ms; repeatable, or a list "20;100,50"', collect, [])
    .option('--json', 'print the result as JSON')
    .action(async (target: string, opts: SourceOpts & { fillModel: string[]; latency: string[]; json?: boolean }) => {
      let variants: WhatIfVariant[] = [];
      try {
        variants = whatIfVariants(opts.fillModel, opts.latency);
      } catch (err) {
        io.err(`${(err as Error).message}\n`);
        setExit(EXIT.USAGE);
        return;
      }
      try {
        await withLoadedReplay(target, opts, openContext, async (loaded) => {
          if (variants.length > 0) {
            const rep = await runWhatIf(loaded.inputs, variants);
            io.out(opts.json ? JSON.stringify(rep, null, 2) + '\n' : formatWhatIf(rep));
            setExit(EXIT.OK);
            return;
          }
          const r = await replayInputs(loaded.inputs, loaded.verification);
          io.out(opts.json ? JSON.stringify(r, null, 2) + '\n' : formatReplay(r));
          setExit(r.status === 'identical' ? EXIT.OK : EXIT.FINDING);
        });
      } catch (err) {
        reportRefusal(err, io, setExit);
      }
    });
}
