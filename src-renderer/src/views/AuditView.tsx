import { Badge, Button, Code, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppHealth, CallOutput } from '../../../src-shared/contract';
import { CallErrorAlert } from '../components/CallErrorAlert';
import { ViewTitle } from '../components/ViewTitle';
import { exchangeTime } from '../format';
import { useAction } from '../hooks/use-action';
import { useCall, useEvent } from '../hooks/use-call';
import { invoke } from '../ipc/client';
import type { IncidentView } from '../../../src-shared/governance/incident-view';
import { CheckpointsPanel, PublicKeyPanel } from './AuditIntegrityPanels';
import { AuditVerifyPanel } from './AuditVerifyPanel';

const AUDIT_COLORS: Record<AppHealth['audit']['status'], string> = {
  empty: 'gray',
  unverified: 'yellow',
  verified: 'green',
  failed: 'red',
};

export function AuditView({ health, onRecheck }: { health: AppHealth | undefined; onRecheck: () => void }) {
  const { t, i18n } = useTranslation();
  const incidents = useCall('incidents.list');
  useEvent('incidents.changed', () => incidents.refresh());
  const rows = incidents.data ?? [];
  return (
    <Stack gap="md" aria-labelledby="view-title-audit">
      <ViewTitle view="audit" />
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="verification-title">
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={4} id="verification-title">
              {t('auditView.verification')}
            </Title>
            <Button size="xs" variant="default" onClick={onRecheck}>
              {t('auditView.recheck')}
            </Button>
          </Group>
          {health ? (
            <>
              <Group gap="xs">
                <Badge color={AUDIT_COLORS[health.audit.status]} variant="light" data-testid="audit-view-status">
                  {t(`audit.${health.audit.status}`)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {t('system.checkedAt')}: {exchangeTime(health.checkedAt, i18n.language)}
                </Text>
              </Group>
              <Code block>{health.audit.detail}</Code>
              {health.audit.status !== 'verified' && health.audit.status !== 'empty' && (
                <Text size="sm" c="dimmed">
                  {t('auditView.cliHint')}
                </Text>
              )}
            </>
          ) : (
            <Text c="dimmed">{t('audit.loading')}</Text>
          )}
        </Stack>
      </Paper>
      <AuditVerifyPanel />
      <CheckpointsPanel />
      <PublicKeyPanel />
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="incidents-title">
        <Stack gap="xs">
          <Title order={4} id="incidents-title">
            {t('auditView.incidents')}
          </Title>
          <CallErrorAlert error={incidents.error} />
          {rows.length === 0 && !incidents.loading ? (
            <Text c="dimmed">{t('auditView.noIncidents')}</Text>
          ) : (
            <Table aria-label={t('auditView.incidents')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('auditView.opened')}</Table.Th>
                  <Table.Th>{t('sessions.id')}</Table.Th>
                  <Table.Th>{t('auditView.kind')}</Table.Th>
                  <Table.Th>{t('auditView.detail')}</Table.Th>
                  <Table.Th>{t('sessions.status')}</Table.Th>
                  <Table.Th>{t('auditIntegrity.resolution')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.id} data-incident={r.id} data-status={r.status}>
                    <Table.Td ff="monospace">{exchangeTime(r.openedAt, i18n.language)}</Table.Td>
                    <Table.Td ff="monospace">{r.sessionId}</Table.Td>
                    <Table.Td>{t(`auditView.kinds.${r.kind}`)}</Table.Td>
                    <Table.Td>
                      <Code>{r.detail}</Code>
                    </Table.Td>
                    {/* A status badge never shrinks to an ellipsis ("OP…"): the column keeps room for the word. */}
                    <Table.Td miw={110}>
                      <Badge color={r.status === 'open' ? 'red' : 'gray'} variant="light" style={{ overflow: 'visible' }}>
                        {t(`auditView.incidentStatus.${r.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Resolution incident={r} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}

/** A resolved incident says who, when and why; an open one takes a name and a required reason. */
function Resolution({ incident: r }: { incident: IncidentView }) {
  const { t, i18n } = useTranslation();
  const [actor, setActor] = useState('');
  const [reason, setReason] = useState('');
  const resolving = useAction<CallOutput<'incidents.resolve'>>();
  if (r.status === 'resolved') {
    return (
      <Text size="xs" data-testid="incident-resolution">
        {t('auditIntegrity.resolvedBy', {
          by: r.resolvedBy ?? '?',
          at: r.resolvedAt ? exchangeTime(r.resolvedAt, i18n.language) : '?',
          reason: r.resolvedReason ?? '',
        })}
      </Text>
    );
  }
  const resolve = () => resolving.run(() => invoke('incidents.resolve', { incidentId: r.id, actor: actor.trim(), reason: reason.trim() }));
  const ready = actor.trim() !== '' && reason.trim() !== '';
  return (
    <Stack gap={4}>
      <Group gap={4} wrap="nowrap">
        <TextInput
          size="xs"
          aria-label={t('common.yourName')}
          placeholder={t('common.yourName')}
          value={actor}
          onChange={(e) => setActor(e.currentTarget.value)}
        />
        <TextInput
          size="xs"
          aria-label={t('auditIntegrity.reason')}
          placeholder={t('auditIntegrity.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Button
          size="xs"
          disabled={!ready}
          loading={resolving.busy}
          onClick={() => void resolve()}
          aria-label={t('auditIntegrity.resolveIncident', { id: r.id })}
        >
          {t('auditIntegrity.resolve')}
        </Button>
      </Group>
      {!ready && (
        <Text size="xs" c="dimmed">
          {t('auditIntegrity.reasonRequired')}
        </Text>
      )}
      <CallErrorAlert error={resolving.error} />
    </Stack>
  );
}
