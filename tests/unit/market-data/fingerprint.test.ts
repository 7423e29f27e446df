import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../../src-shared/market/quote';
import { canonicalLines, fingerprintEvents } from '../../../src-main/pipeline/market-data/fingerprint';

const trade: MarketEvent = {
  kind: 'trade',
  trade: {
    contract: 'TX 202612',
    price: 23150,
    size: 2,
    exchangeTs: 1796101500000,
    receiveTs: 1796101500020,
    session: 'regular',
    auction: false,
  },
};
const quote: MarketEvent = {
  kind: 'quote',
  quote: {
    contract: 'TX 202612',
    bid: 23150,
    bidSize: 3,
    ask: 23151,
    askSize: 4,
    last: 23150,
    lastSize: 2,
    exchangeTs: 1796101500000,
    receiveTs: 1796101500020,
    session: 'regular',
    bids: [{ price: 23150, size: 3 }],
    asks: [{ price: 23151, size: 4 }],
    regime: 'normal',
  },
};

describe('fingerprintEvents', () => {
  it('is SHA-256 over RFC 8785 lines joined by LF, one per event', () => {
    const expectedText =
      '{"kind":"trade","trade":{"auction":false,"contract":"TX 202612","exchangeTs":1796101500000,"price":23150,"receiveTs":1796101500020,"session":"regular","size":2}}\n';
    expect([...canonicalLines([trade])].join('')).toBe(expectedText);
    expect(fingerprintEvents([trade])).toBe(createHash('sha256').update(expectedText).digest('hex'));
  });

  it('does not depend on key insertion order but does on event order and content', () => {
    const reordered = JSON.parse(JSON.stringify({ trade: { ...trade.trade, price: 23150 }, kind: 'trade' })) as MarketEvent;
    expect(fingerprintEvents([reordered, quote])).toBe(fingerprintEvents([trade, quote]));
    expect(fingerprintEvents([quote, trade])).not.toBe(fingerprintEvents([trade, quote]));
    expect(fingerprintEvents([trade, { ...quote, quote: { ...quote.quote, askSize: 5 } }])).not.toBe(fingerprintEvents([trade, quote]));
  });

  it('of no events is the hash of the empty string (pinned)', () => {
    expect(fingerprintEvents([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
