import { z } from 'zod';
import { REGISTRY_LOG, SESSION_LOG_PREFIX } from '../audit/audit-envelope';
import { VERIFICATION_CHECKS } from '../audit/verification-result';

/** `registry` or `session/<id>`: the only log names the store holds. */
export const LOG_ID = new RegExp(`^(${REGISTRY_LOG}|${SESSION_LOG_PREFIX}[A-Za-z0-9][A-Za-z0-9._-]{0,127})$`);

export const AuditVerifyInput = z.strictObject({ logId: z.string().regex(LOG_ID).optional() }).optional();
export type AuditVerifyInput = z.infer<typeof AuditVerifyInput>;

export const VerificationCheckName = z.enum(VERIFICATION_CHECKS);

export const AuditVerifyFailure = z.strictObject({
  check: VerificationCheckName,
  log: z.string(),
  /** The first failing seq; null when no single event is at fault. */
  seq: z.number().int().min(0).nullable(),
  detail: z.string(),
});
export type AuditVerifyFailure = z.infer<typeof AuditVerifyFailure>;

export const AuditVerifyLog = z.strictObject({
  log: z.string(),
  ok: z.boolean(),
  eventsChecked: z.number().int().min(0),
  size: z.number().int().min(0),
  checkpointsChecked: z.number().int().min(0),
  root: z.string(),
  failure: AuditVerifyFailure.nullable(),
});
export type AuditVerifyLog = z.infer<typeof AuditVerifyLog>;

/**
 * One line per named check: `skip` when this run could not exercise it (registry checks need every log;
 * the rollback check needs an earlier verified state, i.e. an incremental run).
 */
export const AuditVerifyCheck = z.strictObject({
  check: VerificationCheckName,
  status: z.enum(['pass', 'fail', 'skip']),
  failures: z.number().int().min(0),
  firstFailure: AuditVerifyFailure.nullable(),
});
export type AuditVerifyCheck = z.infer<typeof AuditVerifyCheck>;

export const AuditVerifyReport = z.strictObject({
  ok: z.boolean(),
  mode: z.enum(['full', 'incremental']),
  logId: z.string().nullable(),
  logs: z.array(AuditVerifyLog),
  checks: z.array(AuditVerifyCheck),
  failures: z.array(AuditVerifyFailure),
  firstFailure: AuditVerifyFailure.nullable(),
  totals: z.strictObject({
    logs: z.number().int().min(0),
    logsOk: z.number().int().min(0),
    logsFailed: z.number().int().min(0),
    events: z.number().int().min(0),
    checkpoints: z.number().int().min(0),
  }),
  verifiedAt: z.string(),
});
export type AuditVerifyReport = z.infer<typeof AuditVerifyReport>;

/** Spread into the contract's calls. */
export const auditViewCalls = {
  'audit.verify': { input: AuditVerifyInput, output: AuditVerifyReport },
} as const;
