import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LaneView } from '../../../src-shared/governance/lane-view';
import type { SessionView } from '../../../src-shared/governance/session-view';
import { CallErrorAlert } from '../components/CallErrorAlert';
import { SessionStatusBadge } from '../components/SessionStatusBadge';
import { ViewTitle } from '../components/ViewTitle';
import { exchangeTime, ntd, txEquivalent } from '../format';
import { useCall, useEvent } from '../hooks/use-call';
import { asCallError, CallError, invoke } from '../ipc/client';
import { ENVELOPE_FIELDS, LaneConfigForm } from './LaneConfigForm';
import { PromotionPanel } from './PromotionPanel';

function envelopeValue(lane: LaneView, k: (typeof ENVELOPE_FIELDS)[number]): string {
  const v = lane.config.riskEnvelope[k];
  if (k === 'maxNotionalPerOrderCents' || k === 'maxDailyLossCents') return ntd(v);
  if (k === 'maxTxEquivTwentieths') return txEquivalent(v);
  if (k === 'maxDrawdownBps') return `${(v / 100).toFixed(2)}%`;
  return v.toLocaleString('en-US');
}

function LaneCard({ lane, actor, onChanged }: { lane: LaneView; actor: string; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const name = t(`lanes.${lane.lane}`);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={name}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{name}</Title>
          {lane.isDefault ? (
            <Badge color="red" variant="light">
              {t('risk.failClosed')}
            </Badge>
          ) : (
            <Badge color="green" variant="light">
              {t('risk.configured')}
            </Badge>
          )}
        </Group>
        <Text size="sm">
          {t('risk.paperCapital')}: <b data-testid={`capital-${lane.lane}`}>{ntd(lane.config.paperCapitalCents)}</b>
        </Text>
        <Table fz="sm" withRowBorders={false} verticalSpacing={2}>
          <Table.Tbody>
            {ENVELOPE_FIELDS.map((k) => (
              <Table.Tr key={k}>
                <Table.Td c="dimmed">{t(`risk.field.${k}`)}</Table.Td>
                <Table.Td ff="monospace">{envelopeValue(lane, k)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">
          {lane.configuredBy
            ? t('risk.configuredBy', { name: lane.configuredBy, at: exchangeTime(lane.configuredAt, i18n.language) })
            : t('risk.neverConfigured')}
        </Text>
        <Group>
          <Button
            size="xs"
            variant="default"
            onClick={() => setEditing((e) => !e)}
            aria-expanded={editing}
            aria-label={t('risk.configureLane', { lane: name })}
          >
            {editing ? t('common.close') : t('risk.configure')}
          </Button>
        </Group>
        {editing && (
          <LaneConfigForm
            lane={lane}
            actor={actor}
            onDone={() => {
              setEditing(false);
              onChanged();
            }}
          />
        )}
      </Stack>
    </Paper>
  );
}

export function RiskView({ actor, onActorChange }: { actor: string; onActorChange: (name: string) => void }) {
  const { t } = useTranslation();
  const lanes = useCall('lanes.list');
  const sessions = useCall('sessions.list');
  useEvent('sessions.changed', () => sessions.refresh());
  const [reason, setReason] = useState('');
  const [error, setError] = useState<CallError>();
  const [done, setDone] = useState<string | null>(null);

  async function operate(kind: 'halt' | 'resume', s: SessionView) {
    setError(undefined);
    setDone(null);
    try {
      const r = await invoke(kind === 'halt' ? 'operator.halt' : 'operator.resume', { sessionId: s.id, operator: actor, reason });
      setDone(t(r.delivered ? 'risk.delivered' : 'risk.recordedNotDelivered', { kind: t(`risk.${kind}`), id: s.id }));
    } catch (err) {
      setError(asCallError(err));
    } finally {
      sessions.refresh();
    }
  }

  const active = (sessions.data ?? []).filter((s) => s.status === 'running' || s.status === 'paused' || s.halted);
  return (
    <Stack gap="md" aria-labelledby="view-title-risk">
      <ViewTitle view="risk" />
      <TextInput
        label={t('common.yourName')}
        description={t('common.localAttribution')}
        value={actor}
        onChange={(e) => onActorChange(e.currentTarget.value)}
        w={300}
      />
      <CallErrorAlert error={lanes.error} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {(lanes.data ?? []).map((l) => (
          <LaneCard key={l.lane} lane={l} actor={actor} onChanged={() => lanes.refresh()} />
        ))}
      </SimpleGrid>
      <PromotionPanel actor={actor} lanes={lanes.data} />
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="trading-state-title">
        <Stack gap="sm">
          <Title order={4} id="trading-state-title">
            {t('risk.tradingState')}
          </Title>
          <TextInput
            label={t('risk.operatorReason')}
            description={t('risk.operatorReasonHint')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            w={480}
          />
          <CallErrorAlert error={error} title={t('risk.operatorRefused')} />
          {done && (
            <Text size="sm" c="green" role="status">
              {done}
            </Text>
          )}
          {active.length === 0 ? (
            <Text c="dimmed">{t('risk.noActiveSessions')}</Text>
          ) : (
            <Table aria-label={t('risk.tradingState')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sessions.id')}</Table.Th>
                  <Table.Th>{t('sessions.status')}</Table.Th>
                  <Table.Th>{t('risk.tradingState')}</Table.Th>
                  <Table.Th>{t('sessions.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {active.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td ff="monospace">{s.id}</Table.Td>
                    <Table.Td>
                      <SessionStatusBadge status={s.status} />
                    </Table.Td>
                    <Table.Td>
                      <Badge color={s.halted ? 'red' : 'green'} variant="light">
                        {s.halted ? t('risk.halted') : t('risk.trading')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {s.halted ? (
                        <Button
                          size="xs"
                          aria-label={t('risk.resumeLabel', { id: s.id })}
                          disabled={!actor.trim() || !reason.trim()}
                          onClick={() => void operate('resume', s)}
                        >
                          {t('risk.resume')}
                        </Button>
                      ) : (
                        <Button
                          size="xs"
                          color="red"
                          aria-label={t('risk.haltLabel', { id: s.id })}
                          disabled={!actor.trim() || !reason.trim()}
                          onClick={() => void operate('halt', s)}
                        >
                          {t('risk.halt')}
                        </Button>
                      )}
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
