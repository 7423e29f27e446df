import { Alert, Group, Paper, Progress, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput, EventPayload, FolderRef, PathToken } from '../../../src-shared/contract';
import type { SessionView } from '../../../src-shared/governance/session-view';
import { PathField } from '../components/PathField';
import { SessionPicker } from '../components/SessionPicker';
import { ViewTitle } from '../components/ViewTitle';
import { ActionControls } from '../components/ActionControls';
import { useAction } from '../hooks/use-action';
import { useEvent } from '../hooks/use-call';
import { invoke } from '../ipc/client';
import { isAbsolutePath } from './absolute-path';
import { NO_PATH, pathRefOf, type PathChoice } from './path-choice';
import { exportPercent } from './export-progress';
import { PinnedKeysPanel } from './PinnedKeysPanel';
import { BundleVerification, ForeignBundleSummary, SummaryRow } from './OpenedBundle';

type ExportResult = CallOutput<'evidence.export'>;
type OpenResult = CallOutput<'evidence.open'>;
type ProgressEvent = EventPayload<'evidence.progress'>;

/**
 * Where the export goes: a path typed by hand, or a folder chosen in the dialog, inside which a new
 * `bundle-<session>` folder is proposed (and follows the session picker until the user edits it).
 */
export type ExportTarget = { kind: 'typed'; path: string } | { kind: 'chosen'; parent: string; token: PathToken; child?: string };

/** `<chosen>/bundle-<sessionId>`, with the chosen path's own separator; `evidence.export` creates it. */
export function proposedBundleFolder(chosen: string, sessionId: string | null, child?: string): string {
  const sep = chosen.includes('\\') && !chosen.includes('/') ? '\\' : '/';
  return `${chosen.replace(/[\\/]+$/, '')}${sep}${child ?? `bundle-${sessionId ?? 'session'}`}`;
}

export function exportFolder(target: ExportTarget, sessionId: string | null): string {
  return target.kind === 'typed' ? target.path : proposedBundleFolder(target.parent, sessionId, target.child);
}

const CHILD_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;

/**
 * Editing the field: renaming the proposed folder inside the chosen one keeps the grant (with the
 * new name); any other text is a typed path.
 */
export function editedTarget(target: ExportTarget, text: string): ExportTarget {
  if (target.kind === 'chosen') {
    const prefix = proposedBundleFolder(target.parent, null, '');
    const child = text.startsWith(prefix) ? text.slice(prefix.length) : '';
    if (CHILD_NAME.test(child)) return { ...target, child };
  }
  return { kind: 'typed', path: text };
}

/** What `evidence.export` receives: the chosen folder's grant with the new child's name, or the typed path. */
export function exportFolderRef(target: ExportTarget, sessionId: string): FolderRef | null {
  if (target.kind === 'chosen') return { token: target.token, child: target.child ?? `bundle-${sessionId}` };
  const p = target.path.trim();
  return isAbsolutePath(p) ? p : null;
}

/** The archive `evidence.export` writes with the zip switch: `<folder>.zip` beside the folder (export-bundle.ts). */
export function zipBesideFolder(folder: string): string | null {
  const f = folder.trim().replace(/[\\/]+$/, '');
  return f ? `${f}.zip` : null;
}

interface Props {
  sessions: SessionView[] | undefined;
  sessionId: string | null;
  onSessionChange: (id: string | null) => void;
}

export function EvidenceView({ sessions, sessionId, onSessionChange }: Props) {
  return (
    <Stack gap="md" aria-labelledby="view-title-evidence">
      <ViewTitle view="evidence" />
      <ExportPanel sessions={sessions} sessionId={sessionId} onSessionChange={onSessionChange} />
      <OpenPanel />
    </Stack>
  );
}

function ExportPanel({ sessions, sessionId, onSessionChange }: Props) {
  const { t, i18n } = useTranslation();
  const [target, setTarget] = useState<ExportTarget>({ kind: 'typed', path: '' });
  const outDir = exportFolder(target, sessionId);
  const [zip, setZip] = useState(false);
  const zipPath = zip ? zipBesideFolder(outDir) : null;
  const [includeData, setIncludeData] = useState(true);
  const exportAction = useAction<ExportResult>();
  const { busy, result } = exportAction;
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  // Progress is pushed for whichever export runs; only the one this panel started moves the bar.
  const exporting = useRef<string | null>(null);
  useEvent('evidence.progress', (p) => {
    if (p.sessionId === exporting.current) setProgress(p);
  });

  const run = () => {
    const ref = sessionId ? exportFolderRef(target, sessionId) : null;
    if (!sessionId || !ref) {
      exportAction.refuse(t('evidence.needSessionAndDir'));
      return;
    }
    setProgress(null);
    exporting.current = sessionId;
    void exportAction.run(() => invoke('evidence.export', { sessionId, outDir: ref, zip, includeData }));
  };

  const percent = progress ? exportPercent(progress) : 0;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="export-title">
      <Stack gap="sm">
        <Title order={4} id="export-title">
          {t('evidence.exportTitle')}
        </Title>
        <SessionPicker sessions={sessions} value={sessionId} onChange={onSessionChange} />
        <PathField
          label={t('evidence.outDir')}
          description={t('evidence.outDirHint')}
          value={outDir}
          onChange={(text) => setTarget(editedTarget(target, text))}
          dialog="folder"
          folderPurpose="evidence-export-folder"
          onFolderChosen={(parent, token) => setTarget({ kind: 'chosen', parent, token })}
          testId="export-out-dir"
        />
        <Group gap="xl">
          <Switch label={t('evidence.zip')} checked={zip} onChange={(e) => setZip(e.currentTarget.checked)} />
          <Switch label={t('evidence.includeData')} checked={includeData} onChange={(e) => setIncludeData(e.currentTarget.checked)} />
        </Group>
        {zipPath && (
          <Text size="sm" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }} data-testid="export-zip-path">
            {t('evidence.zipBeside', { zip: zipPath })}
          </Text>
        )}
        <ActionControls action={exportAction} label={t('evidence.export')} onRun={run} errorTitle={t('evidence.exportRefused')} />
        {(busy || progress) && (
          <Stack gap={4}>
            <Group justify="space-between">
              <Text size="sm" data-testid="export-phase">
                {progress ? t(`evidence.phase.${progress.phase}`) : t('common.loading')}
              </Text>
              <Text size="sm" c="dimmed" ff="monospace">
                {percent}%
              </Text>
            </Group>
            <Progress value={percent} aria-label={t('evidence.progressLabel')} data-testid="export-progress" animated={busy} />
          </Stack>
        )}
        {result && (
          <Alert color="green" variant="light" title={t('evidence.exported')} data-testid="export-result">
            <Table fz="sm" withRowBorders={false} verticalSpacing={2}>
              <Table.Tbody>
                <SummaryRow label={t('evidence.folder')} value={result.dir} testId="export-dir" />
                {result.zip && <SummaryRow label={t('evidence.zipFile')} value={result.zip} />}
                <SummaryRow label={t('evidence.events')} value={result.size.toLocaleString(i18n.language)} testId="export-size" />
                <SummaryRow label={t('evidence.root')} value={result.root} />
                <SummaryRow label={t('evidence.files')} value={String(result.files.length)} />
              </Table.Tbody>
            </Table>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function OpenPanel() {
  const { t } = useTranslation();
  const [bundle, setBundle] = useState<PathChoice>(NO_PATH);
  const opening = useAction<OpenResult>();
  const result = opening.result;
  const [pinned, setPinned] = useState<string | null>(null);

  const open = () => {
    const ref = pathRefOf(bundle);
    // The previous bundle goes first either way: a stale sound result must never sit beside a new failure.
    if (!ref) opening.refuse(t('evidence.needPath'));
    else void opening.run(() => invoke('evidence.open', pinned ? { path: ref, pinned } : { path: ref }));
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="open-title">
      <Stack gap="sm">
        <Title order={4} id="open-title">
          {t('evidence.openTitle')}
        </Title>
        <PathField
          label={t('evidence.bundlePath')}
          value={bundle.path}
          onChange={(path, token) => setBundle({ path, token })}
          dialog="file-or-folder"
          purpose="evidence-bundle"
          folderPurpose="evidence-bundle-folder"
          testId="bundle-path"
        />
        <PinnedKeysPanel value={pinned} onChange={setPinned} />
        <ActionControls action={opening} label={t('evidence.open')} onRun={open} errorTitle={t('evidence.openRefused')} />
        {result && <BundleVerification result={result} />}
        {result?.verification.ok && result.summary && <ForeignBundleSummary summary={result.summary} />}
      </Stack>
    </Paper>
  );
}
