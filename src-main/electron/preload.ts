import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES, EVENT_NAMES, type PapertapeBridge } from '../../src-shared/contract';

// The frozen allow-lists come from the contract itself; ipcRenderer never reaches the page.
const calls: ReadonlySet<string> = new Set(CALL_NAMES);
const events: ReadonlySet<string> = new Set(EVENT_NAMES);
const EVENT_CHANNEL = 'papertape:event';

const bridge: PapertapeBridge = Object.freeze({
  invoke(name: string, input?: unknown) {
    if (typeof name !== 'string' || !calls.has(name)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_CALL', message: `No call named ${String(name).slice(0, 80)} in the contract.` },
      });
    }
    return ipcRenderer.invoke(name, input);
  },
  on(event: string, listener: (payload: unknown) => void) {
    if (!events.has(event) || typeof listener !== 'function') return () => undefined;
    const wrapped = (_e: unknown, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('papertape', bridge);
