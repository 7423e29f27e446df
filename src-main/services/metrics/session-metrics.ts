import { sessionLogId } from '../../../src-shared/audit/audit-envelope';
import type { JsonObject } from '../../../src-shared/json';
import { centsToDecimal, parseNtd } from '../../../src-shared/money';
import type { AuditStore } from '../../store/audit-log';
import type { MetricFamily } from './prometheus-text';

interface ContractTotals {
  fills: number;
  quantity: number;
  feesCents: number;
  taxCents: number;
}

const OUTCOMES = ['filled', 'partially_filled', 'canceled', 'expired', 'denied', 'rejected'] as const;

/**
 * A session's metrics from its audit log: the runner's session.completed summary for orders, PnL and
 * drawdown, the fills for per-contract counts and charges, risk.breach events for breaches. A session
 * still running has no summary yet; its order and PnL families are then absent, not zero.
 */
export function sessionMetrics(store: AuditStore, sessionId: string): MetricFamily[] {
  let lane = '';
  let summary: JsonObject | null = null;
  let breaches = 0;
  let events = 0;
  const perContract = new Map<string, ContractTotals>();
  for (const r of store.readEvents(sessionLogId(sessionId))) {
    events++;
    const e = JSON.parse(r.canonical) as { type: string; payload: JsonObject };
    const p = e.payload;
    if (e.type === 'session.started') lane = String(p.lane ?? '');
    else if (e.type === 'session.completed') summary = (p.summary ?? null) as JsonObject | null;
    else if (e.type === 'risk.breach') breaches++;
    else if (e.type === 'broker.fill') {
      const c = String(p.contract);
      const t = perContract.get(c) ?? { fills: 0, quantity: 0, feesCents: 0, taxCents: 0 };
      t.fills++;
      t.quantity += Number(p.quantity);
      t.feesCents += parseNtd(String(p.fees_ntd));
      t.taxCents += parseNtd(String(p.tax_ntd));
      perContract.set(c, t);
    }
  }
  if (events === 0) throw new Error(`METRICS_SESSION_MISSING: session=${sessionId}; the audit store holds no events for it`);
  const base = { session: sessionId, lane };
  const contracts = [...perContract.keys()].sort();
  const fam = (name: string, help: string, type: MetricFamily['type'], samples: MetricFamily['samples']): MetricFamily => ({
    name: `papertape_${name}`,
    help,
    type,
    samples,
  });
  const out: MetricFamily[] = [
    fam('audit_events_total', 'Events in the session audit log.', 'counter', [{ labels: base, value: String(events) }]),
    fam(
      'fills_total',
      'Simulated fills per contract.',
      'counter',
      contracts.map((c) => ({ labels: { ...base, contract: c }, value: String(perContract.get(c)!.fills) })),
    ),
    fam(
      'filled_contracts_total',
      'Contracts filled per contract (sum of fill quantities).',
      'counter',
      contracts.map((c) => ({ labels: { ...base, contract: c }, value: String(perContract.get(c)!.quantity) })),
    ),
    fam(
      'fees_ntd',
      'Exchange, clearing and commission charges per contract, NT$.',
      'gauge',
      contracts.map((c) => ({ labels: { ...base, contract: c }, value: centsToDecimal(perContract.get(c)!.feesCents) })),
    ),
    fam(
      'tax_ntd',
      'Futures transaction tax per contract, NT$.',
      'gauge',
      contracts.map((c) => ({ labels: { ...base, contract: c }, value: centsToDecimal(perContract.get(c)!.taxCents) })),
    ),
    fam('risk_breaches_total', 'Risk envelope breaches recorded.', 'counter', [{ labels: base, value: String(breaches) }]),
  ];
  if (summary) {
    const by = (summary.orders_by_outcome ?? {}) as JsonObject;
    out.push(
      fam(
        'orders_total',
        'Orders by final outcome.',
        'counter',
        OUTCOMES.map((o) => ({ labels: { ...base, outcome: o }, value: String(Number(by[o] ?? 0)) })),
      ),
      fam('gross_pnl_ntd', 'Gross PnL (realized + unrealized) at session end, NT$.', 'gauge', [
        { labels: base, value: String(summary.gross_pnl) },
      ]),
      fam('net_pnl_ntd', 'Net PnL after fees and tax at session end, NT$.', 'gauge', [{ labels: base, value: String(summary.net_pnl) }]),
      fam('session_fees_ntd', 'All fees of the session, NT$.', 'gauge', [{ labels: base, value: String(summary.fees) }]),
      fam('session_tax_ntd', 'All transaction tax of the session, NT$.', 'gauge', [{ labels: base, value: String(summary.tax) }]),
      fam('max_drawdown_ntd', 'Largest peak-to-trough equity drop, NT$.', 'gauge', [{ labels: base, value: String(summary.max_drawdown) }]),
      fam('end_equity_ntd', 'Equity at session end, NT$.', 'gauge', [{ labels: base, value: String(summary.end_equity) }]),
    );
    const st = summary.statistics as JsonObject | undefined;
    if (st) out.push(...statisticsFamilies(st, base, fam));
  }
  return out;
}

type Fam = (name: string, help: string, type: MetricFamily['type'], samples: MetricFamily['samples']) => MetricFamily;
const QUANTILES = [
  ['0.5', 'p50'],
  ['0.9', 'p90'],
  ['1', 'max'],
] as const;

/** The summary's gatecheck statistics (pipeline/runner/session-statistics.ts) as metric families. */
function statisticsFamilies(st: JsonObject, base: Record<string, string>, fam: Fam): MetricFamily[] {
  const slippage = (unit: 'points' | 'bps') => {
    const samples: MetricFamily['samples'] = [];
    for (const [dim, key] of [
      ['contract', 'slippage_by_contract'],
      ['strategy', 'slippage_by_strategy'],
    ] as const) {
      for (const [k, d] of Object.entries(st[key] as Record<string, JsonObject>)) {
        for (const [q, prefix] of QUANTILES) {
          const v = d[`${prefix}_${unit}`];
          if (typeof v === 'string') samples.push({ labels: { ...base, [dim]: k, quantile: q }, value: v });
        }
      }
    }
    return samples;
  };
  const hit = st.hit_rate as JsonObject;
  const usage = Object.entries(st.risk_envelope_usage as Record<string, JsonObject>).flatMap(([limit, u]) =>
    u.percent === null ? [] : [{ labels: { ...base, limit }, value: String(u.percent) }],
  );
  const codes = (m: JsonObject) => Object.entries(m).map(([code, n]) => ({ labels: { ...base, code }, value: String(n) }));
  return [
    fam(
      'slippage_points',
      'Slippage vs arrival mid per contract or strategy (quantile 1 = max), points; positive = paid.',
      'gauge',
      slippage('points'),
    ),
    fam('slippage_bps', 'Slippage vs arrival mid per contract or strategy (quantile 1 = max), basis points.', 'gauge', slippage('bps')),
    fam('closing_fills_total', 'Fills that realized PnL.', 'counter', [{ labels: base, value: String(hit.closing_fills) }]),
    fam('winning_fills_total', 'Closing fills with a positive realized PnL.', 'counter', [{ labels: base, value: String(hit.winning) }]),
    fam('risk_envelope_usage_percent', 'Peak use of a risk limit during the session, percent of the limit.', 'gauge', usage),
    fam('risk_breaches_by_code_total', 'Risk breaches by reason code.', 'counter', codes(st.breaches_by_code as JsonObject)),
    fam(
      'risk_denials_by_code_total',
      'Orders denied or reduced by the risk engine, by reason code.',
      'counter',
      codes(st.denials_by_code as JsonObject),
    ),
  ];
}
