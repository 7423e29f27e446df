import type { JsonObject } from '../../../src-shared/json';
import { canonicalHash } from '../../pipeline/runner/canonical';

/**
 * What promotion promotes: a strategy kind with its exact parameters. Two specs that differ only
 * in data, window or seed share an identity; a changed parameter is a different strategy.
 */
export function strategyIdOf(spec: JsonObject): string | null {
  const s = spec.strategy;
  if (s === null || typeof s !== 'object' || Array.isArray(s)) return null;
  const kind = typeof s.kind === 'string' ? s.kind : typeof s.id === 'string' ? s.id : null;
  if (kind === null) return null;
  return `${kind}:${canonicalHash(s).slice(0, 12)}`;
}
