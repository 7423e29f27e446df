import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadRunSpec, runSpecFromObject } from '../../../src-main/pipeline/runner/run-spec';
import { RunSpecError } from '../../../src-main/pipeline/runner/run-spec-loader';
import { makeTempDir } from '../../support/temp-dir';

const FIXTURE = path.resolve('fixtures/specs/demo-research.yaml');
const base = (): Record<string, unknown> => parseYaml(fs.readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;

function issues(input: unknown): string[] {
  try {
    runSpecFromObject(input, path.dirname(FIXTURE));
  } catch (err) {
    if (err instanceof RunSpecError) return err.issues.map((i) => `${i.path}: ${i.reason}`);
    throw err;
  }
  throw new Error('expected the spec to be refused');
}

function withPatch(patch: (s: Record<string, unknown>) => void): Record<string, unknown> {
  const s = base();
  patch(s);
  return s;
}

describe('run spec', () => {
  it('accepts both demo fixtures and hashes the validated spec', () => {
    const a = loadRunSpec(FIXTURE);
    expect(a.spec.lane).toBe('paper_research');
    expect(a.spec.mode).toBe('paper');
    expect(a.specHash).toMatch(/^[0-9a-f]{64}$/);
    expect(loadRunSpec(FIXTURE).specHash).toBe(a.specHash);
    const g = loadRunSpec(path.resolve('fixtures/specs/demo-gatecheck.yaml'));
    expect(g.spec.lane).toBe('paper_gatecheck');
    expect(g.specHash).not.toBe(a.specHash);
  });

  it('fills defaults and a changed value changes the hash', () => {
    const s = withPatch((x) => {
      delete x.speed;
      delete x.order_defaults;
    });
    const loaded = runSpecFromObject(s, '.');
    expect(loaded.spec.speed).toBe(1);
    expect(loaded.spec.order_defaults).toEqual({ order_type: 'MARKET', time_in_force: 'IOC', reduce_only: false });
    const other = runSpecFromObject(
      withPatch((x) => (x.seed = 7)),
      '.',
    );
    expect(other.specHash).not.toBe(loaded.specHash);
  });

  it('refuses unknown keys at every level, naming each', () => {
    expect(issues(withPatch((x) => (x.brokerage = 'x')))).toEqual(['brokerage: unknown key']);
    expect(issues(withPatch((x) => ((x.strategy as { params: Record<string, unknown> }).params.lookback = 3)))).toEqual([
      'strategy.params.lookback: unknown key',
    ]);
    expect(issues(withPatch((x) => ((x.risk as Record<string, unknown>).maxLeverage = 3)))).toEqual(['risk.maxLeverage: unknown key']);
    expect(issues(withPatch((x) => ((x.fill_model as Record<string, unknown>).slippage = 1)))).toEqual([
      'fill_model.slippage: unknown key',
    ]);
    expect(issues(withPatch((x) => ((x.contracts as Record<string, unknown>[])[1]!.expiry = 'x')))).toEqual([
      'contracts[1].expiry: unknown key',
    ]);
  });

  it('refuses a trading mode other than paper, naming the field', () => {
    expect(issues(withPatch((x) => (x.mode = 'real-money')))).toEqual(['mode: only "paper" is supported, got "real-money"']);
    expect(issues(withPatch((x) => delete x.mode))).toEqual(['mode: only "paper" is supported, got undefined']);
  });

  it('refuses an unknown run mode and lane', () => {
    expect(issues(withPatch((x) => (x.run_mode = 'turbo')))).toEqual(['run_mode: Invalid option: expected one of "backtest"|"paper"']);
    expect(issues(withPatch((x) => (x.lane = 'prod')))).toEqual([
      'lane: Invalid option: expected one of "paper_research"|"paper_gatecheck"',
    ]);
  });

  it('refuses a limit of the wrong type with the field path and both types', () => {
    expect(issues(withPatch((x) => ((x.risk as Record<string, unknown>).maxPositionPerContract = '3')))).toEqual([
      'risk.maxPositionPerContract: expected number, got string',
    ]);
    expect(issues(withPatch((x) => ((x.strategy as { params: Record<string, unknown> }).params.channel = 2.5)))).toEqual([
      'strategy.params.channel: expected integer, got fractional number',
    ]);
    expect(issues(withPatch((x) => (x.seed = 'abc')))).toEqual(['seed: expected number, got string']);
  });

  it('names a wrong strategy kind and a missing field', () => {
    expect(issues(withPatch((x) => ((x.strategy as Record<string, unknown>).kind = 'martingale')))).toEqual([
      'strategy.kind: expected one of "breakout" | "mean_reversion" | "signal_file", got "martingale"',
    ]);
    expect(issues(withPatch((x) => delete x.owner))).toEqual(['owner: required (string)']);
  });

  it('reports every problem at once', () => {
    const found = issues(
      withPatch((x) => {
        x.run_mode = 'x';
        x.extra = 1;
        x.paper_capital = -5;
      }),
    );
    expect(found).toHaveLength(3);
  });

  it('refuses unreadable files and bad YAML with a file-level reason, and JSON works too', () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const bad = path.join(dir, 'bad.yaml');
      fs.writeFileSync(bad, 'lane: [unclosed\n');
      expect(() => loadRunSpec(bad)).toThrow(/\(file\): not valid YAML/);
      expect(() => loadRunSpec(path.join(dir, 'missing.yaml'))).toThrow(/\(file\): cannot read: ENOENT/);
      const json = path.join(dir, 'spec.json');
      const spec = base();
      spec.data = { kind: 'generator', path: path.resolve('fixtures/market/generator/three-contract-day.json') };
      fs.writeFileSync(json, JSON.stringify(spec));
      expect(loadRunSpec(json).spec.run_mode).toBe('backtest');
    } finally {
      cleanup();
    }
  });
});
