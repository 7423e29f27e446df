/**
 * The evidence bundle's file names and limits. The layout is flat (no sub-folders) so that the
 * shell script, the Python script and a reviewer by hand all see the same short list.
 */
export const BUNDLE_FORMAT = 'papertape-evidence-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

export const BUNDLE_FILES = {
  manifest: 'manifest.json',
  events: 'events.jsonl',
  snapshot: 'session.sqlite',
  checkpoint: 'checkpoint.note',
  data: 'replay-data.jsonl',
  report: 'report.html',
  publicKey: 'public-key.pem',
  verifySh: 'verify.sh',
  verifyPy: 'verify.py',
  sums: 'SHA256SUMS',
  sumsSig: 'SHA256SUMS.sig',
} as const;

/** Files every bundle must hold; replay-data.jsonl is absent when the user excluded the data. */
export const REQUIRED_FILES: readonly string[] = [
  BUNDLE_FILES.manifest,
  BUNDLE_FILES.events,
  BUNDLE_FILES.snapshot,
  BUNDLE_FILES.checkpoint,
  BUNDLE_FILES.report,
  BUNDLE_FILES.publicKey,
  BUNDLE_FILES.verifySh,
  BUNDLE_FILES.verifyPy,
  BUNDLE_FILES.sums,
  BUNDLE_FILES.sumsSig,
];

/** Names a bundle file may have: plain, portable, no path separators, no leading dot. */
export const SAFE_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Caps that make a hostile bundle a refusal, not an outage. Generous for real sessions. */
export const BUNDLE_LIMITS = {
  maxFiles: 32,
  /** Per file, uncompressed. */
  maxFileBytes: 8 * 1024 ** 3,
  /** All files together, uncompressed. */
  maxTotalBytes: 16 * 1024 ** 3,
  /** Largest uncompressed/compressed ratio a zip entry may have (deflated JSONL rarely passes 20). */
  maxZipRatio: 200,
  /** Entries this small are not judged by ratio (a tiny file can compress very well). */
  ratioFloorBytes: 1024 * 1024,
  /** One event line; a step's events are small, so a huge line is a hostile or broken file. */
  maxLineBytes: 1024 * 1024,
  /** Small text files (manifest, note, sums, key) are read whole; they must stay small. */
  maxSmallFileBytes: 16 * 1024 * 1024,
} as const;
