/**
 * The checks a bundle verification reports, in the order they are listed. The CLI, verify.py and
 * verify.sh use these same names so their outputs can be compared line by line.
 */
export const BUNDLE_CHECKS = [
  'bundle.safety', // no symlinks, sub-folders, odd names, oversized or too many files (and zip guards)
  'bundle.layout', // required files present; nothing unlisted or stray (-wal, -shm)
  'manifest', // manifest.json is UTF-8 canonical JSON of a supported format
  'key.pinned', // which key the signatures were checked with; a bundled key is only a hint
  'sums.signature', // SHA256SUMS.sig is a valid Ed25519 signature of SHA256SUMS by the key
  'sums.files', // every listed file has the listed SHA-256
  'checkpoint.signature', // checkpoint.note carries a valid signature line by the key
  'checkpoint.body', // the note's origin, size and root agree with the manifest
  'events.encoding', // LF only, no BOM, no CR, valid UTF-8, ends with LF, line length capped
  'events.profile', // each line is strict-profile RFC 8785 JSON of a valid envelope
  'events.seq', // seq runs 0, 1, 2, ... with no gap, duplicate or reorder
  'events.log', // each event belongs to this session's log (no foreign event)
  'events.chain', // prev_hash is the hash of the previous line's bytes
  'events.size', // the file holds exactly as many events as the signed checkpoint covers
  'events.root', // the RFC 6962 root of the events equals the signed root
  'snapshot.events', // the SQLite snapshot holds the same event bytes, in the same order
  'previous.checkpoint', // an earlier checkpoint (--last-checkpoint) is a prefix: no rollback, no fork
] as const;
import { ServiceError } from '../../../src-shared/envelope';
export type BundleCheck = (typeof BUNDLE_CHECKS)[number];

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface CheckResult {
  check: BundleCheck;
  status: CheckStatus;
  detail: string;
  /** The first failing seq, when one event is at fault. */
  seq?: number;
}

export interface BundleVerification {
  ok: boolean;
  bundle: string;
  checks: CheckResult[];
  /** The first failing check, for one-line summaries. */
  firstFailure: CheckResult | null;
  /** What the bundle says about itself (null when the manifest is unreadable). */
  log: string | null;
  size: number | null;
  root: string | null;
  keyFingerprint: string | null;
  keyPinned: boolean;
}

/** Usage or I/O trouble (exit 2): the bundle could not be looked at, as opposed to a finding about it. */
export class BundleUsageError extends ServiceError {
  constructor(message: string) {
    super('IO_ERROR', message);
    this.name = 'BundleUsageError';
  }
}
