import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ScenarioSchema, type Scenario } from './scenario-schema';
import { ServiceError } from '../../../src-shared/envelope';

/** A scenario file that cannot be used, with every problem as `path: message`. */
export class ScenarioFileError extends ServiceError {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super('INVALID_INPUT', `${file}: ${problems.join('; ')}`);
    this.name = 'ScenarioFileError';
  }
}

export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`);
}

export function parseScenario(value: unknown, file = '<scenario>'): Scenario {
  const r = ScenarioSchema.safeParse(value);
  if (!r.success) throw new ScenarioFileError(file, formatIssues(r.error));
  return r.data;
}

export function loadScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ScenarioFileError(file, [`cannot read: ${err instanceof Error ? err.message : String(err)}`]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ScenarioFileError(file, [`not valid JSON: ${err instanceof Error ? err.message : String(err)}`]);
  }
  return parseScenario(value, file);
}
