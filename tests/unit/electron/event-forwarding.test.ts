import { describe, expect, it } from 'vitest';
import type { WebContents } from 'electron';
import { EVENT_CHANNEL, forwardEvents } from '../../../src-main/electron/ipc';
import { createEventBus } from '../../../src-main/services/events/event-bus';

/** The smallest webContents forwardEvents needs: where it is, and what it was sent. */
function fakeContents(url: string) {
  const sent: unknown[][] = [];
  const wc = { getURL: () => url, isDestroyed: () => false, send: (...args: unknown[]) => void sent.push(args) };
  return { wc: wc as unknown as WebContents, sent };
}

const payload = { sessionId: 'S-20261201-1', phase: 'done', done: 1, total: 1 } as const;

describe('forwardEvents', () => {
  it('pushes events to the app page', () => {
    const bus = createEventBus();
    const page = fakeContents('papertape://app/index.html?recovered=crashed');
    forwardEvents(bus, () => page.wc);
    bus.emit('evidence.progress', payload);
    expect(page.sent).toEqual([[EVENT_CHANNEL, 'evidence.progress', payload]]);
  });

  it.each(['https://evil.example/', 'papertape://app:1/index.html', 'papertape://evil/index.html', 'about:blank', ''])(
    'sends nothing to a window that shows %j',
    (url) => {
      const bus = createEventBus();
      const page = fakeContents(url);
      forwardEvents(bus, () => page.wc);
      bus.emit('evidence.progress', payload);
      expect(page.sent).toEqual([]);
    },
  );
});
