import type { JsonObject } from '../../../src-shared/json';
import { FillModelSchema } from '../../pipeline/core/config';
import { parseDecimal } from './exact-decimal';
import { TimedOperatorInbox } from './replay-inbox';
import { runPipeline, type ReplayInputs } from './replay-run';
import { outcomeOf, OutcomeSink, type RunOutcome } from './run-outcome';

/** One alternative: a fill model (merged over the recorded one) and/or latencies. */
export interface WhatIfVariant {
  label: string;
  fillModel?: JsonObject;
  latency?: { submitMs: number; cancelMs?: number };
}

export interface WhatIfRow {
  label: string;
  fillModel: JsonObject;
  outcome: RunOutcome;
}

export type OutcomeField = keyof RunOutcome;

export interface WhatIfReport {
  sessionId: string;
  rows: WhatIfRow[];
  /** Per field: min and max across every row (the recorded run included); null where no row has a value. */
  range: Record<OutcomeField, { min: string; max: string } | null>;
}

/** `--latency 50` or `--latency 50,80`: submit and optional cancel latency in ms. */
export function parseLatency(text: string): { submitMs: number; cancelMs?: number } {
  const m = /^(\d{1,7})(?:,(\d{1,7}))?$/.exec(text.trim());
  if (!m) throw new RangeError(`WHATIF_LATENCY_INVALID: value=${JSON.stringify(text)}; expected SUBMIT_MS[,CANCEL_MS]`);
  return { submitMs: Number(m[1]), ...(m[2] !== undefined ? { cancelMs: Number(m[2]) } : {}) };
}

export function variantFillModel(recorded: JsonObject, v: WhatIfVariant): JsonObject {
  const merged: JsonObject = { ...recorded, ...(v.fillModel ?? {}) };
  if (v.latency) {
    merged.submitLatencyMs = v.latency.submitMs;
    if (v.latency.cancelMs !== undefined) merged.cancelLatencyMs = v.latency.cancelMs;
  }
  // Checked here so a bad variant is a usage error naming the field, before any run starts.
  FillModelSchema.parse(merged);
  return merged;
}

function compareText(a: string, b: string): number {
  const d = parseDecimal(a) - parseDecimal(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

function fieldText(o: RunOutcome, f: OutcomeField): string | null {
  const v = o[f];
  if (v === null) return null;
  return typeof v === 'number' ? String(v) : v;
}

export function rangeOf(rows: readonly WhatIfRow[]): WhatIfReport['range'] {
  const fields = Object.keys(rows[0]?.outcome ?? {}) as OutcomeField[];
  const out = {} as WhatIfReport['range'];
  for (const f of fields) {
    const vals = rows.map((r) => fieldText(r.outcome, f)).filter((v): v is string => v !== null);
    if (vals.length === 0) {
      out[f] = null;
      continue;
    }
    const sorted = [...vals].sort(compareText);
    out[f] = { min: sorted[0]!, max: sorted.at(-1)! };
  }
  return out;
}

/**
 * Re-runs the recorded inputs under each variant (and once as recorded, the first row). Nothing is
 * written anywhere: the sink keeps only fills. Operator actions are applied at their recorded times,
 * since event positions move once fills differ.
 */
export async function runWhatIf(r: ReplayInputs, variants: readonly WhatIfVariant[]): Promise<WhatIfReport> {
  const recordedModel = (r.spec.fill_model ?? {}) as JsonObject;
  const all: WhatIfVariant[] = [{ label: 'recorded' }, ...variants];
  const rows: WhatIfRow[] = [];
  for (const v of all) {
    const fillModel = variantFillModel(recordedModel, v);
    const sink = new OutcomeSink();
    const result = await runPipeline(r, {
      spec: { ...r.spec, fill_model: fillModel },
      sink,
      inbox: (clock) => new TimedOperatorInbox(r.inputs.operator, clock),
    });
    rows.push({ label: v.label, fillModel, outcome: outcomeOf(result.summary, sink.fills) });
  }
  return { sessionId: r.sessionId, rows, range: rangeOf(rows) };
}

const COLUMNS: [OutcomeField, string][] = [
  ['fills', 'fills'],
  ['avgSlippagePoints', 'slip pts'],
  ['avgSlippageBps', 'slip bps'],
  ['grossPnl', 'gross NT$'],
  ['netPnl', 'net NT$'],
  ['fees', 'fees NT$'],
  ['tax', 'tax NT$'],
  ['rejected', 'rejected'],
  ['canceled', 'canceled'],
];

/** A plain-text table, one row per variant and a last row with min..max. */
export function formatWhatIf(rep: WhatIfReport): string {
  const head = ['variant', ...COLUMNS.map((c) => c[1])];
  const body = rep.rows.map((row) => [row.label, ...COLUMNS.map(([f]) => fieldText(row.outcome, f) ?? '-')]);
  body.push(['range', ...COLUMNS.map(([f]) => (rep.range[f] ? `${rep.range[f].min}..${rep.range[f].max}` : '-'))]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), ...body.map(line)].join('\n') + '\n';
}
