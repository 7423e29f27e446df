import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySink } from '../../../src-shared/events/pipeline-event';
import { runSpecFromObject } from '../../../src-main/pipeline/runner/run-spec';
import { RunSpecError } from '../../../src-main/pipeline/runner/run-spec-loader';
import { clockFor, prepareSession } from '../../../src-main/pipeline/runner/session-setup';
import { runSession } from '../../../src-main/pipeline/runner/session-runner';
import { smallSpec } from './small-spec';

const SPECS = path.resolve('fixtures/specs');

async function runWith(data: Record<string, unknown>, contracts: unknown[]) {
  const loaded = runSpecFromObject(smallSpec({ data, contracts, window: {} }), SPECS);
  const p = prepareSession(loaded, 'ds-1');
  const sink = new MemorySink();
  const r = await runSession({
    sessionId: 'ds-1',
    spec: loaded.spec,
    specHash: loaded.specHash,
    data: p.data,
    core: p.core,
    strategy: p.strategy,
    sink,
    clock: clockFor(loaded.spec),
  });
  return { r, sink, data: p.data };
}

describe('data sources named in a run spec', () => {
  it('runs on an OHLCV file and records its fingerprint', async () => {
    const { r, sink, data } = await runWith({ kind: 'ohlcv', path: '../market/ohlcv/tx-1m-sample.csv' }, [
      { contract: 'TX 202612', prev_settlement: 23150 },
    ]);
    expect(r.summary.market_events).toBeGreaterThan(0);
    expect(sink.events[0]!.payload.data_fingerprint).toBe(data.fingerprint);
    expect(data.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('runs on a TAIFEX daily file, keeping only the spec contracts', async () => {
    const { r, data } = await runWith({ kind: 'taifex', path: '../market/taifex/Daily_2026_12_01.csv' }, [
      { contract: 'TX 202612', prev_settlement: 23150 },
    ]);
    expect(data.contracts).toEqual(['TX 202612']);
    expect(r.summary.market_events).toBeGreaterThan(0);
  });

  it('asks for prev_settlement where the source does not state it, naming the field', () => {
    const loaded = runSpecFromObject(
      smallSpec({ data: { kind: 'ohlcv', path: '../market/ohlcv/tx-1m-sample.csv' }, contracts: [{ contract: 'TX 202612' }] }),
      SPECS,
    );
    expect(() => prepareSession(loaded, 'x')).toThrow(RunSpecError);
    expect(() => prepareSession(loaded, 'x')).toThrow(/contracts\[0\]\.prev_settlement: required for this data source/);
  });

  it('refuses a spec contract that the data does not have', () => {
    const loaded = runSpecFromObject(smallSpec({ contracts: [{ contract: 'TMF 202612' }] }), SPECS);
    expect(() => prepareSession(loaded, 'x')).toThrow(/contracts\[0\]\.contract: not in the data source \(it has TX 202612, MTX 202612\)/);
  });
});
