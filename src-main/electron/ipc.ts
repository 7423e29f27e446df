import type { IpcMain, WebContents } from 'electron';
import { isOriginUrl } from '../../src-shared/app-origin';
import { CALL_NAMES } from '../../src-shared/contract';
import type { EventBus } from '../services/events/event-bus';
import type { Registry } from '../ipc/registry';

export const EVENT_CHANNEL = 'papertape:event';

/** One handler per contract call; the registry does sender checks, parsing and envelopes. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, registry: Registry): void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(name, (event, input: unknown) =>
      registry.dispatch(name, input, { url: event.senderFrame?.url, topLevel: !event.senderFrame?.parent }),
    );
  }
}

/**
 * Pushed events go only to a page the sender check would accept: the same origin predicate, asked
 * of the window's current URL, so a page that somehow left the app never hears the app's events.
 */
export function forwardEvents(bus: EventBus, target: () => WebContents | null): () => void {
  return bus.subscribe((event, payload) => {
    const wc = target();
    if (wc && !wc.isDestroyed() && isOriginUrl(wc.getURL())) wc.send(EVENT_CHANNEL, event, payload);
  });
}
