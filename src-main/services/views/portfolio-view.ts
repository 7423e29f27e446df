import { BROKER_FILL } from '../../../src-shared/events/broker-fill';
import { PORTFOLIO_UPDATE, readPortfolioUpdate, type PortfolioUpdate } from '../../../src-shared/events/portfolio-update';
import { parseNtd } from '../../../src-shared/money';
import type { LoggedEvent, PortfolioViewOutput, PositionView } from '../../../src-shared/views/view-calls';
import type { AppContext } from '../../app-context';
import { sessionEvents } from './session-log';

/**
 * The portfolio as the session log last stated it: each contract from its latest `portfolio.update`,
 * the session totals from the latest update overall. Amounts stay integer cents; nothing is estimated.
 * Updates are read with the event catalog's schema; one that is not the core's shape is skipped, not guessed at.
 */
export function foldPortfolio(sessionId: string, events: readonly LoggedEvent[]): PortfolioViewOutput {
  const latest = new Map<string, { e: LoggedEvent; u: PortfolioUpdate }>();
  let last: { e: LoggedEvent; u: PortfolioUpdate } | null = null;
  let fills = 0;
  for (const e of events) {
    if (e.type === BROKER_FILL) fills++;
    if (e.type !== PORTFOLIO_UPDATE) continue;
    const u = readPortfolioUpdate(e.payload);
    if (!u) continue;
    latest.set(u.contract, { e, u });
    last = { e, u };
  }
  const positions: PositionView[] = [...latest.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([contract, { e, u }]) => ({
      contract,
      position: u.position,
      avgPrice: u.avg_price,
      markMid: u.mark_mid,
      realizedCents: u.realizedCents,
      unrealizedCents: u.unrealizedCents,
      feesCents: parseNtd(u.fees_ntd),
      taxCents: parseNtd(u.tax_ntd),
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
            equityCents: last.u.equityCents,
            marginInUseCents: parseNtd(last.u.margin_in_use_ntd),
            realizedCents: sum('realizedCents'),
            unrealizedCents: sum('unrealizedCents'),
            feesCents: sum('feesCents'),
            taxCents: sum('taxCents'),
            txEquivTwentieths: last.u.tx_equiv_twentieths,
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
