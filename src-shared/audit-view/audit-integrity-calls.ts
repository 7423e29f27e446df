import { z } from 'zod';
import { LOG_ID } from './audit-verify-call';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** How many rows either side of the event in question the Audit view may ask for. */
export const MAX_EVENT_RADIUS = 5;

export const AuditEventContextInput = z.strictObject({
  log: z.string().regex(LOG_ID),
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  radius: z.number().int().min(0).max(MAX_EVENT_RADIUS).default(2),
});
export type AuditEventContextInput = z.input<typeof AuditEventContextInput>;

/**
 * One stored row next to a failing event, as the store holds it. `type` and `ts` come from the stored
 * text when it still parses (a tampered text may not); the stored hash is the column, the recomputed one
 * is SHA-256(0x00 || stored text), so a reviewer sees which of the two was changed.
 */
export const AuditEventRow = z.strictObject({
  seq: z.number().int().min(0),
  /** False when the log's recorded size covers this seq but no row is stored (deleted or never written). */
  present: z.boolean(),
  type: z.string().nullable(),
  ts: z.string().nullable(),
  storedHash: z.string().nullable(),
  recomputedHash: Hex64.nullable(),
  hashMatches: z.boolean().nullable(),
  /** The prev_hash inside the stored text, and whether it equals the stored hash of the row before. */
  prevHash: z.string().nullable(),
  chainMatches: z.boolean().nullable(),
});
export type AuditEventRow = z.infer<typeof AuditEventRow>;

export const AuditEventContext = z.strictObject({
  log: z.string(),
  seq: z.number().int().min(0),
  /** The log's recorded size (audit_logs.size), which the view compares with what is stored. */
  recordedSize: z.number().int().min(0),
  rows: z.array(AuditEventRow),
});
export type AuditEventContext = z.infer<typeof AuditEventContext>;

/** Most lists of signed checkpoints are short; a store kept for years is capped, newest first. */
export const MAX_CHECKPOINTS_LISTED = 10_000;

export const AuditCheckpointView = z.strictObject({
  log: z.string(),
  /** Events covered; the last covered seq is size - 1. */
  size: z.number().int().min(0),
  root: Hex64,
  signedAt: z.string(),
  keyName: z.string(),
  keyId: z.string(),
  /** The workstation key's fingerprint when the note names it (key name and id), else null: a foreign key. */
  keyFingerprint: Hex64.nullable(),
  /** The note's Ed25519 signature verifies with the workstation key, for this log's origin, size and root. */
  signatureValid: z.boolean(),
});
export type AuditCheckpointView = z.infer<typeof AuditCheckpointView>;

export const AuditCheckpointsOutput = z.strictObject({
  checkpoints: z.array(AuditCheckpointView),
  total: z.number().int().min(0),
  truncated: z.boolean(),
});
export type AuditCheckpointsOutput = z.infer<typeof AuditCheckpointsOutput>;

export const WorkstationPublicKey = z.strictObject({
  /** Hex SHA-256 of the raw Ed25519 public key, as `papertape key export` prints it. */
  fingerprint: Hex64,
  publicKeyPem: z.string().startsWith('-----BEGIN PUBLIC KEY-----'),
  keyName: z.string(),
  keyId: z.string().regex(/^[0-9a-f]{8}$/),
  /** Every key this store has signed with, oldest first (more than one after `papertape key replace`). */
  history: z.array(
    z.strictObject({
      ordinal: z.number().int().min(1),
      fingerprint: Hex64,
      recordedAt: z.string(),
      reason: z.string(),
      current: z.boolean(),
    }),
  ),
});
export type WorkstationPublicKey = z.infer<typeof WorkstationPublicKey>;

export const KeyExportResult = z.strictObject({ path: z.string(), fingerprint: Hex64, bytes: z.number().int().min(1) });

/** Verification progress pushed while `audit.verify` runs: events read so far over the events the logs hold. */
export const AuditVerifyProgress = z.strictObject({
  log: z.string(),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  phase: z.enum(['logs', 'registry', 'done']),
});
export type AuditVerifyProgress = z.infer<typeof AuditVerifyProgress>;

const NoInput = z.strictObject({}).optional();

/** Spread into the contract's calls: read-only views of the store for the Audit view (`key.export` takes a PathRef: contract.ts). */
export const auditIntegrityCalls = {
  'audit.eventContext': { input: AuditEventContextInput, output: AuditEventContext },
  'audit.checkpoints': { input: z.strictObject({ log: z.string().regex(LOG_ID).optional() }).optional(), output: AuditCheckpointsOutput },
  'key.public': { input: NoInput, output: WorkstationPublicKey },
} as const;

export const auditIntegrityEvents = {
  'audit.progress': AuditVerifyProgress,
} as const;
