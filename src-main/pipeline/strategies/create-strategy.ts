import fs from 'node:fs';
import path from 'node:path';
import type { ContractRef } from '../../../src-shared/market/quote';
import type { StrategySpec } from '../../../src-shared/run-spec/strategy-params';
import { BreakoutStrategy } from './breakout';
import { MeanReversionStrategy } from './mean-reversion';
import { parseSignalFile, SignalFileError } from './signal-file';
import { SignalFileStrategy } from './signal-file-strategy';
import type { Strategy } from './strategy';

/** Builds the strategy a run spec names. Signal-file paths resolve against the spec's folder. */
export function createStrategy(spec: StrategySpec, contracts: readonly ContractRef[], baseDir: string): Strategy {
  const set = new Set(contracts);
  switch (spec.kind) {
    case 'breakout':
      return new BreakoutStrategy(spec.id, spec.params, set);
    case 'mean_reversion':
      return new MeanReversionStrategy(spec.id, spec.params, set);
    case 'signal_file': {
      const file = path.resolve(baseDir, spec.params.path);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (err) {
        throw new SignalFileError(file, 0, `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      return new SignalFileStrategy(spec.id, parseSignalFile(text, file), file, set);
    }
  }
}
