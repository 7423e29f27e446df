import type { z } from 'zod';
import { readBrokerFill } from '../../../src-shared/events/broker-fill';
import { PIPELINE_EVENTS, type PipelineEventType } from '../../../src-shared/events/catalog';
import { PORTFOLIO_UPDATE, readPortfolioUpdate } from '../../../src-shared/events/portfolio-update';
import type { JsonObject, JsonValue } from '../../../src-shared/json';

/** What the HTML report shows, folded from the events in one pass with bounded memory. */
export interface ReportModel {
  events: number;
  firstTs: string | null;
  lastTs: string | null;
  /** Downsampled [event index, equity cents, realized+unrealized PnL cents] points, at most ~2 x MAX_POINTS. */
  equity: { i: number; equity: number; pnl: number | null }[];
  fills: { ts: string; contract: string; side: string; quantity: string; price: string; slippage: string; reason: string }[];
  fillCount: number;
  /** contract -> slippage in points (rounded) -> count. */
  slippage: Map<string, Map<number, number>>;
  /** OMS state reached -> count, and state -> reason code -> count. */
  omsOutcomes: Map<string, number>;
  omsReasons: Map<string, Map<string, number>>;
  /** Risk decision (ALLOW / REDUCE / DENY) -> count, and reason code -> count. */
  riskDecisions: Map<string, number>;
  riskReasons: Map<string, number>;
  incidents: { seq: number; ts: string; type: string; text: string }[];
  incidentCount: number;
  /** Realized + unrealized PnL cents of each contract, as its latest `portfolio.update` stated it. */
  pnlByContract: Map<string, number>;
  /** Every stride-th portfolio update is kept as an equity point. */
  stride: number;
  /** The gatecheck statistics of the session's `session.completed` summary (slippage, hit rate, envelope usage). */
  statistics: JsonObject | null;
  /** `session.started`'s `book_model`: the stated book a trade-only session filled against; null = the source's own quotes. */
  bookModel: JsonObject | null;
  /** Event type -> events of that type whose payload does not match the event catalog (src-shared/events/catalog.ts). */
  offCatalog: Map<string, number>;
}

const MAX_POINTS = 600;
const MAX_FILL_ROWS = 500;
const MAX_INCIDENT_ROWS = 200;
const OUTCOME_STATES = new Set(['FILLED', 'PARTIALLY_FILLED', 'REJECTED', 'DENIED', 'CANCELED', 'EXPIRED']);
const INCIDENT_TYPE = /(halt|resume|breaker|breach|incident|kill|feed|error|refused|reconciliation)/;

export function emptyReportModel(): ReportModel {
  return {
    events: 0,
    firstTs: null,
    lastTs: null,
    equity: [],
    fills: [],
    fillCount: 0,
    slippage: new Map(),
    omsOutcomes: new Map(),
    omsReasons: new Map(),
    riskDecisions: new Map(),
    riskReasons: new Map(),
    incidents: [],
    incidentCount: 0,
    pnlByContract: new Map(),
    stride: 1,
    statistics: null,
    bookModel: null,
    offCatalog: new Map(),
  };
}

function pick(p: JsonObject, ...names: string[]): JsonValue | undefined {
  for (const n of names) if (p[n] !== undefined) return p[n];
  return undefined;
}

function text(v: JsonValue | undefined): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function bump<K>(m: Map<K, number>, k: K): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** A stable reason code is the text before the first colon (`STALE_QUOTE: age_ms=...`). */
export function reasonCode(reason: string): string {
  const i = reason.indexOf(':');
  return (i < 0 ? reason : reason.slice(0, i)).trim() || '(none)';
}

function parsed<T extends PipelineEventType>(type: T, payload: unknown): z.output<(typeof PIPELINE_EVENTS)[T]> | null {
  const r = PIPELINE_EVENTS[type].safeParse(payload);
  return r.success ? (r.data as z.output<(typeof PIPELINE_EVENTS)[T]>) : null;
}

/** The payload read with its catalog schema; one that does not match is counted, never guessed at. */
function catalogued<T>(m: ReportModel, type: string, payload: JsonObject, read: (p: unknown) => T | null): T | null {
  const v = read(payload);
  if (v === null) m.offCatalog.set(type, (m.offCatalog.get(type) ?? 0) + 1);
  return v;
}

/** Adds one event to the model. Equity points thin out by halving when they exceed the budget. */
export function foldReportEvent(m: ReportModel, seq: number, e: { ts: string; type: string; payload: JsonObject }): void {
  m.events++;
  m.firstTs ??= e.ts;
  m.lastTs = e.ts;
  const p = e.payload;
  if (e.type === 'session.started') {
    const model = p.book_model;
    m.bookModel = typeof model === 'object' && model !== null && !Array.isArray(model) ? model : null;
  } else if (e.type === 'session.completed') {
    const summary = e.payload.summary as JsonObject | undefined;
    m.statistics = (summary?.statistics as JsonObject | undefined) ?? null;
  } else if (e.type === PORTFOLIO_UPDATE) {
    const update = readPortfolioUpdate(p);
    if (!update) return;
    m.pnlByContract.set(update.contract, update.realizedCents + update.unrealizedCents);
    if (m.events % m.stride === 0) {
      let pnl = 0;
      for (const v of m.pnlByContract.values()) pnl += v;
      m.equity.push({ i: seq, equity: update.equityCents, pnl });
      if (m.equity.length > 2 * MAX_POINTS) {
        m.equity = m.equity.filter((_, k) => k % 2 === 0);
        m.stride *= 2;
      }
    }
  } else if (e.type === 'broker.fill') {
    const fill = catalogued(m, e.type, p, readBrokerFill);
    if (fill === null) return;
    m.fillCount++;
    if (fill.slippage_points !== null) {
      const per = m.slippage.get(fill.contract) ?? new Map<number, number>();
      bump(per, Math.round(Number(fill.slippage_points)));
      m.slippage.set(fill.contract, per);
    }
    if (m.fills.length < MAX_FILL_ROWS) {
      m.fills.push({
        ts: e.ts,
        contract: fill.contract,
        side: fill.side,
        quantity: String(fill.quantity),
        price: String(fill.price),
        slippage: fill.slippage_points ?? '',
        reason: fill.reason,
      });
    }
  } else if (e.type === 'oms.transition') {
    const t = catalogued(m, e.type, p, (x) => parsed('oms.transition', x));
    if (t === null || !OUTCOME_STATES.has(t.to)) return;
    bump(m.omsOutcomes, t.to);
    if (t.reason !== null) {
      const per = m.omsReasons.get(t.to) ?? new Map<string, number>();
      bump(per, reasonCode(t.reason));
      m.omsReasons.set(t.to, per);
    }
  } else if (e.type === 'risk.decision') {
    const d = catalogued(m, e.type, p, (x) => parsed('risk.decision', x));
    if (d === null) return;
    bump(m.riskDecisions, d.verdict);
    // The reason of every check that did not simply allow: a decision can be reduced by one and denied by another.
    for (const c of d.checks) if (c.reason !== null) bump(m.riskReasons, reasonCode(c.reason));
  }
  if (INCIDENT_TYPE.test(e.type)) {
    m.incidentCount++;
    if (m.incidents.length < MAX_INCIDENT_ROWS)
      m.incidents.push({ seq, ts: e.ts, type: e.type, text: text(pick(p, 'reason', 'detail', 'message', 'kind')) });
  }
}
