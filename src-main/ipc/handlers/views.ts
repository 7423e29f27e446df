import type { viewCalls } from '../../../src-shared/views/view-calls';
import type { Handler } from '../registry';
import { listFixtureSpecs } from '../../services/views/fixture-specs';
import { runJob } from '../../services/jobs/job-runner-port';
import { orderTimelines } from '../../services/views/order-timelines';
import { portfolioView } from '../../services/views/portfolio-view';
import { sessionEventsPage } from '../../services/views/session-log';

type ViewCallName = keyof typeof viewCalls;

/** The read-only view handlers; spread into `src-main/ipc/handlers/index.ts`. */
export const viewHandlers: { [N in ViewCallName]: Handler<N> } = {
  'specs.fixtures': () => listFixtureSpecs(),
  'sessions.events': (input, ctx) => sessionEventsPage(ctx, input),
  'orders.timeline': (input, ctx) => orderTimelines(ctx, input.sessionId),
  'portfolio.view': (input, ctx) => portfolioView(ctx, input.sessionId),
  // Rebuilding a chart replays the data set: a worker's job in the desktop app.
  'market.series': (input, ctx) => runJob(ctx, 'market-series', input),
};
