import { z } from 'zod';
import { PinnedFingerprint, pinnedKeyCalls } from './evidence/pinned-key';
import { governanceCalls, governanceEvents } from './governance/governance-calls';
import { viewCalls } from './views/view-calls';
import { auditViewCalls } from './audit-view/audit-verify-call';
import { auditIntegrityCalls, auditIntegrityEvents, KeyExportResult } from './audit-view/audit-integrity-calls';
import { DataInspectInput, DataInspection } from './market/data-inspection';

/**
 * The one IPC contract. Each call: name -> { input, output } schemas; each pushed event: name -> schema.
 * The main-side registry, the preload allow-list, the renderer client and the tests all derive from
 * this object, so a call added here is registered, exposed and fuzzed without further wiring.
 */

/** No-argument calls accept nothing or an empty object, and nothing else. */
const NoInput = z.strictObject({}).optional();

export const TradingMode = z.literal('paper');

export const AppInfo = z.strictObject({
  name: z.literal('Papertape'),
  version: z.string(),
  buildId: z.string(),
  dataDir: z.string(),
  mode: TradingMode,
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const AuditStatus = z.enum(['empty', 'unverified', 'verified', 'failed']);
export type AuditStatus = z.infer<typeof AuditStatus>;

export const AppHealth = z.strictObject({
  store: z.strictObject({
    reachable: z.boolean(),
    path: z.string(),
    schemaVersion: z.number().int().nullable(),
    error: z.string().nullable(),
  }),
  audit: z.strictObject({
    status: AuditStatus,
    detail: z.string(),
  }),
  versions: z.strictObject({
    node: z.string(),
    electron: z.string().nullable(),
    sqlite: z.string().nullable(),
  }),
  checkedAt: z.string(),
  /** Present in the desktop app: how the workstation signing key is protected, and a warning when weakly. */
  signingKey: z
    .strictObject({
      protection: z.enum(['os-keychain', 'user-only-file']),
      warning: z.string().nullable(),
    })
    .optional(),
});
export type AppHealth = z.infer<typeof AppHealth>;

/** Why a native file dialog is shown; the main process derives the allowed extensions from it. */
export const FilePurpose = z.enum([
  'market-data',
  'signals',
  'run-spec',
  'scenario',
  'evidence-bundle',
  'public-key',
  'metrics',
  'report-csv',
]);
export type FilePurpose = z.infer<typeof FilePurpose>;

export const DialogOpenFileInput = z.strictObject({ purpose: FilePurpose });
export const DialogSaveFileInput = z.strictObject({
  purpose: FilePurpose,
  /** A bare file name, never a path: the folder is the user's choice in the dialog. */
  suggestedName: z
    .string()
    .min(1)
    .max(120)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._ -]*$/)
    .optional(),
});
/**
 * Why a native folder dialog is shown. `evidence-export-folder`: where a new bundle folder will be made
 * (the folder may not exist yet); `evidence-bundle-folder`: an existing bundle folder to open.
 */
export const FolderPurpose = z.enum(['evidence-export-folder', 'evidence-bundle-folder']);
export type FolderPurpose = z.infer<typeof FolderPurpose>;
export const DialogChooseFolderInput = z.strictObject({ purpose: FolderPurpose });
/**
 * An opaque grant the main process mints when a native dialog answers. The page sends it back in
 * place of a path; main alone knows which file or folder it stands for and for which purpose.
 */
export const PathToken = z.string().regex(/^grant-[0-9a-f]{32}$/);
export type PathToken = z.infer<typeof PathToken>;
export const DialogResult = z.discriminatedUnion('canceled', [
  z.strictObject({ canceled: z.literal(true), path: z.null() }),
  /** `path` is for display only; calls take `token`. */
  z.strictObject({ canceled: z.literal(false), path: z.string().min(1).max(4096), token: PathToken }),
]);
export type DialogResult = z.infer<typeof DialogResult>;

/** A typed path: main accepts it only inside the data directory (or the shipped fixtures, for reading). */
const RendererPath = z.string().min(1).max(4096);
/** A bare folder name to create inside a granted folder (no separator, no `..`). */
const ChildName = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
/** A file or folder the user chose in a dialog (its grant), or a typed path inside the data directory. */
export const PathRef = z.union([z.strictObject({ token: PathToken }), RendererPath]);
export type PathRef = z.infer<typeof PathRef>;
/** A folder the user chose (optionally a new child inside it), or a typed path inside the data directory. */
export const FolderRef = z.union([z.strictObject({ token: PathToken, child: ChildName.optional() }), RendererPath]);
export type FolderRef = z.infer<typeof FolderRef>;
const EvidenceSessionId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/);
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
export const EvidenceExportInput = z.strictObject({
  sessionId: EvidenceSessionId,
  /** The bundle folder to write (new or empty; the zip goes beside it as `<folder>.zip`). */
  outDir: FolderRef,
  zip: z.boolean().optional(),
  includeData: z.boolean().optional(),
});
export const EvidenceExportResult = z.strictObject({
  dir: z.string(),
  zip: z.string().nullable(),
  size: z.number().int().min(0),
  root: Hex64,
  files: z.array(z.string()),
});
export const EvidenceCheck = z.strictObject({
  check: z.string(),
  status: z.enum(['pass', 'fail', 'warn', 'skip']),
  detail: z.string(),
  seq: z.number().int().min(0).optional(),
});
export const EvidenceOpenResult = z.strictObject({
  verification: z.strictObject({
    ok: z.boolean(),
    bundle: z.string(),
    checks: z.array(EvidenceCheck),
    firstFailure: EvidenceCheck.nullable(),
    keyFingerprint: z.string().nullable(),
    keyPinned: z.boolean(),
  }),
  /** Present only when every check passed: a failing bundle is never shown as if it were sound. */
  summary: z
    .strictObject({
      sessionId: z.string(),
      log: z.string(),
      size: z.number().int().min(0),
      root: z.string(),
      createdAt: z.string(),
      codeVersion: z.string(),
      keyFingerprint: z.string(),
      specName: z.string().nullable(),
      dataIncluded: z.boolean(),
      dataFingerprint: z.string().nullable(),
      firstTs: z.string().nullable(),
      lastTs: z.string().nullable(),
      eventTypes: z.array(z.tuple([z.string(), z.number().int().min(0)])),
      notice: z.string(),
    })
    .nullable(),
});
export const ReplayRunInput = z.union([
  z.strictObject({ sessionId: EvidenceSessionId, dataFile: PathRef.optional() }),
  z.strictObject({ bundlePath: PathRef, dataFile: PathRef.optional() }),
]);
export const ReplayRunResult = z.strictObject({
  status: z.enum(['identical', 'diverged']),
  sessionId: z.string(),
  log: z.string(),
  source: z.enum(['store', 'bundle']),
  original: z.strictObject({ size: z.number().int().min(0), root: Hex64 }),
  replay: z.strictObject({ size: z.number().int().min(0), root: Hex64 }),
  divergence: z.strictObject({ seq: z.number().int().min(0), original: z.string().nullable(), replayed: z.string().nullable() }).nullable(),
  dataFingerprint: z.string(),
  governanceInputs: z.number().int().min(0),
  operatorInputs: z.number().int().min(0),
  operatorUnmatched: z.number().int().min(0),
  /** Approval release points handed back to the core; unmatched ones mean the replay could not place a recorded release. */
  releaseInputs: z.number().int().min(0),
  releaseUnmatched: z.number().int().min(0),
});
export const EvidenceProgress = z.strictObject({
  sessionId: z.string(),
  phase: z.enum(['events', 'snapshot', 'data', 'report', 'sums', 'zip', 'done']),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});

export const contract = {
  calls: {
    'app.info': { input: NoInput, output: AppInfo },
    'app.health': { input: NoInput, output: AppHealth },
    ...governanceCalls,
    ...viewCalls,
    ...auditViewCalls,
    ...auditIntegrityCalls,
    /** Writes the workstation public key (PEM) to a file chosen in a save dialog, or typed inside the data directory. */
    'key.export': { input: z.strictObject({ path: PathRef }), output: KeyExportResult },
    'dialog.openFile': { input: DialogOpenFileInput, output: DialogResult },
    'dialog.saveFile': { input: DialogSaveFileInput, output: DialogResult },
    'dialog.chooseFolder': { input: DialogChooseFolderInput, output: DialogResult },
    'evidence.export': { input: EvidenceExportInput, output: EvidenceExportResult },
    /** `pinned` names a remembered key (evidence.keys) to verify with; without it the bundle's own key is only a hint. */
    'evidence.open': { input: z.strictObject({ path: PathRef, pinned: PinnedFingerprint.optional() }), output: EvidenceOpenResult },
    ...pinnedKeyCalls,
    'replay.run': { input: ReplayRunInput, output: ReplayRunResult },
    'data.inspect': {
      input: z.strictObject({ path: PathRef, holidays: DataInspectInput.shape.holidays }),
      output: DataInspection,
    },
  },
  events: {
    'app.health.changed': AppHealth,
    ...governanceEvents,
    'evidence.progress': EvidenceProgress,
    ...auditIntegrityEvents,
  },
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract['calls'];
export type EventName = keyof Contract['events'];
export type CallInput<N extends CallName> = z.input<Contract['calls'][N]['input']>;
export type CallOutput<N extends CallName> = z.output<Contract['calls'][N]['output']>;
export type EventPayload<E extends EventName> = z.output<Contract['events'][E]>;

export const CALL_NAMES = Object.freeze(Object.keys(contract.calls) as CallName[]);
export const EVENT_NAMES = Object.freeze(Object.keys(contract.events) as EventName[]);

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(contract.calls, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(contract.events, name);
}

/** The shape the preload puts on `window.papertape`, and the e2e harness mimics. */
export interface PapertapeBridge {
  invoke(name: string, input?: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
