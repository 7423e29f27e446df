import { REGISTRY_LOG } from '../../../src-shared/audit/audit-envelope';
import { ServiceError } from '../../../src-shared/envelope';
import { isoMillis } from '../../../src-shared/events/pipeline-event';
import { GOV_EVENT } from '../../../src-shared/governance/governance-event-types';
import {
  assertGovernanceEvent,
  governanceEvent,
  KEY_REASON_FIRST_USE,
  KEY_REASON_PREDATES,
  type GovernancePayload,
} from '../../../src-shared/events/governance-catalog';
import type { AppContext } from '../../app-context';
import { openAuditStore } from '../../store/audit-log';
import { appendKeyRecord, keyHistory, verifyingKeysOf, type RecordedKey } from '../../store/signing-key/key-history';
import { keyDirOf, newReplacementKey, storedOrigin } from '../../store/workstation-audit';
import { witnessPathOf } from '../../store/registry-witness';
import type { Governance } from '../sessions/governance';

/** What `key history` shows: each key with what the registry recorded of it. */
export interface KeyHistoryView {
  keyName: string;
  keys: Array<RecordedKey & { current: boolean }>;
}

/**
 * The first time a writable store is opened for governance its key is recorded: the public key in
 * workstation_keys and `workstation.key_created` in the registry, in one transaction. Without that
 * record a lost key would leave every checkpoint it signed unverifiable.
 */
export function recordKeyIfUnrecorded(gov: Governance): void {
  const { db, store } = gov;
  if (db.readonly || keyHistory(db).length > 0) return;
  db.transaction(() => {
    // Another process may have recorded it between the check and this write lock.
    if (keyHistory(db).length > 0) return;
    const reason = store.size(REGISTRY_LOG) === 0 ? KEY_REASON_FIRST_USE : KEY_REASON_PREDATES;
    const rec = appendKeyRecord(db, store.key, gov.now(), reason);
    gov.record(REGISTRY_LOG, null, [governanceEvent(GOV_EVENT.keyCreated, 'workstation', keyPayload(rec))]);
  }).immediate();
}

/**
 * `papertape key replace`: a new key for a store whose key is lost, with who and why. The new key is
 * stored first, then its record and `workstation.key_replaced` commit together, then the registry is
 * signed with it (and the witness updated). The store's origin stays: it names the workstation, and
 * every checkpoint the old key signed still verifies with the recorded old public key.
 */
export function replaceLostKey(
  ctx: AppContext,
  input: { by: string; reason: string },
): { previous: RecordedKey; current: RecordedKey; adopted: boolean } {
  const db = ctx.db();
  if (db.readonly) throw new ServiceError('REFUSED', 'The store is read-only; a key cannot be replaced on it.');
  const { key, previous, adopted } = newReplacementKey(db, ctx.signingKeyStore);
  const origin = storedOrigin(db)!;
  const store = openAuditStore(db, {
    keyDir: keyDirOf(ctx.dataDir),
    origin,
    clock: () => ctx.clock().getTime(),
    keyStore: ctx.signingKeyStore,
    key,
    verifyingKeys: [...verifyingKeysOf(keyHistory(db)), key],
    witnessFile: witnessPathOf(ctx.dataDir),
  });
  const at = isoMillis(ctx.clock().getTime());
  let current: RecordedKey | null = null;
  db.transaction(() => {
    current = appendKeyRecord(db, key, at, input.reason);
    const e = governanceEvent(GOV_EVENT.keyReplaced, `operator:${input.by}`, {
      ...keyPayload(current),
      previousFingerprint: previous.fingerprint,
    });
    store.append(REGISTRY_LOG, null, [{ ...assertGovernanceEvent(e), ts: at }]);
  }).immediate();
  store.checkpoint(REGISTRY_LOG);
  return { previous, current: current!, adopted };
}

export function keyHistoryView(ctx: AppContext): KeyHistoryView {
  const db = ctx.db();
  const history = keyHistory(db);
  const last = history.at(-1)?.ordinal;
  return { keyName: storedOrigin(db) ?? '', keys: history.map((k) => ({ ...k, current: k.ordinal === last })) };
}

function keyPayload(rec: RecordedKey): GovernancePayload<typeof GOV_EVENT.keyCreated> {
  return { ordinal: rec.ordinal, fingerprint: rec.fingerprint, publicKeyPem: rec.publicKeyPem, reason: rec.reason };
}
