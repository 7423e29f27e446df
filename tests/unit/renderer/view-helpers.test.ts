import { describe, expect, it } from 'vitest';
import { exchangeTime, ntd, txEquivalent } from '../../../src-renderer/src/format';
import { dueStage } from '../../../src-renderer/src/views/ApprovalsView';
import { parseSpecJson } from '../../../src-renderer/src/views/CreateSessionForm';
import { actionsFor } from '../../../src-renderer/src/views/SessionsView';
import { foldPortfolio } from '../../../src-main/services/views/portfolio-view';

describe('view helpers', () => {
  it('formats NT$ from integer cents with thousands separators', () => {
    expect(ntd(1_000_000_000)).toBe('NT$10,000,000.00');
    expect(ntd(-200_050)).toBe('-NT$2,000.50');
  });

  it('shows TX-equivalent exposure exactly from twentieths', () => {
    expect(txEquivalent(1)).toBe('0.05');
    expect(txEquivalent(5)).toBe('0.25');
    expect(txEquivalent(40)).toBe('2.00');
    expect(txEquivalent(-3)).toBe('-0.15');
  });

  it('shows logged UTC times in Asia/Taipei', () => {
    expect(exchangeTime('2026-12-16T00:45:00.000Z', 'en-US')).toBe('12/16/2026, 08:45:00');
    expect(exchangeTime(null, 'en-US')).toBe('—');
  });

  it('offers only the lifecycle buttons the status allows', () => {
    expect(actionsFor('scheduled')).toEqual(['start', 'stop']);
    expect(actionsFor('running')).toEqual(['pause', 'stop']);
    expect(actionsFor('paused')).toEqual(['resume', 'stop']);
    expect(actionsFor('completed')).toEqual([]);
    expect(actionsFor('aborted')).toEqual([]);
  });

  it('asks the research review before the risk review', () => {
    expect(dueStage('pending_research')).toBe('research');
    expect(dueStage('pending_risk')).toBe('risk');
    expect(dueStage('released')).toBeNull();
  });

  it('refuses pasted specs that are not a JSON object, with the contract error code', () => {
    expect(parseSpecJson('{"version":1}')).toEqual({ version: 1 });
    expect(() => parseSpecJson('[1]')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => parseSpecJson('{oops')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('says there is no portfolio when the log holds no trading-core update, rather than inventing one', () => {
    const drillSnapshot = { seq: 3, type: 'portfolio.update', ts: 't', actor: 'portfolio', payload: { positions: [], equityCents: 1 } };
    expect(foldPortfolio('S-20261216-1', [drillSnapshot])).toEqual({ sessionId: 'S-20261216-1', positions: [], totals: null, fills: 0 });
  });
});

describe('the e2e scripted session states real charges', () => {
  it('its fill tax and fees are what the fee rules give', async () => {
    const { transactionTaxCents } = await import('../../../src-shared/fees/fees');
    const { centsToDecimal } = await import('../../../src-shared/money');
    const { demoSteps } = await import('../../e2e/view-fixture');
    const fill = demoSteps('S-20261130-1', 'f'.repeat(64))
      .flat()
      .find((e) => e.type === 'broker.fill');
    expect(fill).toBeDefined();
    const p = fill!.payload as { price: number; quantity: number; tax_ntd: string; fees_ntd: string };
    expect(p.tax_ntd).toBe(centsToDecimal(transactionTaxCents('TX', p.price, p.quantity, 'per_contract_half_up')));
    expect(p.fees_ntd).toBe(centsToDecimal((1200 + 800) * p.quantity));
  });
});
