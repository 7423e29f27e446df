import { describe, expect, it } from 'vitest';
import { readBrokerFill } from '../../../src-shared/events/broker-fill';
import { readPortfolioUpdate } from '../../../src-shared/events/portfolio-update';
import { fillEvent, positionUpdate } from '../../../src-main/services/drills/scripted-runner';

describe('event catalog: portfolio.update and broker.fill', () => {
  it('reads what the constructors build, amounts as exact cents', () => {
    const u = readPortfolioUpdate(positionUpdate('TX 202612', -2, 1_000_012_345, 'F-1').payload);
    expect(u).toMatchObject({ contract: 'TX 202612', position: -2, equityCents: 1_000_012_345, equity_ntd: '10000123.45' });
    expect(readBrokerFill(fillEvent('MTX 202612', 'SELL', 3, 23001, 'F-2').payload)).toMatchObject({
      side: 'SELL',
      quantity: 3,
      price: 23001,
    });
  });

  it('refuses shapes the core never writes: old snapshots, floats, extra or missing fields', () => {
    const good = positionUpdate('TX 202612', 1, 100, 'F-1').payload;
    expect(readPortfolioUpdate({ positions: [{ contract: 'TX 202612', quantity: 1 }], equityCents: 100 })).toBeNull();
    expect(readPortfolioUpdate({ ...good, position: 1.5 })).toBeNull();
    expect(readPortfolioUpdate({ ...good, equity_ntd: '100.5' })).toBeNull();
    expect(readPortfolioUpdate({ ...good, extra: 1 })).toBeNull();
    const { equity_ntd: _gone, ...missing } = good;
    expect(readPortfolioUpdate(missing)).toBeNull();
    const fill = fillEvent('TX 202612', 'BUY', 1, 23000, 'F-1').payload;
    expect(readBrokerFill({ ...fill, side: 'buy' })).toBeNull();
    expect(readBrokerFill({ ...fill, quantity: 0 })).toBeNull();
    expect(readBrokerFill({ fillId: 'F-1', contract: 'TX 202612', side: 'BUY', quantity: 1, price: 23000 })).toBeNull();
  });
});
