import { z } from 'zod';
import type { JsonObject } from '../json';
import { checkCatalogued, readCatalogued, type CatalogCheck } from './catalog-check';
import { SESSION_CHECKPOINT_EVENT } from '../audit/audit-envelope';
import { ApprovalStatus, ReviewOutcome, ReviewStage } from '../governance/approval-rules';
import { GOV_EVENT } from '../governance/governance-event-types';
import { IncidentKind } from '../governance/incident-view';
import { LaneConfig, LaneId } from '../governance/lanes';
import { ManualOrder } from '../governance/operator-action';
import { SessionAction, SessionStatus } from '../governance/session-lifecycle';

/**
 * The catalog of what governance writes: the registry log (sessions, lanes, promotions, key records,
 * session seals, acknowledged findings) and its records in session logs (approvals, operator requests,
 * reconciliation, incidents). One strict schema per type, as the pipeline's catalog is for the
 * runner's events: `Governance.record` takes only what `governanceEvent` built and checks it again
 * before it is appended, and the projection and the registry index read with the same schemas.
 */

const id = z.string().min(1);
const json = z.record(z.string(), z.json());
const attribution = z.literal('local');
/** A session day as session ids carry it: YYYYMMDD (UTC). */
const SESSION_DAY = /^\d{8}$/;

/** The event that records a finding someone chose to go on past (services/verification/finding-acknowledgement.ts). */
export const FINDING_ACKNOWLEDGED_EVENT = 'audit.finding_acknowledged';
/** A key a reviewer chose to trust for opening bundles, and its forgetting (services/evidence/pinned-keys.ts). */
export const KEY_PINNED_EVENT = 'evidence.key_pinned';
export const KEY_FORGOTTEN_EVENT = 'evidence.key_forgotten';

/** The workstation's own reasons for `workstation.key_created` (a replacement carries a person's words instead). */
export const KEY_REASON_FIRST_USE = 'first use: created with this data directory';
export const KEY_REASON_PREDATES = 'recorded on first open after key records began; the store signed with it before';

const KeyRecord = {
  ordinal: z.int().min(1),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  publicKeyPem: z.string().startsWith('-----BEGIN PUBLIC KEY-----'),
  reason: z.string().min(1),
};

export const GOVERNANCE_EVENTS = {
  [GOV_EVENT.sessionCreated]: z.strictObject({
    sessionId: id,
    day: z.string().regex(SESSION_DAY),
    dayNo: z.int().min(1),
    lane: LaneId,
    owner: id,
    specHash: z.string().regex(/^[0-9a-f]{64}$/),
    spec: json,
    strategyId: id.nullable(),
    dataFingerprints: z.array(z.string()),
    codeVersion: id,
    requiresApproval: z.boolean(),
    log: id,
  }),
  [GOV_EVENT.sessionTransitioned]: z.strictObject({
    sessionId: id,
    from: SessionStatus,
    to: SessionStatus,
    action: SessionAction,
    reason: z.string().nullable(),
  }),
  [GOV_EVENT.sessionMetrics]: z.strictObject({
    sessionId: id,
    metrics: z.strictObject({
      events: z.int().min(0),
      fills: z.int().min(0),
      orders: z.int().min(0),
      peakEquityCents: z.int(),
      troughEquityCents: z.int(),
      lastEquityCents: z.int().nullable(),
    }),
  }),
  [GOV_EVENT.sessionTagged]: z.strictObject({
    sessionId: id,
    tag: z.enum(['promotion_evidence', 'ignored', 'none']),
    by: id,
    reason: z.string().min(1),
    attribution,
  }),
  [GOV_EVENT.laneConfigured]: z.strictObject({ lane: LaneId, config: LaneConfig, actor: id, reason: z.string().min(1) }),
  [GOV_EVENT.promotionRequested]: z.strictObject({
    promotionId: id,
    strategyId: id,
    fromLane: LaneId,
    toLane: LaneId,
    requestedBy: id,
    reason: z.string().min(1),
    evaluation: json,
    attribution,
  }),
  [GOV_EVENT.promotionDecided]: z.strictObject({
    promotionId: id,
    strategyId: id,
    reviewer: id,
    decision: z.enum(['approved', 'rejected']),
    reason: z.string().min(1),
    evaluation: json,
    attribution,
  }),
  [GOV_EVENT.approvalQueued]: z.strictObject({ approvalId: id, sessionId: id, status: ApprovalStatus, intent: json }),
  [GOV_EVENT.approvalDecided]: z.strictObject({
    approvalId: id,
    sessionId: id,
    stage: ReviewStage,
    reviewer: id,
    outcome: ReviewOutcome,
    reason: z.string().min(1),
    status: ApprovalStatus,
    attribution,
  }),
  [GOV_EVENT.operatorRequested]: z.strictObject({
    actionId: id,
    sessionId: id,
    kind: z.enum(['halt', 'resume', 'order']),
    operator: id,
    reason: z.string().min(1),
    delivered: z.boolean(),
    attribution,
    order: ManualOrder.optional(),
  }),
  [GOV_EVENT.reconciliationChecked]: z.strictObject({
    sessionId: id,
    snapshotFound: z.boolean(),
    fromFills: z.record(z.string(), z.int()),
    fromSnapshot: z.record(z.string(), z.int()),
    breaks: z.int().min(0),
  }),
  [GOV_EVENT.reconciliationBreak]: z.strictObject({
    breakId: id,
    sessionId: id,
    contract: id,
    fromFills: z.int(),
    fromSnapshot: z.int(),
  }),
  [GOV_EVENT.incidentOpened]: z.strictObject({ incidentId: id, sessionId: id, kind: IncidentKind, detail: z.string() }),
  [GOV_EVENT.incidentResolved]: z.strictObject({ incidentId: id, sessionId: id, actor: id, reason: z.string().min(1), attribution }),
  [GOV_EVENT.keyCreated]: z.strictObject(KeyRecord),
  [GOV_EVENT.keyReplaced]: z.strictObject({ ...KeyRecord, previousFingerprint: z.string().regex(/^[0-9a-f]{64}$/) }),
  [SESSION_CHECKPOINT_EVENT]: z.strictObject({ session_id: id, log: id, size: z.int().min(0), root: id, note: id }),
  [KEY_PINNED_EVENT]: z.strictObject({
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    label: z.string().min(1),
    publicKeyPem: z.string().startsWith('-----BEGIN PUBLIC KEY-----'),
    by: id,
  }),
  [KEY_FORGOTTEN_EVENT]: z.strictObject({ fingerprint: z.string().regex(/^[0-9a-f]{64}$/), by: id, reason: z.string().min(1) }),
  [FINDING_ACKNOWLEDGED_EVENT]: z.strictObject({
    check: z.string().nullable(),
    log: z.string().nullable(),
    seq: z.int().nullable(),
    verifiedAt: id,
    by: id,
    reason: z.string().min(1),
  }),
} as const;

export type GovernanceEventType = keyof typeof GOVERNANCE_EVENTS;
export type GovernancePayload<T extends GovernanceEventType> = z.input<(typeof GOVERNANCE_EVENTS)[T]>;
export type GovernanceRecord<T extends GovernanceEventType> = z.output<(typeof GOVERNANCE_EVENTS)[T]>;

export const GOVERNANCE_EVENT_TYPES = Object.keys(GOVERNANCE_EVENTS).sort() as GovernanceEventType[];

export function isGovernanceEventType(type: string): type is GovernanceEventType {
  return Object.hasOwn(GOVERNANCE_EVENTS, type);
}

/** What governance appends: a catalogued type, who did it, and a payload of that type's shape. */
export interface GovernanceEvent {
  type: GovernanceEventType;
  actor: string;
  payload: JsonObject;
}

/** The one way governance builds an event: the type names its schema, the payload must be its shape. */
export function governanceEvent<T extends GovernanceEventType>(type: T, actor: string, payload: GovernancePayload<T>): GovernanceEvent {
  return { type, actor, payload: payload as JsonObject };
}

/** A governance payload checked against the catalog: the parsed payload, or the first problem found. */
export function parseGovernanceEvent(type: string, payload: unknown): CatalogCheck {
  return checkCatalogued(GOVERNANCE_EVENTS, 'governance catalog', type, payload);
}

/** Refuses (a bug, not input) an event whose payload a cast let past its constructor, before it is signed into a log. */
export function assertGovernanceEvent(e: GovernanceEvent): GovernanceEvent {
  const r = parseGovernanceEvent(e.type, e.payload);
  if (!r.ok) throw new Error(`GOVERNANCE_EVENT_INVALID: ${r.problem}`);
  return e;
}

/** The payload of a logged governance event, typed by its schema; null when it is not that shape. */
export function readGovernancePayload<T extends GovernanceEventType>(type: T, payload: unknown): GovernanceRecord<T> | null {
  return readCatalogued(GOVERNANCE_EVENTS[type], payload) as GovernanceRecord<T> | null;
}
