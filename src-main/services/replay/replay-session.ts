import { withReleasedIntents } from '../session-execution/approval-gate';
import { RecordedOperatorInbox } from './replay-inbox';
import { RecordedReleases } from './replay-releases';
import { runPipeline, type ReplayInputs } from './replay-run';
import { ReplaySink, type Divergence } from './replay-sink';
import { loadReplay, type LoadOptions, type ReplaySource } from './replay-source';
import type { BundleVerification } from '../evidence/bundle-checks';

export interface ReplayReport {
  status: 'identical' | 'diverged';
  sessionId: string;
  log: string;
  source: 'store' | 'bundle';
  original: { size: number; root: string };
  replay: { size: number; root: string };
  /** The first seq whose canonical bytes differ, with both events' exact text; null when identical. */
  divergence: Divergence | null;
  dataFingerprint: string;
  /** Governance events (approvals, operator records, reconciliation, incidents) copied from the record as inputs. */
  governanceInputs: number;
  /** Recorded operator items (applied actions, refused files) handed back to the runner, and how many never came due. */
  operatorInputs: number;
  operatorUnmatched: number;
  /** Recorded approval releases handed back to the core, and how many never came due. */
  releaseInputs: number;
  releaseUnmatched: number;
  verification: BundleVerification | null;
}

/** The replay proper on inputs already gathered: the same envelope code, a fresh frontier, a streaming compare. */
export async function replayInputs(r: ReplayInputs, verification: BundleVerification | null = null): Promise<ReplayReport> {
  // The original is read a second time, in step with the replay, never held in memory.
  const original = r.recorded.events()[Symbol.iterator]();
  const sink = new ReplaySink(r.log, r.sessionId, r.inputs.governance, original);
  let inbox: RecordedOperatorInbox | null = null;
  const releases = new RecordedReleases(r.inputs.releases, () => sink.nextRunnerSeq());
  await runPipeline(r, {
    spec: r.spec,
    sink,
    ...(r.inputs.releases.length > 0 ? { wrapCore: (core) => withReleasedIntents(core, r.sessionId, releases.next) } : {}),
    inbox: (clock) => (inbox = new RecordedOperatorInbox(r.inputs.operator, clock, () => sink.nextRunnerSeq())),
  });
  const fin = sink.finish();
  const identical = sink.divergence === null && fin.root === r.inputs.root && fin.size === r.inputs.size;
  return {
    status: identical ? 'identical' : 'diverged',
    sessionId: r.sessionId,
    log: r.log,
    source: r.source,
    original: { size: r.inputs.size, root: r.inputs.root },
    replay: { size: fin.size, root: fin.root },
    divergence: sink.divergence,
    dataFingerprint: r.data.fingerprint,
    governanceInputs: r.inputs.governance.size,
    operatorInputs: r.inputs.operator.length,
    operatorUnmatched: (inbox as RecordedOperatorInbox | null)?.unmatched ?? r.inputs.operator.length,
    releaseInputs: r.inputs.releases.length,
    releaseUnmatched: releases.unmatched,
    verification,
  };
}

/**
 * Re-runs a session from its recorded spec, data and operator actions and compares the Merkle root of
 * the rebuilt log with the original. Throws ReplayRefused / BundleNotVerified when it cannot start.
 */
export async function replaySession(src: ReplaySource, opts: LoadOptions = {}): Promise<ReplayReport> {
  const loaded = loadReplay(src, opts);
  try {
    return await replayInputs(loaded.inputs, loaded.verification);
  } finally {
    loaded.cleanup();
  }
}
