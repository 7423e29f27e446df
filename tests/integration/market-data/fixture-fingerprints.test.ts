import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateMarket, GeneratorSpecSchema } from '../../../src-main/pipeline/market-data/generator';

const dir = join(import.meta.dirname, '../../../fixtures/market/generator');
const expected = JSON.parse(readFileSync(join(dir, 'fingerprints.json'), 'utf8')) as Record<string, string>;

describe('committed generator fixtures', () => {
  it('cover TX, MTX, TMF and a three-contract day', () => {
    expect(Object.keys(expected).sort()).toEqual(['mtx-day.json', 'three-contract-day.json', 'tmf-day.json', 'tx-day.json']);
  });

  // If a generator change is intended, run `npx tsx fixtures/market/update-fingerprints.ts` and commit the result.
  it.each(Object.keys(expected))('%s regenerates to its committed fingerprint', (name) => {
    const spec = GeneratorSpecSchema.parse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
    const ds = generateMarket(spec);
    expect(ds.fingerprint).toBe(expected[name]);
    let regular = 0;
    let afterHours = 0;
    for (const e of ds.events()) {
      const session = e.kind === 'quote' ? e.quote.session : e.trade.session;
      if (session === 'regular') regular += 1;
      else afterHours += 1;
    }
    expect(regular).toBeGreaterThan(10_000);
    expect(afterHours).toBeGreaterThan(regular);
  });
});
