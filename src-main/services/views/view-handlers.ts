import type { viewCalls } from '../../../src-shared/views/view-calls';
import type { Handler } from '../../ipc/registry';
import { listFixtureSpecs } from './fixture-specs';
import { runJob } from '../jobs/job-runner-port';
import { orderTimelines } from './order-timelines';
import { portfolioView } from './portfolio-view';
import { sessionEventsPage } from './session-log';

type ViewCallName = keyof typeof viewCalls;

/** The read-only view handlers; spread into `src-main/ipc/handlers.ts`. */
export const viewHandlers: { [N in ViewCallName]: Handler<N> } = {
  'specs.fixtures': () => listFixtureSpecs(),
  'sessions.events': (input, ctx) => sessionEventsPage(ctx, input),
  'orders.timeline': (input, ctx) => orderTimelines(ctx, input.sessionId),
  'portfolio.view': (input, ctx) => portfolioView(ctx, input.sessionId),
  // Rebuilding a chart replays the data set: a worker's job in the desktop app.
  'market.series': (input, ctx) => runJob(ctx, 'market-series', input),
};
