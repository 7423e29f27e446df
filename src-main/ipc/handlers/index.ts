import type { Handlers } from '../registry';
import { appHandlers } from './app';
import { dialogHandlers } from './dialogs';
import { evidenceHandlers } from './evidence';
import { governanceHandlers } from './governance';
import { viewHandlers } from './views';

/** Name -> service function, one file per area. The type makes a contract call without a handler a compile error. */
export const handlers: Handlers = {
  ...appHandlers,
  ...dialogHandlers,
  ...governanceHandlers,
  ...viewHandlers,
  ...evidenceHandlers,
};
