import type { z } from 'zod';
import type { JsonObject } from '../json';

/** A payload read with one type's schema in an event catalog: the schema's output, or null when it does not match. */
export function readCatalogued<S extends z.ZodType>(schema: S, payload: unknown): z.output<S> | null {
  const r = schema.safeParse(payload);
  return r.success ? r.data : null;
}

export type CatalogCheck = { ok: true; payload: JsonObject } | { ok: false; problem: string };

/**
 * A payload checked against one type's schema in an event catalog (the pipeline's or governance's):
 * the parsed payload, or the first problem as `<type>: <field path>: <message>`, the form every reader reports.
 */
export function checkCatalogued(
  catalog: Readonly<Record<string, z.ZodType>>,
  catalogName: string,
  type: string,
  payload: unknown,
): CatalogCheck {
  const schema = Object.hasOwn(catalog, type) ? catalog[type] : undefined;
  if (!schema) return { ok: false, problem: `event type "${type}" is not in the ${catalogName}` };
  const r = schema.safeParse(payload);
  if (r.success) return { ok: true, payload: r.data as JsonObject };
  const issue = r.error.issues[0];
  return { ok: false, problem: `${type}: ${issue?.path.join('.') || '(payload)'}: ${issue?.message ?? 'invalid'}` };
}
