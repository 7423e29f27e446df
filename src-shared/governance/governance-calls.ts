import { z } from 'zod';
import { ApprovalDecideInput, ApprovalsChanged, ApprovalsListInput, ApprovalView } from './approval-view';
import { IncidentResolveInput, IncidentResolveOutput, IncidentsChanged, IncidentsListInput, IncidentView } from './incident-view';
import { LaneConfigureInput, LaneView } from './lane-view';
import { OperatorActionView, OperatorHaltInput, OperatorOrderInput, OperatorResumeInput } from './operator-action';
import {
  LaneFunnelInput,
  LaneFunnelOutput,
  PromotionDecideInput,
  PromotionEvaluateInput,
  PromotionEvaluateOutput,
  PromotionRequestInput,
  PromotionsListInput,
  PromotionView,
} from './promotion-view';
import {
  SessionActionInput,
  SessionCreateInput,
  SessionDetail,
  SessionRef,
  SessionsChanged,
  SessionsListInput,
  SessionStopInput,
  SessionTagInput,
  SessionView,
} from './session-view';

const NoInput = z.strictObject({}).optional();

/**
 * The registry and governance calls, spread into `contract.calls`. Every name a person types
 * (owner, reviewer, operator) is local attribution, not authentication: outputs carry `attribution: 'local'`.
 */
export const governanceCalls = {
  'sessions.list': { input: SessionsListInput, output: z.array(SessionView) },
  'sessions.get': { input: SessionRef, output: SessionDetail },
  'sessions.create': { input: SessionCreateInput, output: SessionView },
  'sessions.start': { input: SessionActionInput, output: SessionView },
  'sessions.pause': { input: SessionActionInput, output: SessionView },
  'sessions.resume': { input: SessionActionInput, output: SessionView },
  'sessions.stop': { input: SessionStopInput, output: SessionView },
  'sessions.tag': { input: SessionTagInput, output: SessionView },
  'lanes.list': { input: NoInput, output: z.array(LaneView) },
  'lanes.configure': { input: LaneConfigureInput, output: LaneView },
  'lanes.funnel': { input: LaneFunnelInput, output: LaneFunnelOutput },
  'approvals.list': { input: ApprovalsListInput, output: z.array(ApprovalView) },
  'approvals.decide': { input: ApprovalDecideInput, output: ApprovalView },
  'promotions.list': { input: PromotionsListInput, output: z.array(PromotionView) },
  'promotions.evaluate': { input: PromotionEvaluateInput, output: PromotionEvaluateOutput },
  'promotions.request': { input: PromotionRequestInput, output: PromotionView },
  'promotions.decide': { input: PromotionDecideInput, output: PromotionView },
  'operator.halt': { input: OperatorHaltInput, output: OperatorActionView },
  'operator.resume': { input: OperatorResumeInput, output: OperatorActionView },
  'operator.order': { input: OperatorOrderInput, output: OperatorActionView },
  'incidents.list': { input: IncidentsListInput, output: z.array(IncidentView) },
  'incidents.resolve': { input: IncidentResolveInput, output: IncidentResolveOutput },
} as const;

export const governanceEvents = {
  'sessions.changed': SessionsChanged,
  'approvals.changed': ApprovalsChanged,
  'incidents.changed': IncidentsChanged,
} as const;
