import type { JsonObject, JsonValue } from '../../../src-shared/json';
import { centsToDecimal, type Cents } from '../../../src-shared/money';
import type { ReportModel } from './report-model';
import { SIMULATED_NOTICE } from './bundle-manifest';

export interface ReportContext {
  sessionId: string;
  log: string;
  size: number;
  root: string;
  keyFingerprint: string;
  checkpointOrigin: string;
  createdAt: string;
  codeVersion: string;
  runSpec: JsonObject | null;
  dataFingerprint: string | null;
  dataIncluded: boolean;
  /** SHA-256 of the verify scripts copied into the bundle, for comparison with a copy obtained apart. */
  scripts: { name: string; sha256: string }[];
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const ntd = (cents: number): string => `NT$ ${centsToDecimal(cents as Cents)}`;

const CSS = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1100px;color:#1b1f24;padding:0 16px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
.banner{background:#fff4ce;border:1px solid #d4a72c;padding:8px 12px;border-radius:6px;font-weight:600}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #d0d7de;padding:3px 6px;text-align:left}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}code,pre{font:12px ui-monospace,Menlo,Consolas,monospace}
pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:360px}.muted{color:#57606a}svg{background:#fbfcfd;border:1px solid #d0d7de}`;

function lineChart(points: { x: number; y: number }[], w: number, h: number, color: string): string {
  if (points.length < 2) return '<p class="muted">Not enough points to draw.</p>';
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => (x1 === x0 ? 0 : ((x - x0) / (x1 - x0)) * (w - 60) + 50);
  const sy = (y: number) => (y1 === y0 ? h / 2 : h - 20 - ((y - y0) / (y1 - y0)) * (h - 40));
  const path = points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img">
<text x="4" y="14" font-size="11">${esc(ntd(y1))}</text><text x="4" y="${h - 6}" font-size="11">${esc(ntd(y0))}</text>
<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${path}"/></svg>`;
}

function barChart(bins: [number, number][], w: number, h: number): string {
  if (bins.length === 0) return '<p class="muted">No fills.</p>';
  const max = Math.max(...bins.map((b) => b[1]));
  const bw = Math.max(4, Math.floor((w - 20) / bins.length) - 2);
  const bars = bins
    .map(([k, n], i) => {
      const bh = Math.round((n / max) * (h - 36));
      const x = 10 + i * (bw + 2);
      return `<rect x="${x}" y="${h - 20 - bh}" width="${bw}" height="${bh}" fill="#0969da"><title>${k} pts: ${n}</title></rect><text x="${x}" y="${h - 6}" font-size="10">${k}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img">${bars}</svg>`;
}

function countTable(title: string, m: Map<string, number>): string {
  if (m.size === 0) return `<p class="muted">No ${esc(title.toLowerCase())}.</p>`;
  const rows = [...m.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([k, n]) => `<tr><td>${esc(k)}</td><td class="n">${n}</td></tr>`);
  return `<table><tr><th>${esc(title)}</th><th>Count</th></tr>${rows.join('')}</table>`;
}

/** The summary's gatecheck statistics: slippage percentiles per contract and strategy, hit rate, envelope usage, codes. */
function statisticsHtml(st: JsonObject | null): string {
  if (!st) return '<p class="muted">No session.completed summary (the session did not complete).</p>';
  const slip = (title: string, m: JsonObject) =>
    `<h3>Slippage per ${title} (vs arrival mid; positive = paid)</h3><table><tr><th>${title}</th><th>Fills</th><th>p50 pt</th><th>p90 pt</th><th>max pt</th><th>p50 bps</th><th>p90 bps</th><th>max bps</th></tr>${Object.entries(
      m as Record<string, JsonObject>,
    )
      .map(
        ([k, d]) =>
          `<tr><td>${esc(k)}</td>${['fills', 'p50_points', 'p90_points', 'max_points', 'p50_bps', 'p90_bps', 'max_bps'].map((f) => `<td class="n">${esc(String(d[f] ?? '-'))}</td>`).join('')}</tr>`,
      )
      .join('')}</table>`;
  const h = st.hit_rate as JsonObject;
  const usage = Object.entries(st.risk_envelope_usage as Record<string, JsonObject>)
    .map(
      ([k, u]) =>
        `<tr><td>${esc(k)}</td><td class="n">${esc(String(u.peak))}</td><td class="n">${esc(String(u.limit))}</td><td class="n">${esc(u.percent === null ? '-' : `${String(u.percent)}%`)}</td></tr>`,
    )
    .join('');
  const codes = (m: JsonObject) => new Map(Object.entries(m).map(([k, n]) => [k, Number(n)]));
  return `${slip('contract', st.slippage_by_contract as JsonObject)}${slip('strategy', st.slippage_by_strategy as JsonObject)}
<p>Hit rate: ${esc(h.percent === null ? '-' : `${String(h.percent)}%`)} (${esc(String(h.winning))} winning, ${esc(String(h.losing))} losing of ${esc(String(h.closing_fills))} closing fills)</p>
<h3>Risk envelope usage (peak vs limit)</h3><table><tr><th>Limit</th><th>Peak</th><th>Limit</th><th>Used</th></tr>${usage}</table>
<h3>Breaches by reason code</h3>${countTable('Code', codes(st.breaches_by_code as JsonObject))}
<h3>Denials and reductions by reason code</h3>${countTable('Code', codes(st.denials_by_code as JsonObject))}`;
}

/** The self-contained report: inline CSS and SVG, no script, no external resource of any kind. */
/** Events the report could not read with the event catalog are named, not silently left out of the figures. */
function offCatalogHtml(off: ReadonlyMap<string, number>): string {
  if (off.size === 0) return '';
  const list = [...off.entries()].map(([t, n]) => `${esc(t)} ${n}`).join(', ');
  return `<p class="banner">Events whose payload does not match the event catalog, left out of the figures below: ${list}.</p>`;
}

/** The stated book model of a trade-only session, or a line saying the source's own quotes were used. */
function bookModelHtml(model: JsonObject | null): string {
  if (model === null) return "<p>The data source's own quotes (no book was synthesized).</p>";
  const per = (v: JsonValue | undefined, session: string): string => {
    const x = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject)[session] : undefined;
    return x === 'print' ? "the print's size on each of 5 levels" : Array.isArray(x) ? x.join(' / ') : String(x ?? '-');
  };
  const rows = ['regular', 'after_hours']
    .map(
      (s) => `<tr><td>${esc(s)}</td><td class="n">${esc(per(model.spread_ticks, s))}</td><td>${esc(per(model.level_sizes, s))}</td></tr>`,
    )
    .join('');
  return `<p>Synthesized from trade prints (the data has no quotes), updated at each print; every fill against it says <code>book=synthesized</code>. Resting limits fill only from prints at or through their price.</p>
<table><tr><th>Session</th><th>Spread, ticks</th><th>Level sizes, best first</th></tr>${rows}</table>`;
}

export function renderReportHtml(m: ReportModel, c: ReportContext): string {
  const equityPts = m.equity.map((p) => ({ x: p.i, y: p.equity }));
  const pnlPts = m.equity.filter((p) => p.pnl !== null).map((p) => ({ x: p.i, y: p.pnl! }));
  const slippage = [...m.slippage.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(
      ([contract, bins]) =>
        `<h3>${esc(contract || '(unknown contract)')}</h3>${barChart(
          [...bins.entries()].sort((a, b) => a[0] - b[0]),
          520,
          140,
        )}`,
    )
    .join('');
  const oms = [...m.omsReasons.entries()].flatMap(([state, reasons]) =>
    [...reasons.entries()].map(([r, n]) => [`${state} ${r}`, n] as const),
  );
  const fills = m.fills
    .map(
      (f) =>
        `<tr><td>${esc(f.ts)}</td><td>${esc(f.contract)}</td><td>${esc(f.side)}</td><td class="n">${esc(f.quantity)}</td><td class="n">${esc(f.price)}</td><td class="n">${esc(f.slippage)}</td><td>${esc(f.reason)}</td></tr>`,
    )
    .join('');
  const incidents = m.incidents
    .map((i) => `<tr><td class="n">${i.seq}</td><td>${esc(i.ts)}</td><td>${esc(i.type)}</td><td>${esc(i.text)}</td></tr>`)
    .join('');
  const last = m.equity[m.equity.length - 1];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Papertape evidence: ${esc(c.sessionId)} (simulated)</title><style>${CSS}</style></head><body>
<p class="banner">SIMULATED PAPER TRADING. ${esc(SIMULATED_NOTICE)} Simulated PnL is not a performance claim.</p>
<h1>Session ${esc(c.sessionId)}</h1>
<p>${m.events} events from ${esc(m.firstTs ?? '-')} to ${esc(m.lastTs ?? '-')} (exchange time shown as UTC). Exported ${esc(c.createdAt)} by Papertape ${esc(c.codeVersion)}.</p>
<h2>Verification summary</h2>
<table><tr><th>Log</th><td><code>${esc(c.log)}</code></td></tr><tr><th>Checkpoint origin</th><td><code>${esc(c.checkpointOrigin)}</code></td></tr>
<tr><th>Events (signed size)</th><td>${c.size}</td></tr><tr><th>Merkle root (hex)</th><td><code>${esc(c.root)}</code></td></tr>
<tr><th>Signing key fingerprint</th><td><code>${esc(c.keyFingerprint)}</code></td></tr>
<tr><th>Replay data</th><td>${c.dataIncluded ? 'included' : 'excluded'}; fingerprint <code>${esc(c.dataFingerprint ?? '-')}</code></td></tr></table>
<p class="muted">This page is not the proof. Run <code>./verify.sh</code> or <code>python3 verify.py</code> with the analyst's public key pinned (see docs/verify-by-hand.md), preferably copies you obtained apart from this bundle: the ones inside it are only as trustworthy as the bundle. Their SHA-256 here (each script also prints its own) can be compared with <code>papertape verifier-hashes</code> on a Papertape you trust.</p>
<table>${c.scripts.map((s) => `<tr><th>${esc(s.name)}</th><td><code>${esc(s.sha256)}</code></td></tr>`).join('')}</table>
<h2>Equity (simulated)</h2>${lineChart(equityPts, 1000, 220, '#1a7f37')}
<p>Last equity: ${last ? esc(ntd(last.equity)) : '-'}</p>
<h2>PnL, realized + unrealized (simulated)</h2>${lineChart(pnlPts, 1000, 180, '#8250df')}
<h2>OMS outcomes</h2>${countTable('State', m.omsOutcomes)}
<h3>Reasons</h3>${countTable('State and reason code', new Map(oms))}
<h2>Risk envelope usage and breaches</h2>${countTable('Decision', m.riskDecisions)}<h3>Reason codes</h3>${countTable('Reason', m.riskReasons)}
${offCatalogHtml(m.offCatalog)}<h2>Book the fills were made against</h2>${bookModelHtml(m.bookModel)}
<h2>Session statistics</h2>${statisticsHtml(m.statistics)}
<h2>Slippage distribution per contract (points vs arrival mid)</h2>${slippage || '<p class="muted">No fills.</p>'}
<h2>Fills (${m.fillCount}${m.fillCount > m.fills.length ? `, first ${m.fills.length} shown` : ''})</h2>
<table><tr><th>Time</th><th>Contract</th><th>Side</th><th>Qty</th><th>Price</th><th>Slippage</th><th>Reason</th></tr>${fills}</table>
<h2>Incidents (${m.incidentCount})</h2>
<table><tr><th>Seq</th><th>Time</th><th>Type</th><th>Detail</th></tr>${incidents}</table>
<h2>Run spec</h2><pre>${esc(c.runSpec ? JSON.stringify(c.runSpec, null, 2) : '(not recorded)')}</pre>
<p class="banner">Simulated. Not investment advice.</p>
</body></html>
`;
}
