import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { specIssues, type SpecIssue } from '../../../src-shared/run-spec/spec-issues';
import { canonicalHash } from './canonical';
import { ServiceError } from '../../../src-shared/envelope';

/** A refused run spec: every problem with its field path, so the user fixes them in one pass. */
export class RunSpecError extends ServiceError {
  constructor(
    readonly file: string,
    readonly issues: readonly SpecIssue[],
  ) {
    super('INVALID_INPUT', `${file}: run spec refused\n` + issues.map((i) => `  ${i.path}: ${i.reason}`).join('\n'));
    this.name = 'RunSpecError';
  }
}

export interface LoadedSpec<T> {
  spec: T;
  /** SHA-256 hex of the canonical JSON of the validated spec (defaults filled in). */
  specHash: string;
  /** The folder relative data and signal paths resolve against. */
  baseDir: string;
  file: string;
}

/** Parses YAML or JSON text; the extension decides, and YAML is a superset of JSON anyway. */
export function parseSpecText(text: string, file: string): unknown {
  try {
    if (file.endsWith('.json')) return JSON.parse(text) as unknown;
    return parseYaml(text, { uniqueKeys: true, strict: true }) as unknown;
  } catch (err) {
    throw new RunSpecError(file, [
      { path: '(file)', at: [], reason: `not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${parserWhere(err)}` },
    ]);
  }
}

/**
 * Where the parser stopped, never what it read: V8's JSON message quotes the text (`"root:x:0:0"...
 * is not valid JSON`), and an error must not echo a file's contents back to whoever named the file.
 */
function parserWhere(err: unknown): string {
  const message = err instanceof Error ? err.message : '';
  const lineCol = /at line (\d+), column (\d+)/.exec(message);
  if (lineCol) return `parse error at line ${lineCol[1]}, column ${lineCol[2]}`;
  const position = /position (\d+)/.exec(message);
  if (position) return `parse error at offset ${position[1]}`;
  return 'parse error';
}

export function validateRunSpec<S extends z.ZodType>(schema: S, input: unknown, file: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new RunSpecError(file, specIssues(result.error.issues, input));
  return result.data;
}

export function loadRunSpecFile<S extends z.ZodType>(schema: S, file: string): LoadedSpec<z.infer<S>> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new RunSpecError(file, [
      { path: '(file)', at: [], reason: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` },
    ]);
  }
  const spec = validateRunSpec(schema, parseSpecText(text, file), file);
  return { spec, specHash: canonicalHash(spec), baseDir: path.dirname(path.resolve(file)), file };
}
