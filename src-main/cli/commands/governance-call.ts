import fs from 'node:fs';
import { z } from 'zod';
import { ServiceError } from '../../../src-shared/envelope';
import type { AppContext } from '../../app-context';
import { EXIT, type CommandEnv } from '../io';

/** A refusal that is a finding about the evidence (exit 1), not a mistake in the command (exit 2). */
const FINDINGS = /^(CRITERIA_NOT_MET|INTEGRITY)/;

function zodLines(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`).join('\n');
}

/**
 * Runs one governance call the way the app's IPC registry does: the input parsed with the same
 * contract schema, then the same service on a context over the data directory. Prints the answer
 * (`--json` as it crosses IPC) and sets the exit code: 0 done, 1 a finding, 2 bad input or refusal.
 */
export function governanceCall<I, O>(
  env: CommandEnv,
  command: string,
  schema: z.ZodType<I>,
  raw: unknown,
  service: (ctx: AppContext, input: I) => O,
  print: { json?: boolean | undefined; text: (value: O) => string },
): void {
  const { io, setExit, openContext } = env;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    io.err(`papertape ${command}: invalid input\n${zodLines(parsed.error)}\n`);
    setExit(EXIT.USAGE);
    return;
  }
  const ctx = openContext();
  try {
    const value = service(ctx, parsed.data);
    io.out(print.json ? JSON.stringify(value, null, 2) + '\n' : print.text(value));
    setExit(EXIT.OK);
  } catch (err) {
    if (!(err instanceof ServiceError)) throw err;
    if (print.json) io.out(JSON.stringify({ ok: false, error: { code: err.code, message: err.message } }, null, 2) + '\n');
    io.err(`papertape ${command}: ${err.code}: ${err.message}\n`);
    setExit(FINDINGS.test(err.message) || err.code === 'INTEGRITY_FAILURE' ? EXIT.FINDING : EXIT.USAGE);
  } finally {
    ctx.close();
  }
}

/** Reads a JSON file given on the command line; a missing or malformed file is a usage error (exit 2). */
export function readJsonFile(env: CommandEnv, command: string, file: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(fs.readFileSync(file, 'utf8')) as unknown };
  } catch (err) {
    env.io.err(`papertape ${command}: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}\n`);
    env.setExit(EXIT.USAGE);
    return { ok: false };
  }
}
