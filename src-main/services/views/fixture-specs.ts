import fs from 'node:fs';
import path from 'node:path';
import { LaneId } from '../../../src-shared/governance/lanes';
import type { JsonObject, JsonValue } from '../../../src-shared/json';
import type { FixtureSpec } from '../../../src-shared/views/view-calls';
import { parseSpecText } from '../../pipeline/runner/run-spec-loader';
import { repoRoot } from '../../version';

/** The shipped fixtures (market data, specs, signal files): read-only inputs the page may name. */
export function fixturesDir(): string {
  return path.join(repoRoot(), 'fixtures');
}

export function fixtureSpecsDir(): string {
  return path.join(fixturesDir(), 'specs');
}

const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The registry stores a spec without its file, so a relative data or signal path would lose its
 * anchor: resolve them against the fixtures folder now, as the CLI resolves them against the spec's folder.
 */
export function anchorSpecPaths(spec: JsonObject, baseDir: string): JsonObject {
  const out: JsonObject = { ...spec };
  const data = spec.data;
  if (isObject(data) && typeof data.path === 'string') out.data = { ...data, path: path.resolve(baseDir, data.path) };
  const strategy = spec.strategy;
  if (isObject(strategy) && isObject(strategy.params) && typeof strategy.params.path === 'string') {
    out.strategy = { ...strategy, params: { ...strategy.params, path: path.resolve(baseDir, strategy.params.path) } };
  }
  return out;
}

/** The run specs shipped in fixtures/specs, offered by the Sessions view; a file that does not parse is skipped. */
export function listFixtureSpecs(dir: string = fixtureSpecsDir()): FixtureSpec[] {
  if (!fs.existsSync(dir)) return [];
  const out: FixtureSpec[] = [];
  for (const file of fs.readdirSync(dir).sort()) {
    if (!/\.(ya?ml|json)$/.test(file)) continue;
    let raw: unknown;
    try {
      raw = parseSpecText(fs.readFileSync(path.join(dir, file), 'utf8'), file);
    } catch {
      continue;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) continue;
    const spec = anchorSpecPaths(raw as JsonObject, dir);
    const lane = LaneId.safeParse(spec.lane);
    out.push({ id: file, name: typeof spec.name === 'string' ? spec.name : file, lane: lane.success ? lane.data : null, spec });
  }
  return out;
}
