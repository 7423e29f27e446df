import type { IpcMain, WebContents } from 'electron';
import { CALL_NAMES } from '../../src-shared/contract';
import type { EventBus } from '../ipc/event-bus';
import type { Registry } from '../ipc/registry';

export const EVENT_CHANNEL = 'papertape:event';

/** One handler per contract call; the registry does sender checks, parsing and envelopes. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, registry: Registry): void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(name, (event, input: unknown) => registry.dispatch(name, input, { url: event.senderFrame?.url }));
  }
}

export function forwardEvents(bus: EventBus, target: () => WebContents | null): () => void {
  return bus.subscribe((event, payload) => {
    const wc = target();
    if (wc && !wc.isDestroyed()) wc.send(EVENT_CHANNEL, event, payload);
  });
}
