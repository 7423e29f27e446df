import type { JsonObject, JsonValue } from '../../src-shared/json';
import { PathToken } from '../../src-shared/contract';
import type { AppContext } from '../app-context';
import { resolvePathRef, type PathUse } from './renderer-paths';

const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

const DATA: PathUse = { field: 'spec.data.path', purposes: ['market-data', 'run-spec'], access: 'read' };
const SIGNALS: PathUse = { field: 'spec.strategy.params.path', purposes: ['signals'], access: 'read' };

/**
 * A spec from the page names files too (`data.path`, a signal file's `strategy.params.path`). Each
 * is a dialog grant token, replaced here by the path it stands for, or a path inside the data
 * directory or the shipped fixtures; anything else is refused before the session is registered.
 * The registry then stores the resolved spec, so its hash covers the file actually read.
 */
export function resolveSpecPaths(ctx: AppContext, spec: JsonObject): JsonObject {
  const out: JsonObject = { ...spec };
  const data = spec.data;
  if (isObject(data) && data.path !== undefined) out.data = { ...data, path: resolveOne(ctx, data.path, DATA) };
  const strategy = spec.strategy;
  if (isObject(strategy) && isObject(strategy.params) && strategy.params.path !== undefined) {
    out.strategy = { ...strategy, params: { ...strategy.params, path: resolveOne(ctx, strategy.params.path, SIGNALS) } };
  }
  return out;
}

function resolveOne(ctx: AppContext, value: JsonValue, use: PathUse): JsonValue {
  // A non-string is left for the run-spec schema to refuse with its own field message.
  if (typeof value !== 'string') return value;
  return resolvePathRef(ctx, PathToken.safeParse(value).success ? { token: value } : value, use);
}
