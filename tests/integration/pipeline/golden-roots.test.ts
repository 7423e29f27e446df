import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonlFileSink } from '../../../src-main/pipeline/runner/jsonl-file-sink';
import { runSpecFromObject } from '../../../src-main/pipeline/runner/run-spec';
import { clockFor, prepareSession } from '../../../src-main/pipeline/runner/session-setup';
import { runSession } from '../../../src-main/pipeline/runner/session-runner';
import { loadScenarioFile } from '../../../src-main/pipeline/scenario/load-scenario';
import { runScenario } from '../../../src-main/pipeline/scenario/run-scenario';
import { leafHash, merkleRoot } from '../../../src-main/store/merkle';
import { makeTempDir } from '../../support/temp-dir';
import { demoSpec } from '../replay/replay-fixture';
import { smallSpec } from './small-spec';

/**
 * Golden RFC 6962 roots of the fixture sessions: every scenario and a generated session day, run
 * through the real trading core. Any change in behaviour (a fill price, an event's field, the order
 * of events) changes a root, so a refactoring of the core that means to keep behaviour proves it here.
 * A change that means to alter behaviour updates the file on purpose:
 *   UPDATE_GOLDEN=1 npx vitest run tests/integration/pipeline/golden-roots.test.ts
 */
const GOLDEN = path.resolve(import.meta.dirname, '../../golden/merkle-roots.json');
const SCENARIOS = path.resolve(import.meta.dirname, '../../../fixtures/scenarios');

const rootOf = (lines: readonly string[]) => merkleRoot(lines.map((l) => leafHash(Buffer.from(l, 'utf8')))).toString('hex');

async function sessionRoot(spec: Record<string, unknown>): Promise<{ root: string; events: number }> {
  const t = makeTempDir('pt-golden-');
  try {
    const file = path.join(t.dir, 'events.jsonl');
    const loaded = runSpecFromObject(spec, path.resolve('fixtures/specs'));
    const prepared = prepareSession(loaded, 'golden-1');
    const sink = new JsonlFileSink(file);
    try {
      // A fixed code version: the root pins behaviour, not which build ran it.
      await runSession({
        sessionId: 'golden-1',
        spec: loaded.spec,
        specHash: loaded.specHash,
        data: prepared.data,
        core: prepared.core,
        strategy: prepared.strategy,
        sink,
        clock: clockFor(loaded.spec),
        codeVersion: 'golden',
      });
    } finally {
      sink.close();
    }
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    return { root: rootOf(lines), events: lines.length };
  } finally {
    t.cleanup();
  }
}

async function currentRoots(): Promise<Record<string, { root: string; events: number }>> {
  const out: Record<string, { root: string; events: number }> = {};
  for (const f of fs
    .readdirSync(SCENARIOS)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const run = runScenario(loadScenarioFile(path.join(SCENARIOS, f)));
    out[`scenario:${f}`] = { root: rootOf(run.lines), events: run.lines.length };
  }
  out['session:small-spec seed 11'] = await sessionRoot(smallSpec());
  out['session:demo-research to 01:05'] = await sessionRoot(demoSpec('2026-12-01T01:05:00.000Z'));
  return out;
}

describe('golden Merkle roots of the fixture sessions', () => {
  it('every fixture session produces exactly the pinned events', async () => {
    const now = await currentRoots();
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(GOLDEN, `${JSON.stringify(now, null, 2)}\n`);
    const pinned = JSON.parse(fs.readFileSync(GOLDEN, 'utf8')) as typeof now;
    expect(Object.keys(now).sort()).toEqual(Object.keys(pinned).sort());
    for (const [name, r] of Object.entries(now)) expect(r, `${name}: the core's behaviour changed`).toEqual(pinned[name]);
  });
});
