import type { z } from 'zod';
import { buildRunSpecSchema } from '../../../src-shared/run-spec/run-spec-schema';
import { RiskEnvelopeSchema } from '../../../src-shared/risk/envelope';
import { FillModelSchema } from '../core/config';
import { GeneratorSpecSchema } from '../market-data/generator-spec';
import { loadRunSpecFile, validateRunSpec, type LoadedSpec } from './run-spec-loader';
import { canonicalHash } from './canonical';

/** The run spec with the real part schemas: the trading core's risk envelope and fill model, the generator's spec. */
export const RunSpecSchema = buildRunSpecSchema({ risk: RiskEnvelopeSchema, fillModel: FillModelSchema, generator: GeneratorSpecSchema });
export type RunSpec = z.output<typeof RunSpecSchema>;
export type RunSpecInput = z.input<typeof RunSpecSchema>;

export function loadRunSpec(file: string): LoadedSpec<RunSpec> {
  return loadRunSpecFile(RunSpecSchema, file);
}

/** For specs built in code (tests, the demo): validated exactly like a file. */
export function runSpecFromObject(input: unknown, baseDir: string, label = '(inline spec)'): LoadedSpec<RunSpec> {
  const spec = validateRunSpec(RunSpecSchema, input, label);
  return { spec, specHash: canonicalHash(spec), baseDir, file: label };
}
