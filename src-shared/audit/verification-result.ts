/**
 * The checks verification runs, by stable name. A failure names one of these, the log and the first
 * failing seq, so a reviewer knows where to look.
 */
export const VERIFICATION_CHECKS = [
  'event.profile', // stored text is not strict-profile canonical JSON of a valid envelope
  'event.hash', // stored event_hash differs from SHA-256(0x00 || stored bytes)
  'event.seq', // seq gap, duplicate, reorder, or envelope seq differs from the row
  'event.log', // envelope names another log or session (a foreign event)
  'event.chain', // prev_hash differs from the previous event's hash
  'checkpoint.root', // the Merkle root of the first N events differs from a signed checkpoint
  'checkpoint.signature', // a checkpoint note is malformed or its signature does not verify with the workstation key
  'checkpoint.truncated', // a signed checkpoint covers more events than the log holds (truncation or rollback)
  'verified.rollback', // the log is shorter than, or differs from, what an earlier verification saw
  'registry.session_missing', // the registry recorded a checkpoint of a session log that is gone
  'registry.session_replaced', // a session log no longer matches the checkpoint the registry recorded
  'registry.session_unknown', // a session log (or sessions row) the registry never created
  'registry.session_extended', // a finished session's log holds events past the last seal the registry recorded
  'registry.key_unrecorded', // the signing keys held differ from the ones the registry recorded (created, replaced)
] as const;
export type VerificationCheck = (typeof VERIFICATION_CHECKS)[number];

export interface VerificationFailure {
  check: VerificationCheck;
  log: string;
  /** The first failing seq (for truncation: the first missing seq); null when no single event is at fault. */
  seq: number | null;
  detail: string;
}

export interface LogVerification {
  log: string;
  ok: boolean;
  /** Events read in this run (fewer than size for incremental verification). */
  eventsChecked: number;
  size: number;
  checkpointsChecked: number;
  /** Hex Merkle root of the whole log as verified. */
  root: string;
  failure: VerificationFailure | null;
}

export interface VerificationReport {
  ok: boolean;
  mode: 'full' | 'incremental';
  logs: LogVerification[];
  /** Registry-against-sessions findings (and the first failure of any log). */
  failures: VerificationFailure[];
  eventsChecked: number;
  /** Signed checkpoints seen before (the witness file, `--last-checkpoint`) the store was compared with. */
  seenCheckpointsChecked: number;
}
