import type { PipelineEvent } from '../../src-shared/events/pipeline-event';
import type { LaneConfig } from '../../src-shared/governance/lanes';

/**
 * Steps shaped exactly like the trading core's events (payload keys copied from a real
 * `papertape run fixtures/specs/demo-research.yaml` log), for a scripted runner in tests.
 */
export function demoSteps(sessionId: string, fingerprint: string): PipelineEvent[][] {
  const at = (s: string) => `2026-11-30T10:${s}.000Z`;
  return [
    [
      {
        type: 'session.started',
        ts: at('00:00'),
        actor: 'system',
        payload: { session_id: sessionId, data_fingerprint: fingerprint, lane: 'paper_research' },
      },
    ],
    [
      {
        type: 'risk.decision',
        ts: at('00:39'),
        actor: 'risk',
        payload: {
          order_id: 'O-000001',
          intent_id: 'int-1',
          verdict: 'DENY',
          approved: 0,
          requested: 1,
          reason: 'ILLIQUID_QUOTE: spread=10, max_spread=6',
        },
      },
      {
        type: 'oms.order',
        ts: at('00:39'),
        actor: 'oms',
        payload: {
          order_id: 'O-000001',
          intent_id: 'int-1',
          contract: 'TMF 202612',
          side: 'SELL',
          quantity: 1,
          order_type: 'MARKET',
          time_in_force: 'IOC',
          limit_price: null,
          source: 'strategy:breakout',
        },
      },
      {
        type: 'oms.transition',
        ts: at('00:39'),
        actor: 'oms',
        payload: {
          order_id: 'O-000001',
          event: 'RISK_DENY',
          from: 'INITIALIZED',
          to: 'DENIED',
          filled: 0,
          quantity: 1,
          reason: 'ILLIQUID_QUOTE: spread=10, max_spread=6',
        },
      },
    ],
    [
      {
        type: 'risk.decision',
        ts: at('34:44'),
        actor: 'risk',
        payload: { order_id: 'O-000002', intent_id: 'int-2', verdict: 'ALLOW', approved: 1, requested: 1, reason: null },
      },
      {
        type: 'oms.order',
        ts: at('34:44'),
        actor: 'oms',
        payload: {
          order_id: 'O-000002',
          intent_id: 'int-2',
          contract: 'TX 202612',
          side: 'BUY',
          quantity: 2,
          order_type: 'MARKET',
          time_in_force: 'IOC',
          limit_price: null,
          source: 'strategy:breakout',
        },
      },
      {
        type: 'oms.transition',
        ts: at('34:44'),
        actor: 'oms',
        payload: { order_id: 'O-000002', event: 'SUBMIT', from: 'INITIALIZED', to: 'SUBMITTED', filled: 0, quantity: 2, reason: null },
      },
      { type: 'broker.ack', ts: at('34:45'), actor: 'broker', payload: { order_id: 'O-000002', arrival_mid: '23336', queue_ahead: null } },
      {
        type: 'oms.transition',
        ts: at('34:45'),
        actor: 'oms',
        payload: { order_id: 'O-000002', event: 'ACK', from: 'SUBMITTED', to: 'ACCEPTED', filled: 0, quantity: 2, reason: null },
      },
    ],
    [
      {
        type: 'broker.fill',
        ts: at('34:46'),
        actor: 'broker',
        payload: {
          order_id: 'O-000002',
          fill_id: 'F-000001',
          contract: 'TX 202612',
          side: 'BUY',
          quantity: 2,
          price: 23340,
          book_ts: at('34:45'),
          // (12 + 8) x 2 contracts; tax 0.002% of 23340 x 200 = 93.36 -> 93 per contract, half-up -> 186
          fees_ntd: '40.00',
          tax_ntd: '186.00',
          reason: 'TAKE_DEPTH: level_price=23340, bound=23345',
          explanation: 'took 2 at 23340 (BUY TX 202612); TAKE_DEPTH: level_price=23340, bound=23345',
        },
      },
      {
        type: 'oms.transition',
        ts: at('34:46'),
        actor: 'oms',
        payload: {
          order_id: 'O-000002',
          event: 'FILL_FULL',
          from: 'ACCEPTED',
          to: 'FILLED',
          filled: 2,
          quantity: 2,
          reason: 'TAKE_DEPTH: level_price=23340, bound=23345',
        },
      },
      {
        type: 'portfolio.update',
        ts: at('34:46'),
        actor: 'portfolio',
        payload: {
          contract: 'TX 202612',
          fill_id: 'F-000001',
          position: 2,
          avg_price: '23340',
          realized_delta_ntd: '0.00',
          realized_ntd: '0.00',
          unrealized_ntd: '-2000.00',
          mark_bid: 23335,
          mark_ask: 23337,
          mark_mid: '23336',
          fees_ntd: '40.00',
          tax_ntd: '186.00',
          equity_ntd: '9997774.00',
          margin_in_use_ntd: '676000.00',
          tx_equiv_twentieths: 40,
        },
      },
    ],
  ];
}

/** A lane someone chose on purpose: small envelope, NT$10,000,000 paper capital. */
export const RESEARCH_LANE_CONFIG: LaneConfig = {
  riskEnvelope: {
    maxPositionContracts: 4,
    maxTxEquivTwentieths: 40,
    maxNotionalPerOrderCents: 1_000_000_000,
    maxOpenOrders: 4,
    maxDailyLossCents: 20_000_000,
    maxDrawdownBps: 500,
    maxQuoteAgeMs: 2000,
  },
  paperCapitalCents: 1_000_000_000,
  promotionCriteria: { minCompletedSessions: 3, minFills: 50, maxDrawdownBps: 500, maxUnresolvedBreaks: 0, maxAbortedSessions: 0 },
};

/**
 * A research lane at least as wide as the small integration spec on every limit, so the lane ceiling leaves
 * the spec as written and a replay from the stored spec reproduces the run.
 */
export const WIDE_RESEARCH_LANE_CONFIG: LaneConfig = {
  riskEnvelope: {
    maxPositionContracts: 3,
    maxTxEquivTwentieths: 40,
    maxNotionalPerOrderCents: 2_500_000_000,
    maxOpenOrders: 10,
    maxDailyLossCents: 50_000_000,
    maxDrawdownBps: 500,
    maxQuoteAgeMs: 3000,
  },
  paperCapitalCents: 1_000_000_000,
  promotionCriteria: { minCompletedSessions: 1, minFills: 1, maxDrawdownBps: 500, maxUnresolvedBreaks: 0, maxAbortedSessions: 0 },
};
