import { Alert, Badge, Code, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput, CallOutput } from '../../../src-shared/contract';
import type { SessionView } from '../../../src-shared/governance/session-view';
import { ActionControls } from '../components/ActionControls';
import { PathField } from '../components/PathField';
import { SessionPicker } from '../components/SessionPicker';
import { ViewTitle } from '../components/ViewTitle';
import { useAction } from '../hooks/use-action';
import { invoke } from '../ipc/client';
import { NO_PATH, pathRefOf, type PathChoice } from './path-choice';

type ReplayResult = CallOutput<'replay.run'>;
type Source = 'session' | 'bundle';

/** The replay.run input for the chosen source, or null while it is incomplete. */
export function replayInput(source: Source, sessionId: string | null, bundle: PathChoice): CallInput<'replay.run'> | null {
  if (source === 'session') return sessionId ? { sessionId } : null;
  const ref = pathRefOf(bundle);
  return ref ? { bundlePath: ref } : null;
}

interface Props {
  sessions: SessionView[] | undefined;
  sessionId: string | null;
  onSessionChange: (id: string | null) => void;
}

export function ReplayView({ sessions, sessionId, onSessionChange }: Props) {
  const { t } = useTranslation();
  const [source, setSource] = useState<Source>('session');
  const [bundle, setBundle] = useState<PathChoice>(NO_PATH);
  const replay = useAction<ReplayResult>();

  const run = () => {
    const input = replayInput(source, sessionId, bundle);
    if (!input) replay.refuse(t('replay.needSource'));
    else void replay.run(() => invoke('replay.run', input));
  };

  return (
    <Stack gap="md" aria-labelledby="view-title-replay">
      <ViewTitle view="replay" />
      <Paper withBorder p="md" radius="md" component="section" aria-label={t('replay.source')}>
        <Stack gap="sm">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('replay.source')}
            </Text>
            <SegmentedControl
              w={320}
              value={source}
              onChange={(v) => setSource(v as Source)}
              data={[
                { value: 'session', label: t('replay.fromSession') },
                { value: 'bundle', label: t('replay.fromBundle') },
              ]}
              aria-label={t('replay.source')}
            />
          </Stack>
          {source === 'session' ? (
            <SessionPicker sessions={sessions} value={sessionId} onChange={onSessionChange} />
          ) : (
            <PathField
              label={t('evidence.bundlePath')}
              value={bundle.path}
              onChange={(path, token) => setBundle({ path, token })}
              purpose="evidence-bundle"
              dialog="open"
              testId="replay-bundle-path"
            />
          )}
          <Text size="xs" c="dimmed">
            {t('replay.whatIf')}
          </Text>
          <ActionControls action={replay} label={t('replay.run')} onRun={run} errorTitle={t('replay.refused')} />
        </Stack>
      </Paper>
      {replay.result && <ReplayOutcome result={replay.result} />}
    </Stack>
  );
}

function ReplayOutcome({ result: r }: { result: ReplayResult }) {
  const { t } = useTranslation();
  const same = r.status === 'identical';
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-label={t('replay.resultLabel')}
      data-testid="replay-result"
      style={{ borderColor: same ? 'var(--mantine-color-green-7)' : 'var(--mantine-color-red-7)', borderWidth: 2 }}
    >
      <Stack gap="sm">
        <Group gap="sm">
          <Badge size="lg" variant="filled" color={same ? 'green' : 'red'} data-testid="replay-status">
            {same ? t('replay.identical') : t('replay.diverged')}
          </Badge>
          <Text ff="monospace" size="sm">
            {r.log}
          </Text>
        </Group>
        {same && <Text size="sm">{t('replay.identicalNote', { size: r.replay.size })}</Text>}
        <Table fz="sm" verticalSpacing={4} aria-label={t('replay.resultLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th>{t('replay.recorded')}</Table.Th>
              <Table.Th>{t('replay.replayed')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td c="dimmed">{t('replay.size')}</Table.Td>
              <Table.Td ff="monospace">{r.original.size}</Table.Td>
              <Table.Td ff="monospace" c={r.original.size === r.replay.size ? undefined : 'red'}>
                {r.replay.size}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td c="dimmed">{t('replay.root')}</Table.Td>
              <Table.Td ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                {r.original.root}
              </Table.Td>
              <Table.Td ff="monospace" style={{ overflowWrap: 'anywhere' }} c={r.original.root === r.replay.root ? undefined : 'red'}>
                {r.replay.root}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        {r.divergence && (
          <Stack gap="xs" data-testid="replay-divergence">
            <Alert color="red" variant="light" title={t('replay.divergedAt', { seq: r.divergence.seq })} />
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <EventText label={t('replay.recorded')} text={r.divergence.original} testId="divergence-original" />
              <EventText label={t('replay.replayed')} text={r.divergence.replayed} testId="divergence-replayed" />
            </SimpleGrid>
          </Stack>
        )}
        <Table fz="sm" withRowBorders={false} verticalSpacing={2}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td c="dimmed" w={220}>
                {t('replay.sourceLabel')}
              </Table.Td>
              <Table.Td>{r.source === 'store' ? t('replay.sourceStore') : t('replay.sourceBundle')}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td c="dimmed">{t('replay.dataFingerprint')}</Table.Td>
              <Table.Td ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                {r.dataFingerprint}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td c="dimmed">{t('replay.inputs')}</Table.Td>
              <Table.Td>
                {t('replay.inputsValue', {
                  governance: r.governanceInputs,
                  operator: r.operatorInputs,
                  unmatched: r.operatorUnmatched,
                  releases: r.releaseInputs,
                  releasesUnmatched: r.releaseUnmatched,
                })}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

/** One side of a divergence: the exact canonical text, or a note that this side has no event there. */
function EventText({ label, text, testId }: { label: string; text: string | null; testId: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      {text === null ? (
        <Text size="sm" c="dimmed" data-testid={testId}>
          {t('replay.endsBefore')}
        </Text>
      ) : (
        <Code block data-testid={testId} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {prettyEvent(text)}
        </Code>
      )}
    </Stack>
  );
}

/** Canonical JSON is one line; indent it for reading (the bytes compared were the one-line form). */
export function prettyEvent(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
