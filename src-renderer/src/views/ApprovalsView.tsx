import { Alert, Badge, Button, Code, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalStatus, ReviewOutcome, ReviewStage } from '../../../src-shared/governance/approval-rules';
import type { ApprovalView } from '../../../src-shared/governance/approval-view';
import { CallErrorAlert } from '../components/CallErrorAlert';
import { ViewTitle } from '../components/ViewTitle';
import { exchangeTime } from '../format';
import { useCall, useEvent } from '../hooks/use-call';
import { asCallError, CallError, invoke } from '../ipc/client';

const STATUS_COLORS: Record<ApprovalStatus, string> = {
  pending_research: 'blue',
  pending_risk: 'yellow',
  released: 'green',
  rejected: 'red',
  needs_data_review: 'orange',
};

/** The stage a pending intent waits for; none once the review is over. */
export function dueStage(status: ApprovalStatus): ReviewStage | null {
  return status === 'pending_research' ? 'research' : status === 'pending_risk' ? 'risk' : null;
}

function intentSummary(a: ApprovalView): string {
  const i = a.intent;
  return [i.side, i.quantity, i.contract, i.order_type ?? i.orderType].filter((x) => x !== undefined && x !== null).join(' ');
}

function Decide({ a, onDone }: { a: ApprovalView; onDone: () => void }) {
  const { t } = useTranslation();
  const stage = dueStage(a.status);
  const [reviewer, setReviewer] = useState('');
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<ReviewOutcome>('approved');
  const [error, setError] = useState<CallError>();
  if (!stage) return null;
  async function decide() {
    setError(undefined);
    try {
      await invoke('approvals.decide', { approvalId: a.id, stage: stage!, reviewer, outcome, reason });
      onDone();
    } catch (err) {
      setError(asCallError(err));
    }
  }
  return (
    <Stack gap={4}>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          size="xs"
          label={t('approvals.reviewer')}
          value={reviewer}
          onChange={(e) => setReviewer(e.currentTarget.value)}
          w={140}
        />
        <Select
          size="xs"
          label={t('approvals.outcome')}
          value={outcome}
          onChange={(v) => v && setOutcome(v as ReviewOutcome)}
          data={(['approved', 'rejected', 'needs_data_review'] as const).map((o) => ({ value: o, label: t(`approvals.outcomes.${o}`) }))}
          w={150}
          allowDeselect={false}
        />
        <TextInput size="xs" label={t('approvals.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} w={180} />
        <Button
          size="xs"
          disabled={!reviewer.trim() || !reason.trim()}
          onClick={() => void decide()}
          aria-label={t('approvals.recordLabel', { stage: t(`approvals.stages.${stage}`), id: a.id })}
        >
          {t('approvals.record', { stage: t(`approvals.stages.${stage}`) })}
        </Button>
      </Group>
      <CallErrorAlert error={error} title={t('approvals.refused')} />
    </Stack>
  );
}

export function ApprovalsView() {
  const { t, i18n } = useTranslation();
  const approvals = useCall('approvals.list');
  useEvent('approvals.changed', () => approvals.refresh());
  const rows = approvals.data ?? [];
  return (
    <Stack gap="md" aria-labelledby="view-title-approvals">
      <ViewTitle view="approvals" />
      <Alert color="blue" variant="light" data-testid="attribution-note">
        {t('approvals.attributionNote')}
      </Alert>
      <CallErrorAlert error={approvals.error} />
      {rows.length === 0 && !approvals.loading ? (
        <Text c="dimmed">{t('approvals.empty')}</Text>
      ) : (
        <Paper withBorder radius="md">
          <Table aria-label={t('approvals.tableLabel')} verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('approvals.intent')}</Table.Th>
                <Table.Th>{t('sessions.id')}</Table.Th>
                <Table.Th>{t('approvals.status')}</Table.Th>
                <Table.Th>{t('approvals.decisions')}</Table.Th>
                <Table.Th>{t('approvals.decide')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Text size="sm">{intentSummary(a)}</Text>
                    <Code>{a.id}</Code>
                    <Text size="xs" c="dimmed">
                      {t('approvals.queuedAt', { at: exchangeTime(a.queuedAt, i18n.language) })}
                    </Text>
                  </Table.Td>
                  <Table.Td ff="monospace">{a.sessionId}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[a.status]} variant="light">
                      {t(`approvals.statuses.${a.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {a.decisions.length === 0 ? (
                      <Text size="xs" c="dimmed">
                        {t('approvals.noDecisions')}
                      </Text>
                    ) : (
                      a.decisions.map((d) => (
                        <Text size="xs" key={d.stage}>
                          {t(`approvals.stages.${d.stage}`)}: {t(`approvals.outcomes.${d.outcome}`)} · {d.reviewer} · {d.reason}
                        </Text>
                      ))
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Decide a={a} onDone={() => approvals.refresh()} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
