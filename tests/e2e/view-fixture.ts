import type { PipelineEvent } from '../../src-shared/events/pipeline-event';
import type { LaneConfig } from '../../src-shared/governance/lanes';
import { pipelineEvent } from '../../src-shared/events/catalog';

/**
 * Steps of a short demo session, each event built with the event catalog's constructor, so the
 * compiler holds every payload to the schema the trading core emits (payload values copied from a
 * real `papertape run fixtures/specs/demo-research.yaml` log), for a scripted runner in tests.
 */
export function demoSteps(sessionId: string, fingerprint: string): PipelineEvent[][] {
  const at = (s: string) => `2026-11-30T10:${s}.000Z`;
  const decision = (orderId: string, intent: string, verdict: 'ALLOW' | 'DENY', reason: string | null, bid: number, ask: number) =>
    pipelineEvent('risk.decision', at(orderId === 'O-000001' ? '00:39' : '34:44'), 'risk', {
      order_id: orderId,
      intent_id: intent,
      idempotency_key: `key-${intent}`,
      verdict,
      requested: 1,
      approved: verdict === 'ALLOW' ? 1 : 0,
      reason,
      trading_state: 'ACTIVE',
      quote: { bid, ask, bid_size: 2, ask_size: 2, receive_ts: at(orderId === 'O-000001' ? '00:39' : '34:44'), age_ms: 0 },
      position: 0,
      checks: [
        {
          check: 'liquidity',
          verdict,
          quantity: null,
          reason,
          inputs: { bid, ask, spread: ask - bid, max_spread: 6, min_top_size: 1, top_size: 2 },
        },
      ],
    });
  const order = (orderId: string, intent: string, contract: string, side: 'BUY' | 'SELL', quantity: number, ts: string) =>
    pipelineEvent('oms.order', ts, 'oms', {
      order_id: orderId,
      intent_id: intent,
      idempotency_key: `key-${intent}`,
      contract,
      side,
      quantity,
      requested_quantity: quantity,
      order_type: 'MARKET',
      limit_price: null,
      time_in_force: 'IOC',
      reduce_only: false,
      source: 'strategy:breakout',
    });
  return [
    [
      pipelineEvent('session.started', at('00:00'), 'system', {
        session_id: sessionId,
        name: 'Demo breakout (research lane)',
        lane: 'paper_research',
        owner: 'demo',
        mode: 'paper',
        run_mode: 'backtest',
        speed: 1,
        seed: 20261204,
        spec_hash: 'df3fcfc57a453d670cc61fe6f95cca0a24663e18811d66bbae87b2309343ea7b',
        data_id: 'three-contract-stress-day-2026-12-01',
        data_fingerprint: fingerprint,
        contracts: ['TX 202612', 'MTX 202612', 'TMF 202612'],
        strategy: { kind: 'breakout', id: 'breakout' },
        approvals_required: false,
        code_version: '0.1.0',
      }),
    ],
    [
      decision('O-000001', 'int-1', 'DENY', 'ILLIQUID_QUOTE: spread=10, max_spread=6', 23060, 23070),
      order('O-000001', 'int-1', 'TMF 202612', 'SELL', 1, at('00:39')),
      pipelineEvent('oms.transition', at('00:39'), 'oms', {
        order_id: 'O-000001',
        event: 'RISK_DENY',
        from: 'INITIALIZED',
        to: 'DENIED',
        filled: 0,
        quantity: 1,
        reason: 'ILLIQUID_QUOTE: spread=10, max_spread=6',
      }),
    ],
    [
      decision('O-000002', 'int-2', 'ALLOW', null, 23335, 23337),
      order('O-000002', 'int-2', 'TX 202612', 'BUY', 2, at('34:44')),
      pipelineEvent('oms.transition', at('34:44'), 'oms', {
        order_id: 'O-000002',
        event: 'SUBMIT',
        from: 'INITIALIZED',
        to: 'SUBMITTED',
        filled: 0,
        quantity: 2,
        reason: null,
      }),
      pipelineEvent('broker.ack', at('34:45'), 'broker', { order_id: 'O-000002', arrival_mid: '23336', queue_ahead: null }),
      pipelineEvent('oms.transition', at('34:45'), 'oms', {
        order_id: 'O-000002',
        event: 'ACK',
        from: 'SUBMITTED',
        to: 'ACCEPTED',
        filled: 0,
        quantity: 2,
        reason: null,
      }),
    ],
    [
      pipelineEvent('broker.fill', at('34:46'), 'broker', {
        order_id: 'O-000002',
        fill_id: 'F-000001',
        contract: 'TX 202612',
        side: 'BUY',
        quantity: 2,
        price: 23340,
        liquidity: 'taker',
        arrival_mid: '23336',
        slippage_points: '4',
        slippage_bps: '1.7',
        book_ts: at('34:45'),
        // (12 + 8) x 2 contracts; tax 0.002% of 23340 x 200 = 93.36 -> 93 per contract, half-up -> 186
        exchange_fee_ntd: '24.00',
        clearing_fee_ntd: '16.00',
        commission_ntd: '0.00',
        fees_ntd: '40.00',
        tax_ntd: '186.00',
        tax_rounding: 'per_contract_half_up',
        charges_effective: '2025-11-04',
        trading_day: '2026-11-30',
        reason: 'TAKE_DEPTH: level_price=23340, bound=23345',
        explanation: 'took 2 at 23340 (BUY TX 202612); TAKE_DEPTH: level_price=23340, bound=23345',
      }),
      pipelineEvent('oms.transition', at('34:46'), 'oms', {
        order_id: 'O-000002',
        event: 'FILL_FULL',
        from: 'ACCEPTED',
        to: 'FILLED',
        filled: 2,
        quantity: 2,
        reason: 'TAKE_DEPTH: level_price=23340, bound=23345',
      }),
      pipelineEvent('portfolio.update', at('34:46'), 'portfolio', {
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
      }),
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
