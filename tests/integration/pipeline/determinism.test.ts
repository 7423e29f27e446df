import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonlFileSink } from '../../../src-main/pipeline/runner/jsonl-file-sink';
import { runSpecFromObject } from '../../../src-main/pipeline/runner/run-spec';
import { clockFor, prepareSession } from '../../../src-main/pipeline/runner/session-setup';
import { runSession } from '../../../src-main/pipeline/runner/session-runner';
import { makeTempDir } from '../../support/temp-dir';
import { smallSpec } from './small-spec';

async function runTo(file: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const loaded = runSpecFromObject(input, path.resolve('fixtures/specs'));
  const prepared = prepareSession(loaded, 'det-1');
  const sink = new JsonlFileSink(file);
  try {
    const r = await runSession({
      sessionId: 'det-1',
      spec: loaded.spec,
      specHash: loaded.specHash,
      data: prepared.data,
      core: prepared.core,
      strategy: prepared.strategy,
      sink,
      clock: clockFor(loaded.spec),
    });
    return r.summary;
  } finally {
    sink.close();
  }
}

describe('same spec + seed = identical event bytes (real core, real generator)', () => {
  it('two runs write byte-identical canonical JSONL, and a different seed does not', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const a = path.join(dir, 'a.jsonl');
      const b = path.join(dir, 'b.jsonl');
      const c = path.join(dir, 'c.jsonl');
      const summaryA = await runTo(a, smallSpec());
      await runTo(b, smallSpec());
      const bytesA = fs.readFileSync(a);
      expect(bytesA.length).toBeGreaterThan(0);
      expect(bytesA.equals(fs.readFileSync(b))).toBe(true);

      const lines = bytesA.toString('utf8').trimEnd().split('\n');
      const types = lines.map((l) => (JSON.parse(l) as { type: string }).type);
      expect(types[0]).toBe('session.started');
      expect(types.at(-1)).toBe('session.completed');
      // The strategy traded: signals became intents that the core decided on and filled.
      expect(types).toContain('strategy.signal');
      expect(types).toContain('intent.created');
      expect(types).toContain('risk.decision');
      expect(types).toContain('broker.fill');
      expect(Number(summaryA.fills)).toBeGreaterThan(0);

      const other = smallSpec();
      other.seed = 12;
      (other.data as { spec: { seed: number } }).spec.seed = 12;
      await runTo(c, other);
      expect(bytesA.equals(fs.readFileSync(c))).toBe(false);
    } finally {
      cleanup();
    }
  });
});
