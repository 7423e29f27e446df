import type { JsonObject, JsonValue } from '../../../src-shared/json';
import { parseNtd } from '../../../src-shared/money';
import { maxTxEquivTwentieths, RiskEnvelopeSchema } from '../../../src-shared/risk/envelope';

/** One observed value kept with its exact decimal text, so a percentile is an observation, never a float. */
interface Observed {
  value: number;
  text: string;
}

interface SlippageSamples {
  points: Observed[];
  bps: Observed[];
}

const reasonCode = (reason: unknown): string => String(reason ?? '').split(':')[0] || 'UNKNOWN';

/**
 * Nearest-rank percentile (the smallest observation with at least p% of the sample at or below it):
 * exact, and always one of the recorded slippages.
 */
export function nearestRank(sorted: readonly Observed[], p: number): string | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return (sorted[rank - 1] as Observed).text;
}

function distribution(s: SlippageSamples): JsonObject {
  const sort = (xs: Observed[]) => [...xs].sort((a, b) => a.value - b.value);
  const points = sort(s.points);
  const bps = sort(s.bps);
  return {
    fills: points.length,
    p50_points: nearestRank(points, 50),
    p90_points: nearestRank(points, 90),
    max_points: nearestRank(points, 100),
    p50_bps: nearestRank(bps, 50),
    p90_bps: nearestRank(bps, 90),
    max_bps: nearestRank(bps, 100),
  };
}

/** `used / limit` as a percentage with one decimal, from integers; null when the limit is 0 (no trading). */
function usagePercent(used: number, limit: number): string | null {
  if (limit <= 0) return null;
  const tenths = Math.round((used * 1000) / limit);
  return `${Math.trunc(tenths / 10)}.${tenths % 10}`;
}

/**
 * The statistics a lead needs for a gatecheck decision, as a fold over a session's pipeline events (the
 * runner feeds it what it emits; metrics and reports read the result from `session.completed`):
 * slippage vs arrival mid per contract and per strategy, hit rate of closing fills, risk-envelope usage
 * and breach and denial counts by reason code.
 */
export class SessionStatisticsFold {
  private readonly intentSource = new Map<string, string>();
  private readonly orderSource = new Map<string, string>();
  private readonly byContract = new Map<string, SlippageSamples>();
  private readonly byStrategy = new Map<string, SlippageSamples>();
  private readonly breaches = new Map<string, number>();
  private readonly denials = new Map<string, number>();
  private readonly maxPosition = new Map<string, number>();
  private wins = 0;
  private losses = 0;
  private peakTwentieths = 0;
  private worstLossCents = 0;

  constructor(
    private readonly startEquityCents: number,
    private readonly risk: unknown,
  ) {}

  observe(type: string, p: JsonObject): void {
    switch (type) {
      case 'intent.created': {
        const src = (p.source ?? {}) as JsonObject;
        this.intentSource.set(String(p.intent_id), src.kind === 'strategy' ? `strategy:${String(src.strategy_id)}` : 'operator');
        break;
      }
      case 'oms.order':
        this.orderSource.set(String(p.order_id), this.intentSource.get(String(p.intent_id)) ?? 'unknown');
        break;
      case 'broker.fill': {
        if (typeof p.slippage_points !== 'string' || typeof p.slippage_bps !== 'string') break;
        const add = (m: Map<string, SlippageSamples>, key: string) => {
          const s = m.get(key) ?? { points: [], bps: [] };
          s.points.push({ value: Number(p.slippage_points), text: p.slippage_points as string });
          s.bps.push({ value: Number(p.slippage_bps), text: p.slippage_bps as string });
          m.set(key, s);
        };
        add(this.byContract, String(p.contract));
        add(this.byStrategy, this.orderSource.get(String(p.order_id)) ?? 'unknown');
        break;
      }
      case 'portfolio.update': {
        const realized = parseNtd(String(p.realized_delta_ntd ?? '0'));
        if (realized > 0) this.wins++;
        else if (realized < 0) this.losses++;
        const c = String(p.contract);
        this.maxPosition.set(c, Math.max(this.maxPosition.get(c) ?? 0, Math.abs(Number(p.position))));
        this.peakTwentieths = Math.max(this.peakTwentieths, Number(p.tx_equiv_twentieths ?? 0));
        const equity = parseNtd(String(p.equity_ntd));
        this.worstLossCents = Math.max(this.worstLossCents, this.startEquityCents - equity);
        break;
      }
      case 'risk.breach':
        this.breaches.set(String(p.code), (this.breaches.get(String(p.code)) ?? 0) + 1);
        break;
      case 'risk.decision':
        if (p.verdict !== 'ALLOW') {
          const code = reasonCode(p.reason);
          this.denials.set(code, (this.denials.get(code) ?? 0) + 1);
        }
        break;
    }
  }

  /** `end`: the core's final equity and its drawdown, measured on every mark (fills alone would understate it). */
  result(end: { equityCents: number; maxDrawdownCents: number }): JsonObject {
    const sortedObject = (m: ReadonlyMap<string, JsonValue>): JsonObject =>
      Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const dists = (m: ReadonlyMap<string, SlippageSamples>) => sortedObject(new Map([...m].map(([k, s]) => [k, distribution(s)])));
    const closing = this.wins + this.losses;
    return {
      slippage_by_contract: dists(this.byContract),
      slippage_by_strategy: dists(this.byStrategy),
      hit_rate: {
        closing_fills: closing,
        winning: this.wins,
        losing: this.losses,
        percent: usagePercent(this.wins, closing),
      },
      risk_envelope_usage: this.usage(end),
      breaches_by_code: sortedObject(this.breaches),
      denials_by_code: sortedObject(this.denials),
    };
  }

  /**
   * Peak use of the position, exposure and loss limits. Positions, exposure and daily loss are read at
   * fills and at the end (marks between fills are not events); drawdown is the core's, over every mark.
   */
  private usage(end: { equityCents: number; maxDrawdownCents: number }): JsonObject {
    const parsed = RiskEnvelopeSchema.safeParse(this.risk);
    if (!parsed.success) return {};
    const r = parsed.data;
    const maxPos = Math.max(0, ...this.maxPosition.values());
    const worstLoss = Math.max(this.worstLossCents, this.startEquityCents - end.equityCents);
    // Rounded up, as the drawdown limit compares against the starting equity.
    const drawdownBps = this.startEquityCents > 0 ? Math.ceil((end.maxDrawdownCents * 10_000) / this.startEquityCents) : 0;
    return {
      max_position_per_contract: { peak: maxPos, limit: r.maxPositionPerContract, percent: usagePercent(maxPos, r.maxPositionPerContract) },
      max_tx_equiv_exposure_twentieths: {
        peak: this.peakTwentieths,
        limit: maxTxEquivTwentieths(r),
        percent: usagePercent(this.peakTwentieths, maxTxEquivTwentieths(r)),
      },
      max_daily_loss_cents: {
        peak: worstLoss,
        limit: r.maxDailyLossCents,
        percent: usagePercent(worstLoss, r.maxDailyLossCents),
      },
      max_drawdown_bps: { peak: drawdownBps, limit: r.maxDrawdownBps, percent: usagePercent(drawdownBps, r.maxDrawdownBps) },
    };
  }
}
