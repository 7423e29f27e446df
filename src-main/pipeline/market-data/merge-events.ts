import type { MarketEvent } from '../../../src-shared/market/quote';

/**
 * K-way merge of per-source streams, each already ordered by receiveTs. Ties go to the lower source
 * index, then to the source's own order, so the merged order is stable and reproducible. Holds one
 * pending event per source: memory does not grow with the length of the streams.
 */
export function* mergeByReceiveTs(streams: Iterable<{ receiveTs: number; event: MarketEvent }>[]): Generator<MarketEvent> {
  const iterators = streams.map((s) => s[Symbol.iterator]());
  const heads = iterators.map((it) => it.next());
  for (;;) {
    let best = -1;
    let bestTs = Number.POSITIVE_INFINITY;
    for (let i = 0; i < heads.length; i += 1) {
      const head = heads[i];
      if (head && !head.done && head.value.receiveTs < bestTs) {
        best = i;
        bestTs = head.value.receiveTs;
      }
    }
    if (best < 0) return;
    const head = heads[best] as IteratorYieldResult<{ receiveTs: number; event: MarketEvent }>;
    yield head.value.event;
    heads[best] = (iterators[best] as Iterator<{ receiveTs: number; event: MarketEvent }>).next();
  }
}
