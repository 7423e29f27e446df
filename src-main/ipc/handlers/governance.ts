import type { governanceCalls } from '../../../src-shared/governance/governance-calls';
import type { Handler } from '../registry';
import { resolveSpecPaths } from '../spec-paths';
import { decideApproval, listApprovals } from '../../services/approvals/approval-service';
import { configureLane, listLanes } from '../../services/lanes/lane-service';
import { haltSession, manualOrder, resumeTrading } from '../../services/operator/operator-service';
import {
  decidePromotion,
  evaluatePromotionFor,
  laneFunnel,
  listPromotions,
  requestPromotion,
} from '../../services/promotion/promotion-service';
import { listIncidents, resolveIncident } from '../../services/sessions/incidents';
import { pauseSession, resumeSession, startSession, stopSession } from '../../services/sessions/session-runs';
import { createSession, getSession, listSessions, tagSession } from '../../services/sessions/session-service';

type GovernanceCallName = keyof typeof governanceCalls;

/** The registry and governance handlers; spread into `src-main/ipc/handlers/index.ts`. */
export const governanceHandlers: { [N in GovernanceCallName]: Handler<N> } = {
  'sessions.list': (input, ctx) => listSessions(ctx, input ?? {}),
  'sessions.get': (input, ctx) => getSession(ctx, input.sessionId),
  'sessions.create': (input, ctx) => createSession(ctx, { ...input, spec: resolveSpecPaths(ctx, input.spec) }),
  'sessions.start': (input, ctx) => startSession(ctx, input.sessionId, input.actor),
  'sessions.pause': (input, ctx) => pauseSession(ctx, input.sessionId, input.actor, input.reason ?? null),
  'sessions.resume': (input, ctx) => resumeSession(ctx, input.sessionId, input.actor, input.reason ?? null),
  'sessions.stop': (input, ctx) => stopSession(ctx, input.sessionId, input.actor, input.reason),
  'sessions.tag': (input, ctx) => tagSession(ctx, input),
  'lanes.list': (_input, ctx) => listLanes(ctx),
  'lanes.configure': (input, ctx) => configureLane(ctx, input),
  'lanes.funnel': (input, ctx) => laneFunnel(ctx, input.lane),
  'approvals.list': (input, ctx) => listApprovals(ctx, input ?? {}),
  'approvals.decide': (input, ctx) => decideApproval(ctx, input),
  'promotions.list': (input, ctx) => listPromotions(ctx, input ?? {}),
  'promotions.evaluate': (input, ctx) => evaluatePromotionFor(ctx, input),
  'promotions.request': (input, ctx) => requestPromotion(ctx, input),
  'promotions.decide': (input, ctx) => decidePromotion(ctx, input),
  'operator.halt': (input, ctx) => haltSession(ctx, input),
  'operator.resume': (input, ctx) => resumeTrading(ctx, input),
  'operator.order': (input, ctx) => manualOrder(ctx, input),
  'incidents.list': (input, ctx) => listIncidents(ctx, input ?? {}),
  'incidents.resolve': (input, ctx) => resolveIncident(ctx, input),
};
