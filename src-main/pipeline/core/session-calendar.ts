import { dailyPriceLimits, exchangeDateTime, sessionAt, type SessionWindow } from '../../../src-shared/instruments/calendar';
import { parseContractRef } from '../../../src-shared/instruments/contract-codes';
import type { Root } from '../../../src-shared/instruments/instruments';
import type { TradingCoreConfig } from './config';

export interface ContractInfo {
  contract: string;
  root: Root;
  band: { lower: number; upper: number };
  /** The calendar's answer for this contract and how long it holds (see SessionCalendar.calendarSession). */
  session: SessionWindow | null;
  sessionFrom: number;
  sessionUntil: number;
}

/**
 * The session's contracts and the exchange calendar as the core sees it: which session is open for a
 * contract now, which trading day a time belongs to, and that nothing opens again after the session ended.
 */
export class SessionCalendar {
  private readonly byContract = new Map<string, ContractInfo>();
  /** The same entries in configuration order, for per-step loops that should not build an iterator. */
  readonly list: ContractInfo[] = [];
  private endedMs: number | null = null;

  constructor(private readonly cfg: TradingCoreConfig) {
    for (const c of cfg.contracts) {
      const info: ContractInfo = {
        contract: c.contract,
        root: parseContractRef(c.contract).root,
        band: dailyPriceLimits(c.prevSettlement),
        session: null,
        sessionFrom: 0,
        sessionUntil: 0,
      };
      // A repeated contract keeps its first position and its last settings, as the Map does.
      const at = this.list.findIndex((x) => x.contract === c.contract);
      if (at < 0) this.list.push(info);
      else this.list[at] = info;
      this.byContract.set(c.contract, info);
    }
  }

  info(contract: string): ContractInfo | undefined {
    return this.byContract.get(contract);
  }

  has(contract: string): boolean {
    return this.byContract.has(contract);
  }

  endAt(nowMs: number): void {
    this.endedMs = nowMs;
  }

  session(contract: string, nowMs: number): SessionWindow | null {
    const info = this.byContract.get(contract);
    return info === undefined ? null : this.sessionOf(info, nowMs);
  }

  sessionOf(info: ContractInfo, nowMs: number): SessionWindow | null {
    const w = this.calendarSession(info, nowMs);
    if (w === null) return null;
    if (this.endedMs !== null && w.opensAt <= this.endedMs) return null;
    return w;
  }

  tradingDay(atMs: number): string {
    for (const c of this.list) {
      const w = this.calendarSession(c, atMs);
      if (w !== null) return w.tradingDay;
    }
    return exchangeDateTime(atMs).date;
  }

  /**
   * The calendar is pure but not cheap; sessions open and close on whole minutes, so an answer holds
   * for the rest of its window (open) or of its minute (closed).
   */
  private calendarSession(info: ContractInfo, nowMs: number): SessionWindow | null {
    if (nowMs >= info.sessionFrom && nowMs < info.sessionUntil) return info.session;
    const window = sessionAt(nowMs, info.contract, this.cfg.holidays);
    const minuteStart = nowMs - (((nowMs % 60_000) + 60_000) % 60_000);
    info.session = window;
    info.sessionFrom = window === null ? minuteStart : window.opensAt;
    info.sessionUntil = window === null ? minuteStart + 60_000 : window.closesAt;
    return window;
  }
}
