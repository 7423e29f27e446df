import { sessionLogId } from '../../../src-shared/audit/audit-envelope';
import type { JsonObject } from '../../../src-shared/json';
import type { LoggedEvent, SessionEventsPage } from '../../../src-shared/views/view-calls';
import type { AppContext } from '../../app-context';
import { readEventPage } from '../../store/event-queries';
import type { StoredEvent } from '../../store/audit-log';
import { governanceOf } from '../sessions/governance';
import { getSession } from '../sessions/session-service';

/** Parsed from the canonical text the store hashed, never from anything derived from it. */
export function toLoggedEvent(r: StoredEvent): LoggedEvent {
  const e = JSON.parse(r.canonical) as { type: string; ts: string; actor: string; payload: JsonObject };
  return { seq: r.seq, type: e.type, ts: e.ts, actor: e.actor, payload: e.payload };
}

/** Every event of one session log (or those of one type prefix), in seq order; NOT_FOUND for an unknown session. */
export function sessionEvents(ctx: AppContext, sessionId: string, typePrefix?: string): LoggedEvent[] {
  getSession(ctx, sessionId);
  const { store } = governanceOf(ctx);
  const log = sessionLogId(sessionId);
  if (!typePrefix) return [...store.readEvents(log)].map(toLoggedEvent);
  const out: LoggedEvent[] = [];
  const pageSize = 5000;
  let after: number | undefined;
  for (;;) {
    const page = readEventPage(store.db, { log, typePrefix, afterSeq: after, limit: pageSize });
    for (const r of page) out.push(toLoggedEvent(r));
    if (page.length < pageSize) return out;
    after = page[page.length - 1]!.seq;
  }
}

export function sessionEventsPage(
  ctx: AppContext,
  input: { sessionId: string; typePrefix?: string; afterSeq?: number; limit: number },
): SessionEventsPage {
  getSession(ctx, input.sessionId);
  const { store } = governanceOf(ctx);
  const log = sessionLogId(input.sessionId);
  // One extra row tells whether another page follows without a COUNT over the whole log.
  const rows = readEventPage(store.db, { log, typePrefix: input.typePrefix, afterSeq: input.afterSeq, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  const more = rows.length > input.limit;
  return {
    events: page.map(toLoggedEvent),
    nextAfterSeq: more ? page[page.length - 1]!.seq : null,
    logSize: store.size(log),
  };
}
