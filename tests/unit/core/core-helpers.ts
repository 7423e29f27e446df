import type { Quote } from '../../../src-shared/market/quote';
import type { PaperOrderIntent } from '../../../src-shared/orders/intent';
import type { TradingCoreConfigInput } from '../../../src-main/pipeline/core/config';

export const CONTRACT = 'TX 202701';
/** 2026-12-10 09:00 Asia/Taipei: inside the regular session of TX 202701. */
export const T0 = Date.parse('2026-12-10T01:00:00.000Z');

export function baseConfig(over: Partial<TradingCoreConfigInput> = {}): TradingCoreConfigInput {
  return {
    mode: 'paper',
    sessionId: 'test',
    startEquityCents: 1_000_000_000,
    contracts: [{ contract: CONTRACT, prevSettlement: 23000 }],
    risk: {
      maxOrderQuantity: 10,
      maxQuoteAgeMs: 60_000,
      maxSpreadPoints: 20,
      minTopSize: 1,
      maxNotionalPerOrderCents: 50_000_000_000,
      maxPositionPerContract: 20,
      maxTxEquivExposure: '20',
      maxOpenOrders: 50,
      maxSubmitsPerWindow: 1000,
      submitWindowMs: 1000,
      maxDailyLossCents: 900_000_000,
      maxDrawdownBps: 9000,
      volatilityMoveBps: 5000,
      volatilityWindowMs: 1000,
      feedLossMs: 3_600_000,
    },
    fillModel: { marketProtectionPoints: 5 },
    ...over,
  };
}

export function quote(atMs: number, bid: number, ask: number, size = 5, depth = 3): Quote {
  const bids = Array.from({ length: depth }, (_, i) => ({ price: bid - i, size }));
  const asks = Array.from({ length: depth }, (_, i) => ({ price: ask + i, size }));
  return {
    contract: CONTRACT,
    bid,
    bidSize: size,
    ask,
    askSize: size,
    last: null,
    lastSize: 0,
    exchangeTs: atMs,
    receiveTs: atMs,
    session: 'regular',
    bids,
    asks,
    regime: 'normal',
  };
}

let n = 0;
export function intent(
  over: Partial<PaperOrderIntent> & Pick<PaperOrderIntent, 'side' | 'quantity' | 'orderType'>,
  atMs: number,
): PaperOrderIntent {
  n += 1;
  return {
    intentId: `I-${n}`,
    idempotencyKey: `k-${n}`,
    sessionId: 'test',
    source: { kind: 'operator', operator: 'tester', actionId: `a-${n}` },
    contract: CONTRACT,
    timeInForce: 'ROD',
    reduceOnly: false,
    createdTs: atMs,
    ...over,
  };
}
