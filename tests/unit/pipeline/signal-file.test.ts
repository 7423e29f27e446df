import { describe, expect, it } from 'vitest';
import { parseSignalCsv, parseSignalJsonl, SignalFileError, splitCsvLine } from '../../../src-main/pipeline/strategies/signal-file';
import { SignalFileStrategy } from '../../../src-main/pipeline/strategies/signal-file-strategy';
import fs from 'node:fs';
import { quoteAt, T0 } from './market-helpers';

const HEADER = 'ts,signal_id,contract,direction,quantity,strength,reason';

function refusal(fn: () => unknown): { line: number; reason: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof SignalFileError) return { line: err.line, reason: err.reason, message: err.message };
    throw err;
  }
  throw new Error('expected a SignalFileError');
}

describe('signal CSV', () => {
  it('parses rows, quoted reasons and optional columns', () => {
    const rows = parseSignalCsv(
      `${HEADER},order_type,limit_price\n2026-12-01T01:00:01.000Z,r1,TX 202612,buy,2,800,"momentum, strong",LIMIT,22000\n2026-12-01T01:00:02Z,r2,TX 202612,target,0,0,flat,,\n`,
      'sig.csv',
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      line: 2,
      tsMs: T0 + 1000,
      signalId: 'r1',
      contract: 'TX 202612',
      direction: 'buy',
      quantity: 2,
      strength: 800,
      reason: 'momentum, strong',
      orderType: 'LIMIT',
      limitPrice: 22000,
    });
    expect(rows[1]).toMatchObject({ direction: 'target', quantity: 0, line: 3 });
    expect('orderType' in rows[1]!).toBe(false);
  });

  it.each([
    ['bad header', 'ts,signal_id\n', 1, 'missing column(s): contract, direction, quantity, strength, reason'],
    ['unknown column', `${HEADER},colour\n`, 1, 'unknown column "colour"'],
    ['cell count', `${HEADER}\n2026-12-01T01:00:01Z,r1,TX 202612,buy,2,800\n`, 2, 'expected 7 cells, got 6'],
    ['non-integer quantity', `${HEADER}\n2026-12-01T01:00:01Z,r1,TX 202612,buy,1.5,800,x\n`, 2, 'quantity: expected an integer'],
    ['strength range', `${HEADER}\n2026-12-01T01:00:01Z,r1,TX 202612,buy,1,1001,x\n`, 2, 'strength: expected an integer 0..1000'],
    ['direction', `${HEADER}\n2026-12-01T01:00:01Z,r1,TX 202612,hold,1,1,x\n`, 2, 'direction: expected buy, sell or target'],
    ['contract', `${HEADER}\n2026-12-01T01:00:01Z,r1,TXF,buy,1,1,x\n`, 2, 'contract: expected a dated contract such as "TX 202612"'],
    [
      'local time',
      `${HEADER}\n2026-12-01 09:00:01,r1,TX 202612,buy,1,1,x\n`,
      2,
      'ts: expected RFC 3339 UTC such as 2026-12-16T01:00:00.000Z',
    ],
    ['zero buy', `${HEADER}\n2026-12-01T01:00:01Z,r1,TX 202612,buy,0,1,x\n`, 2, 'quantity: buy and sell need at least 1'],
    [
      'out of order',
      `${HEADER}\n2026-12-01T01:00:02Z,r1,TX 202612,buy,1,1,x\n2026-12-01T01:00:01Z,r2,TX 202612,buy,1,1,x\n`,
      3,
      'ts earlier than the previous row (rows must be in time order)',
    ],
    [
      'duplicate id',
      `${HEADER}\n2026-12-01T01:00:01Z,r1,TX 202612,buy,1,1,x\n2026-12-01T01:00:02Z,r1,TX 202612,buy,1,1,x\n`,
      3,
      'duplicate signal_id "r1"',
    ],
    ['quoting', `${HEADER}\n2026-12-01T01:00:01Z,r1,TX 202612,buy,1,1,"x\n`, 2, 'malformed quoting'],
  ])('refuses %s with file, line and reason', (_name, text, line, reason) => {
    const r = refusal(() => parseSignalCsv(text, 'sig.csv'));
    expect(r).toEqual({ line, reason, message: `sig.csv:${line}: ${reason}` });
  });

  it('splits RFC 4180 cells', () => {
    expect(splitCsvLine('a,"b ""c"", d",')).toEqual(['a', 'b "c", d', '']);
    expect(splitCsvLine('a"b')).toBeNull();
  });
});

describe('signal JSONL', () => {
  it('parses objects and refuses unknown keys and bad JSON by line', () => {
    const ok = parseSignalJsonl(
      '{"ts":"2026-12-01T01:00:01.000Z","signal_id":"j1","contract":"MTX 202612","direction":"sell","quantity":1,"strength":10,"reason":"r"}\n\n',
      'sig.jsonl',
    );
    expect(ok[0]).toMatchObject({ signalId: 'j1', direction: 'sell', line: 1 });
    const unknown = refusal(() =>
      parseSignalJsonl(
        '{"ts":"2026-12-01T01:00:01.000Z","signal_id":"j1","contract":"MTX 202612","direction":"sell","quantity":1,"strength":10,"reason":"r","venue":"x"}',
        'sig.jsonl',
      ),
    );
    expect(unknown).toMatchObject({ line: 1, reason: 'unknown column(s): venue' });
    expect(refusal(() => parseSignalJsonl('\n{"ts":', 'sig.jsonl')).line).toBe(2);
    expect(refusal(() => parseSignalJsonl('[1]', 'sig.jsonl')).reason).toBe('expected a JSON object');
    expect(refusal(() => parseSignalJsonl('{"ts":"2026-12-01T01:00:01Z"}', 'sig.jsonl')).reason).toContain('signal_id: required');
  });
});

describe('sample signal files', () => {
  it('the CSV and JSONL fixtures hold the same signals', () => {
    const csv = parseSignalCsv(fs.readFileSync('fixtures/signals/sample-signals.csv', 'utf8'), 'sample-signals.csv');
    const jsonl = parseSignalJsonl(fs.readFileSync('fixtures/signals/sample-signals.jsonl', 'utf8'), 'sample-signals.jsonl');
    const strip = (rows: typeof csv) => rows.map(({ line: _line, ...rest }) => rest);
    expect(csv).toHaveLength(5);
    expect(strip(jsonl)).toEqual(strip(csv));
    expect(csv[4]).toMatchObject({ orderType: 'LIMIT', limitPrice: 23000, timeInForce: 'ROD' });
  });
});

describe('SignalFileStrategy', () => {
  it('fires each row at the first event at or after its time', () => {
    const rows = parseSignalCsv(
      `${HEADER}\n2026-12-01T01:00:01.000Z,r1,TX 202612,buy,1,1,a\n2026-12-01T01:00:01.000Z,r2,TX 202612,sell,1,1,b\n2026-12-01T01:00:05Z,r3,TX 202612,target,0,0,c\n`,
      's.csv',
    );
    const s = new SignalFileStrategy('file', rows, 's.csv', new Set(['TX 202612']));
    const at = (i: number) => s.onMarket(quoteAt(i, 100), T0 + i * 1000);
    expect(at(0)).toEqual([]);
    const fired = at(2);
    expect(fired.map((x) => [x.signalId, x.ts, x.seenQuoteTs])).toEqual([
      ['r1', T0 + 2000, T0 + 2000],
      ['r2', T0 + 2000, T0 + 2000],
    ]);
    expect(at(4)).toEqual([]);
    expect(at(5).map((x) => x.signalId)).toEqual(['r3']);
  });

  it('refuses a row for a contract outside the run spec', () => {
    const rows = parseSignalCsv(`${HEADER}\n2026-12-01T01:00:01Z,r1,TMF 202612,buy,1,1,a\n`, 's.csv');
    const r = refusal(() => new SignalFileStrategy('file', rows, 's.csv', new Set(['TX 202612'])));
    expect(r).toMatchObject({ line: 2, reason: `contract "TMF 202612" is not in the run spec's contracts` });
  });
});
