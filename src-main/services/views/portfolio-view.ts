import type { JsonObject, JsonValue } from '../../../src-shared/json';
import { parseNtd, type Cents } from '../../../src-shared/money';
import type { LoggedEvent, PortfolioViewOutput, PositionView } from '../../../src-shared/views/view-calls';
import type { AppContext } from '../../app-context';
import { sessionEvents } from './session-log';

function cents(v: JsonValue | undefined): Cents | null {
  if (typeof v !== 'string') return null;
  try {
    return parseNtd(v);
  } catch {
    return null;
  }
}

const decimalText = (v: JsonValue | undefined): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

/**
 * The portfolio as the session log last stated it: each contract from its latest `portfolio.update`,
 * the session totals from the latest update overall. Amounts stay integer cents; nothing is estimated.
 * An update that lacks the trading core's fields (e.g. a drill's snapshot) is skipped, not guessed at.
 */
export function foldPortfolio(sessionId: string, events: readonly LoggedEvent[]): PortfolioViewOutput {
  const latest = new Map<string, { e: LoggedEvent; p: JsonObject }>();
  let last: { e: LoggedEvent; p: JsonObject } | null = null;
  let fills = 0;
  for (const e of events) {
    if (e.type === 'broker.fill') fills++;
    if (e.type !== 'portfolio.update') continue;
    const p = e.payload;
    if (typeof p.contract !== 'string' || typeof p.position !== 'number' || cents(p.equity_ntd) === null) continue;
    latest.set(p.contract, { e, p });
    last = { e, p };
  }
  const positions: PositionView[] = [...latest.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([contract, { e, p }]) => ({
      contract,
      position: p.position as number,
      avgPrice: decimalText(p.avg_price),
      markMid: decimalText(p.mark_mid),
      realizedCents: cents(p.realized_ntd) ?? 0,
      unrealizedCents: cents(p.unrealized_ntd) ?? 0,
      feesCents: cents(p.fees_ntd) ?? 0,
      taxCents: cents(p.tax_ntd) ?? 0,
      asOfSeq: e.seq,
      asOfTs: e.ts,
    }));
  const sum = (k: 'realizedCents' | 'unrealizedCents' | 'feesCents' | 'taxCents') => positions.reduce((acc, p) => acc + p[k], 0);
  return {
    sessionId,
    positions,
    totals:
      last === null
        ? null
        : {
            equityCents: cents(last.p.equity_ntd) ?? 0,
            marginInUseCents: cents(last.p.margin_in_use_ntd) ?? 0,
            realizedCents: sum('realizedCents'),
            unrealizedCents: sum('unrealizedCents'),
            feesCents: sum('feesCents'),
            taxCents: sum('taxCents'),
            txEquivTwentieths: typeof last.p.tx_equiv_twentieths === 'number' ? last.p.tx_equiv_twentieths : 0,
            asOfSeq: last.e.seq,
            asOfTs: last.e.ts,
          },
    fills,
  };
}

export function portfolioView(ctx: AppContext, sessionId: string): PortfolioViewOutput {
  const updates = sessionEvents(ctx, sessionId, 'portfolio.update');
  const fills = sessionEvents(ctx, sessionId, 'broker.fill');
  return foldPortfolio(
    sessionId,
    [...updates, ...fills].sort((a, b) => a.seq - b.seq),
  );
}
