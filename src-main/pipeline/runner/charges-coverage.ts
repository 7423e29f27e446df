import { exchangeDateTime, sessionAt } from '../../../src-shared/instruments/calendar';
import { parseContractRef } from '../../../src-shared/instruments/contract-codes';
import { DEFAULT_CHARGES, type DatedCharges, type Root } from '../../../src-shared/instruments/instruments';
import type { MarketEvent } from '../../../src-shared/market/quote';
import { parseNtd } from '../../../src-shared/money';
import type { ChargesSpec } from '../../../src-shared/run-spec/charges-spec';
import type { MarketDataSet } from '../market-data/market-source';
import type { RunSpec } from './run-spec';
import { RunSpecError, type LoadedSpec } from './run-spec-loader';

/** The spec's schedule in the core's units (cents); roots it does not name keep the shipped schedule. */
export function chargesFromSpec(spec: ChargesSpec | undefined): Partial<Record<Root, DatedCharges[]>> {
  const out: Partial<Record<Root, DatedCharges[]>> = {};
  for (const [root, entries] of Object.entries(spec ?? {}) as [Root, NonNullable<ChargesSpec[Root]>][]) {
    out[root] = entries.map((e) => ({
      effective: e.effective,
      exchangeFee: parseNtd(String(e.exchange_fee)),
      clearingFee: parseNtd(String(e.clearing_fee)),
      commission: parseNtd(String(e.commission)),
      initialMargin: parseNtd(String(e.initial_margin)),
    }));
  }
  return out;
}

function eventTs(e: MarketEvent): number {
  return e.kind === 'quote' ? e.quote.exchangeTs : e.trade.exchangeTs;
}

/** The exchange time of the first event the run will see (the data is in time order), or null when there is none. */
function firstEventMs(data: MarketDataSet, windowStart: string | undefined): number | null {
  const from = windowStart !== undefined ? Date.parse(windowStart) : -Infinity;
  for (const e of data.events()) if (eventTs(e) >= from) return eventTs(e);
  return null;
}

/**
 * Refuses, before anything runs or is stored, a spec whose fee and margin schedule does not cover
 * the data window: each traded root needs an entry effective on or before the first trading day,
 * or the first fill would throw mid-run. Returns the spec's own schedule for the core.
 */
export function coveredCharges(
  loaded: LoadedSpec<RunSpec>,
  data: MarketDataSet,
  holidays: readonly string[],
): Partial<Record<Root, DatedCharges[]>> {
  const { spec, file } = loaded;
  const charges = chargesFromSpec(spec.charges);
  const first = firstEventMs(data, spec.window.start);
  if (first === null) return charges;
  const issues = [];
  for (const root of new Set(spec.contracts.map((c) => parseContractRef(c.contract).root))) {
    const contract = spec.contracts.find((c) => parseContractRef(c.contract).root === root)!.contract;
    const day = sessionAt(first, contract, holidays)?.tradingDay ?? exchangeDateTime(first).date;
    const entries = charges[root] ?? DEFAULT_CHARGES[root];
    if (entries.some((e) => e.effective <= day)) continue;
    const earliest = entries.map((e) => e.effective).sort()[0];
    issues.push({
      path: `charges.${root}`,
      at: ['charges', root],
      reason:
        `no fee and margin schedule for ${root} covers the data window: the data starts on trading day ${day}, ` +
        `the ${spec.charges?.[root] ? "spec's" : 'shipped'} schedule starts ${earliest}; add a "charges" entry for ${root} ` +
        `effective on or before ${day} to the spec (see docs/run-specs.md)`,
    });
  }
  if (issues.length) throw new RunSpecError(file, issues);
  return charges;
}
