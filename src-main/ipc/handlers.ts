import { appHealth, appInfo } from '../services/app/app-service';
import type { Handlers } from './registry';

/** Name -> service function. The type makes a contract call without a handler a compile error. */
export const handlers: Handlers = {
  'app.info': (_input, ctx) => appInfo(ctx),
  'app.health': (_input, ctx) => appHealth(ctx),
};
