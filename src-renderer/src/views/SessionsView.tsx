import { Button, Code, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../src-shared/governance/session-view';
import { CallErrorAlert } from '../components/CallErrorAlert';
import { SessionStatusBadge } from '../components/SessionStatusBadge';
import { ViewTitle } from '../components/ViewTitle';
import { exchangeTime } from '../format';
import { useCall, useEvent } from '../hooks/use-call';
import { asCallError, CallError, invoke } from '../ipc/client';
import { CreateSessionForm, type SpecSeed } from './CreateSessionForm';
import { DataInspectPanel } from './DataInspectPanel';

type Action = 'start' | 'pause' | 'resume' | 'stop';
type TagKind = 'promotion_evidence' | 'ignored' | 'none';

/** The tags a finished session can move to from the one it has (clearing only when it has one). */
function tagsFor(s: SessionView): TagKind[] {
  const all: TagKind[] = ['promotion_evidence', 'ignored', 'none'];
  return all.filter((k) => k !== (s.tag?.kind ?? 'none'));
}

/** Which lifecycle buttons make sense for a status; the main process still decides. */
export function actionsFor(status: SessionView['status']): Action[] {
  switch (status) {
    case 'scheduled':
      return ['start', 'stop'];
    case 'running':
      return ['pause', 'stop'];
    case 'paused':
      return ['resume', 'stop'];
    default:
      return [];
  }
}

export function SessionsView({ actor, onActorChange }: { actor: string; onActorChange: (name: string) => void }) {
  const { t, i18n } = useTranslation();
  const sessions = useCall('sessions.list');
  useEvent('sessions.changed', () => sessions.refresh());
  const [reason, setReason] = useState('');
  const [error, setError] = useState<CallError>();
  const [busy, setBusy] = useState<string | null>(null);
  const [seed, setSeed] = useState<SpecSeed | null>(null);

  /** A lead's tag on a finished session, with the reason typed above (required, recorded with it). */
  async function tag(s: SessionView, kind: TagKind) {
    setError(undefined);
    setBusy(`tag-${kind}:${s.id}`);
    try {
      const r = reason.trim();
      if (!r) throw new CallError({ code: 'INVALID_INPUT', message: t('sessions.tagNeedsReason') });
      await invoke('sessions.tag', { sessionId: s.id, tag: kind, by: actor, reason: r });
    } catch (err) {
      setError(asCallError(err));
    } finally {
      setBusy(null);
      sessions.refresh();
    }
  }

  /** Puts a recorded session's spec in the create form to edit; the new session is created (and validated) as any other. */
  async function cloneSpec(sessionId: string) {
    setError(undefined);
    try {
      const detail = await invoke('sessions.get', { sessionId });
      setSeed((prev) => ({ sessionId, spec: detail.spec, nonce: (prev?.nonce ?? 0) + 1 }));
    } catch (err) {
      setError(asCallError(err));
    }
  }

  async function act(action: Action, s: SessionView) {
    setError(undefined);
    setBusy(`${action}:${s.id}`);
    try {
      const r = reason.trim() || undefined;
      if (action === 'stop') {
        if (!r) throw new CallError({ code: 'INVALID_INPUT', message: t('sessions.stopNeedsReason') });
        await invoke('sessions.stop', { sessionId: s.id, actor, reason: r });
      } else if (action === 'start') await invoke('sessions.start', { sessionId: s.id, actor });
      else await invoke(`sessions.${action}`, { sessionId: s.id, actor, reason: r });
    } catch (err) {
      setError(asCallError(err));
    } finally {
      setBusy(null);
      sessions.refresh();
    }
  }

  const rows = sessions.data ?? [];
  return (
    <Stack gap="md" aria-labelledby="view-title-sessions">
      <ViewTitle view="sessions" />
      <Paper withBorder p="md" radius="md">
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('common.yourName')}
            description={t('common.localAttribution')}
            value={actor}
            onChange={(e) => onActorChange(e.currentTarget.value)}
            w={300}
          />
          <TextInput
            label={t('sessions.reason')}
            description={t('sessions.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            w={420}
          />
        </Group>
      </Paper>
      <DataInspectPanel />
      <CreateSessionForm owner={actor} onCreated={() => sessions.refresh()} seed={seed} />
      <CallErrorAlert error={sessions.error} />
      <CallErrorAlert error={error} title={t('sessions.actionRefused')} />
      {rows.length === 0 && !sessions.loading ? (
        <Text c="dimmed">{t('sessions.empty')}</Text>
      ) : (
        <Table striped highlightOnHover aria-label={t('sessions.tableLabel')} data-testid="sessions-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sessions.id')}</Table.Th>
              <Table.Th>{t('sessions.status')}</Table.Th>
              <Table.Th>{t('sessions.lane')}</Table.Th>
              <Table.Th>{t('sessions.owner')}</Table.Th>
              <Table.Th>{t('sessions.specHash')}</Table.Th>
              <Table.Th>{t('sessions.created')}</Table.Th>
              <Table.Th>{t('sessions.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((s) => (
              <Table.Tr key={s.id} data-session={s.id}>
                <Table.Td>
                  <Text ff="monospace" size="sm">
                    {s.id}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <SessionStatusBadge status={s.status} />
                    {s.halted && (
                      <Text size="xs" c="red" fw={700}>
                        {t('risk.halted')}
                      </Text>
                    )}
                  </Group>
                  {s.tag && (
                    <Text
                      size="xs"
                      c={s.tag.kind === 'ignored' ? 'dimmed' : 'teal'}
                      maw={260}
                      data-testid="session-tag"
                      data-tag={s.tag.kind}
                    >
                      {t('sessions.taggedBy', { kind: t(`sessions.tagged.${s.tag.kind}`), by: s.tag.by, reason: s.tag.reason })}
                    </Text>
                  )}
                  {s.statusReason && (
                    <Text size="xs" c="dimmed" ff="monospace" maw={260}>
                      {s.statusReason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{t(`lanes.${s.lane}`)}</Table.Td>
                <Table.Td>{s.owner}</Table.Td>
                <Table.Td>
                  <Code title={s.specHash}>{s.specHash.slice(0, 12)}</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {exchangeTime(s.timestamps.createdAt, i18n.language)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {(s.status === 'completed' || s.status === 'aborted') &&
                      tagsFor(s).map((kind) => (
                        <Button
                          key={kind}
                          size="xs"
                          variant="subtle"
                          aria-label={t(`sessions.tagLabel.${kind}`, { id: s.id })}
                          loading={busy === `tag-${kind}:${s.id}`}
                          disabled={!actor.trim()}
                          onClick={() => void tag(s, kind)}
                        >
                          {t(`sessions.tag.${kind}`)}
                        </Button>
                      ))}
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t('sessions.cloneLabel', { id: s.id })}
                      onClick={() => void cloneSpec(s.id)}
                    >
                      {t('sessions.clone')}
                    </Button>
                    {actionsFor(s.status).map((a) => (
                      <Button
                        key={a}
                        size="xs"
                        variant={a === 'stop' ? 'light' : 'filled'}
                        color={a === 'stop' ? 'red' : undefined}
                        aria-label={t(`sessions.actionLabel.${a}`, { id: s.id })}
                        loading={busy === `${a}:${s.id}`}
                        disabled={!actor.trim()}
                        onClick={() => void act(a, s)}
                      >
                        {t(`sessions.action.${a}`)}
                      </Button>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="xs" c="dimmed">
        {t('common.timesInExchange')}
      </Text>
    </Stack>
  );
}
