import { Alert, Badge, Button, Code, Group, Paper, Progress, Stack, Switch, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput, EventPayload, FolderRef, PathToken } from '../../../src-shared/contract';
import type { SessionView } from '../../../src-shared/governance/session-view';
import { CallErrorAlert } from '../components/CallErrorAlert';
import { CheckStatusBadge } from '../components/CheckStatusBadge';
import { PathField } from '../components/PathField';
import { SessionPicker } from '../components/SessionPicker';
import { ViewTitle } from '../components/ViewTitle';
import { exchangeTime } from '../format';
import { useEvent } from '../hooks/use-call';
import { CallError, invoke } from '../ipc/client';
import { isAbsolutePath } from './absolute-path';
import { NO_PATH, pathRefOf, type PathChoice } from './path-choice';
import { exportPercent } from './export-progress';
import { firstFailingSeq } from './first-failing-seq';

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

function asCallError(err: unknown): CallError {
  return err instanceof CallError ? err : new CallError({ code: 'INTERNAL', message: String(err) });
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
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [error, setError] = useState<CallError>();
  const [hint, setHint] = useState<string | null>(null);
  // Progress is pushed for whichever export runs; only the one this panel started moves the bar.
  const exporting = useRef<string | null>(null);
  useEvent('evidence.progress', (p) => {
    if (p.sessionId === exporting.current) setProgress(p);
  });

  const run = async () => {
    const ref = sessionId ? exportFolderRef(target, sessionId) : null;
    if (!sessionId || !ref) {
      setHint(t('evidence.needSessionAndDir'));
      return;
    }
    setHint(null);
    setError(undefined);
    setResult(null);
    setProgress(null);
    setBusy(true);
    exporting.current = sessionId;
    try {
      setResult(await invoke('evidence.export', { sessionId, outDir: ref, zip, includeData }));
    } catch (err) {
      setError(asCallError(err));
    } finally {
      setBusy(false);
    }
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
        <Group>
          <Button onClick={() => void run()} loading={busy}>
            {t('evidence.export')}
          </Button>
        </Group>
        {hint && (
          <Text size="sm" c="yellow" role="status">
            {hint}
          </Text>
        )}
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
        <CallErrorAlert error={error} title={t('evidence.exportRefused')} />
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
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<OpenResult | null>(null);
  const [error, setError] = useState<CallError>();
  const [hint, setHint] = useState<string | null>(null);

  const open = async () => {
    const ref = pathRefOf(bundle);
    if (!ref) {
      setHint(t('evidence.needPath'));
      return;
    }
    setHint(null);
    // The previous bundle goes first: a stale sound result must never sit beside a new failure.
    setResult(null);
    setError(undefined);
    setBusy(true);
    try {
      setResult(await invoke('evidence.open', { path: ref }));
    } catch (err) {
      setError(asCallError(err));
    } finally {
      setBusy(false);
    }
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
        <Group>
          <Button onClick={() => void open()} loading={busy}>
            {t('evidence.open')}
          </Button>
        </Group>
        {hint && (
          <Text size="sm" c="yellow" role="status">
            {hint}
          </Text>
        )}
        <CallErrorAlert error={error} title={t('evidence.openRefused')} />
        {result && <BundleVerification result={result} />}
        {result?.verification.ok && result.summary && <ForeignBundleSummary summary={result.summary} />}
      </Stack>
    </Paper>
  );
}

function BundleVerification({ result }: { result: OpenResult }) {
  const { t } = useTranslation();
  const v = result.verification;
  const first = v.firstFailure;
  const seqFailure = firstFailingSeq(v.checks);
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      style={{ borderColor: v.ok ? 'var(--mantine-color-green-7)' : 'var(--mantine-color-red-7)', borderWidth: 2 }}
      data-testid="bundle-verification"
      data-ok={v.ok ? 'true' : 'false'}
    >
      <Stack gap="xs">
        <Group gap="sm" wrap="nowrap">
          <Badge size="lg" color={v.ok ? 'green' : 'red'} variant="filled" data-testid="bundle-verdict">
            {v.ok ? t('evidence.verified') : t('evidence.failed')}
          </Badge>
          <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {t('evidence.verificationTitle', { bundle: v.bundle })}
          </Text>
        </Group>
        {first && (
          <Alert color="red" variant="filled" title={firstFailureTitle(t, first)} data-testid="bundle-first-failure" role="alert">
            {first.detail}
          </Alert>
        )}
        {seqFailure && (
          <Text size="sm" c="red" fw={600} data-testid="bundle-first-failing-seq">
            {t('evidence.firstFailingSeq', { seq: seqFailure.seq, check: seqFailure.check })}
          </Text>
        )}
        {!v.ok && (
          <Text size="sm" c="red" fw={600} data-testid="bundle-not-shown">
            {t('evidence.failedNotShown')}
          </Text>
        )}
        {v.keyFingerprint && (
          <Text size="xs" c="dimmed">
            {v.keyPinned
              ? t('evidence.keyPinned', { fingerprint: v.keyFingerprint })
              : t('evidence.keyHint', { fingerprint: v.keyFingerprint })}
          </Text>
        )}
        <Table aria-label={t('evidence.checksLabel')} data-testid="bundle-checks" fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('evidence.check')}</Table.Th>
              <Table.Th w={110}>{t('evidence.result')}</Table.Th>
              <Table.Th w={60}>{t('evidence.seq')}</Table.Th>
              <Table.Th>{t('evidence.detail')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {v.checks.map((c, i) => (
              <Table.Tr
                key={`${c.check}-${i}`}
                data-check={c.check}
                bg={c.status === 'fail' ? 'var(--mantine-color-red-light)' : undefined}
              >
                <Table.Td ff="monospace">{c.check}</Table.Td>
                <Table.Td>
                  <CheckStatusBadge status={c.status} />
                </Table.Td>
                <Table.Td ff="monospace">{c.seq ?? '—'}</Table.Td>
                <Table.Td>
                  <Text size="xs" c={c.status === 'fail' ? 'red' : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
                    {c.detail}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

function firstFailureTitle(t: TFunction, f: { check: string; seq?: number | undefined }): string {
  return f.seq === undefined
    ? t('evidence.firstFailure', { check: f.check })
    : t('evidence.firstFailureSeq', { check: f.check, seq: f.seq });
}

function ForeignBundleSummary({ summary: s }: { summary: NonNullable<OpenResult['summary']> }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby="foreign-bundle-title"
      data-testid="bundle-summary"
      style={{ borderStyle: 'dashed', borderColor: 'var(--mantine-color-violet-6)', borderWidth: 2 }}
    >
      <Stack gap="xs">
        <Group gap="sm">
          <Title order={5} id="foreign-bundle-title">
            {t('evidence.foreignTitle')}
          </Title>
        </Group>
        <Text size="sm" c="dimmed">
          {t('evidence.foreignNote')}
        </Text>
        <Text size="sm">{s.notice}</Text>
        <Table fz="sm" withRowBorders={false} verticalSpacing={2} aria-label={t('evidence.summaryLabel')}>
          <Table.Tbody>
            <SummaryRow label={t('evidence.sessionId')} value={s.sessionId} testId="bundle-session" />
            <SummaryRow label={t('evidence.log')} value={s.log} />
            <SummaryRow label={t('evidence.size')} value={s.size.toLocaleString(i18n.language)} testId="bundle-size" />
            <SummaryRow label={t('evidence.root')} value={s.root} />
            <SummaryRow label={t('evidence.createdAt')} value={exchangeTime(s.createdAt, i18n.language)} />
            <SummaryRow label={t('evidence.codeVersion')} value={s.codeVersion} />
            <SummaryRow label={t('evidence.keyFingerprint')} value={s.keyFingerprint} />
            <SummaryRow label={t('evidence.specName')} value={s.specName ?? '—'} />
            <SummaryRow label={t('evidence.data')} value={s.dataIncluded ? t('evidence.dataIncluded') : t('evidence.dataExcluded')} />
            <SummaryRow label={t('evidence.dataFingerprint')} value={s.dataFingerprint ?? '—'} />
            <SummaryRow label={t('evidence.firstTs')} value={exchangeTime(s.firstTs, i18n.language)} />
            <SummaryRow label={t('evidence.lastTs')} value={exchangeTime(s.lastTs, i18n.language)} />
          </Table.Tbody>
        </Table>
        <Text size="sm" fw={500}>
          {t('evidence.eventTypes')}
        </Text>
        <Group gap={6}>
          {s.eventTypes.map(([type, n]) => (
            <Badge key={type} variant="outline" color="gray" tt="none">
              {type} × {n}
            </Badge>
          ))}
        </Group>
      </Stack>
    </Paper>
  );
}

function SummaryRow({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Table.Tr>
      <Table.Td c="dimmed" w={200}>
        {label}
      </Table.Td>
      <Table.Td>
        <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }} data-testid={testId}>
          {value}
        </Code>
      </Table.Td>
    </Table.Tr>
  );
}
