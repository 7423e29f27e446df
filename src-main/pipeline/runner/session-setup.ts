import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { syntheticBookFor } from '../../../src-shared/market/book-model';
import type { ContractRef, MarketEvent } from '../../../src-shared/market/quote';
import { parseNtd } from '../../../src-shared/money';
import { specIssues } from '../../../src-shared/run-spec/spec-issues';
import { PacedClock, type WallClock } from '../clock/paced-clock';
import { SimulatedClock } from '../clock/simulated-clock';
import type { TradingCoreConfigInput } from '../core/config';
import { createTradingCore } from '../core/trading-core';
import type { TradingCore } from '../trading-core';
import { generateMarket } from '../market-data/generator';
import { GeneratorSpecSchema, type GeneratorSpec } from '../market-data/generator-spec';
import type { MarketDataSet } from '../market-data/market-source';
import { importOhlcv } from '../market-data/ohlcv-import';
import { importTaifexDailyFile } from '../market-data/taifex-file';
import { createStrategy } from '../strategies/create-strategy';
import type { Strategy } from '../strategies/strategy';
import { coveredCharges } from './charges-coverage';
import type { RunSpec } from './run-spec';
import { parseSpecText, RunSpecError, type LoadedSpec } from './run-spec-loader';

export interface OpenedData {
  data: MarketDataSet;
  /** Previous settlements the source knows (the generator's spec states them). */
  prevSettlements: ReadonlyMap<ContractRef, number>;
  holidays: readonly string[];
}

function readGeneratorSpec(file: string, specFile: string): GeneratorSpec {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new RunSpecError(specFile, [
      { path: 'data.path', at: ['data', 'path'], reason: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? ''}` },
    ]);
  }
  const raw = parseSpecText(text, file);
  const result = GeneratorSpecSchema.safeParse(raw);
  if (!result.success) {
    throw new RunSpecError(
      specFile,
      specIssues(result.error.issues, raw).map((i) => ({
        ...i,
        path: `data.path (${path.basename(file)}) ${i.path}`,
        at: ['data', 'path'],
      })),
    );
  }
  return raw as GeneratorSpec;
}

/** Opens the spec's data source; the data set is lazy, nothing is held beyond what the source keeps. */
export function openMarketData(loaded: LoadedSpec<RunSpec>): OpenedData {
  const { spec, baseDir, file } = loaded;
  const src = spec.data;
  if (src.kind === 'generator' && (spec.fill_model as { syntheticBook?: unknown }).syntheticBook !== undefined) {
    throw new RunSpecError(file, [
      {
        path: 'fill_model.syntheticBook',
        at: ['fill_model', 'syntheticBook'],
        reason: 'the generator brings its own book; a synthetic book applies only to trade-only data (data.kind taifex or ohlcv)',
      },
    ]);
  }
  if (src.kind === 'generator') {
    if ((src.spec === undefined) === (src.path === undefined)) {
      throw new RunSpecError(file, [{ path: 'data', at: ['data'], reason: 'a generator source needs exactly one of "spec" or "path"' }]);
    }
    const gen = src.spec ?? readGeneratorSpec(path.resolve(baseDir, src.path ?? ''), file);
    const data = generateMarket(gen);
    return {
      data,
      prevSettlements: new Map(gen.contracts.map((c) => [c.contract, c.prevSettlement])),
      holidays: [...spec.holidays, ...(gen.holidays ?? [])],
    };
  }
  const dataFile = path.resolve(baseDir, src.path);
  const book = syntheticBookFor(src.kind, spec.fill_model) ?? undefined;
  if (src.kind === 'ohlcv') {
    const data = importOhlcv(path.basename(dataFile), fs.readFileSync(dataFile, 'utf8'), { holidays: spec.holidays, book });
    return { data, prevSettlements: new Map(), holidays: spec.holidays };
  }
  return { data: importTaifexDailyFile(dataFile, { holidays: spec.holidays, book }), prevSettlements: new Map(), holidays: spec.holidays };
}

/** Only the spec's contracts reach the pipeline; the rest of a multi-contract file is not traded. */
export function restrictToContracts(data: MarketDataSet, contracts: readonly ContractRef[]): MarketDataSet {
  const keep = new Set(contracts);
  if (data.contracts.every((c) => keep.has(c))) return data;
  return {
    id: data.id,
    get fingerprint() {
      return data.fingerprint;
    },
    contracts: data.contracts.filter((c) => keep.has(c)),
    *events(): Iterable<MarketEvent> {
      for (const e of data.events()) if (keep.has(e.kind === 'quote' ? e.quote.contract : e.trade.contract)) yield e;
    },
  };
}

export function coreConfigFor(loaded: LoadedSpec<RunSpec>, sessionId: string, opened: OpenedData): TradingCoreConfigInput {
  const { spec, file } = loaded;
  const contracts = spec.contracts.map((c, i) => {
    if (!opened.data.contracts.includes(c.contract)) {
      throw new RunSpecError(file, [
        {
          path: `contracts[${i}].contract`,
          at: ['contracts', i, 'contract'],
          reason: `not in the data source (it has ${opened.data.contracts.join(', ')})`,
        },
      ]);
    }
    const prev = c.prev_settlement ?? opened.prevSettlements.get(c.contract);
    if (prev === undefined) {
      throw new RunSpecError(file, [
        {
          path: `contracts[${i}].prev_settlement`,
          at: ['contracts', i, 'prev_settlement'],
          reason: 'required for this data source (sets the daily price limit)',
        },
      ]);
    }
    return { contract: c.contract, prevSettlement: prev };
  });
  return {
    mode: 'paper',
    sessionId,
    startEquityCents: parseNtd(String(spec.paper_capital)),
    contracts,
    holidays: [...new Set(opened.holidays)],
    risk: spec.risk as TradingCoreConfigInput['risk'],
    fillModel: spec.fill_model as TradingCoreConfigInput['fillModel'],
    charges: coveredCharges(loaded, opened.data, opened.holidays),
  };
}

export function strategyFor(loaded: LoadedSpec<RunSpec>): Strategy {
  return createStrategy(
    loaded.spec.strategy,
    loaded.spec.contracts.map((c) => c.contract),
    loaded.baseDir,
  );
}

/** Backtest: data time as fast as possible. Paper: data time paced at `speed` x the wall clock. */
export function clockFor(spec: RunSpec, wall?: WallClock): SimulatedClock | PacedClock {
  return spec.run_mode === 'backtest' ? new SimulatedClock() : new PacedClock({ speed: spec.speed, ...(wall ? { wall } : {}) });
}

/** Zod errors thrown by other parts' parsers during setup, as field-path lines. */
export function describeZodError(err: unknown): string | null {
  if (!(err instanceof z.ZodError)) return null;
  return specIssues(err.issues, undefined)
    .map((i) => `${i.path}: ${i.reason}`)
    .join('\n');
}

export interface PreparedSession {
  data: MarketDataSet;
  core: TradingCore;
  strategy: Strategy;
}

/** Everything a run needs from its spec: data restricted to the spec's contracts, the real core, the strategy. */
export function prepareSession(loaded: LoadedSpec<RunSpec>, sessionId: string): PreparedSession {
  const opened = openMarketData(loaded);
  const config = coreConfigFor(loaded, sessionId, opened);
  return {
    data: restrictToContracts(
      opened.data,
      loaded.spec.contracts.map((c) => c.contract),
    ),
    core: createTradingCore(config),
    strategy: strategyFor(loaded),
  };
}
