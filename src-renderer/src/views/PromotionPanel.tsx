import { Badge, Button, Code, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PromotionEvaluation } from '../../../src-shared/governance/promotion-criteria';
import type { LaneView } from '../../../src-shared/governance/lane-view';
import type { PromotionView } from '../../../src-shared/governance/promotion-view';
import { CallErrorAlert } from '../components/CallErrorAlert';
import { exchangeTime } from '../format';
import { useAction } from '../hooks/use-action';
import { useCall, useEvent } from '../hooks/use-call';
import { CallError, invoke } from '../ipc/client';

/**
 * The promotion funnel of the research lane: each strategy's progress against every criterion, computed
 * in main from the logs, and the requests to move it to the gatecheck lane. A lead requests; another
 * name reviews; main refuses an approval while a criterion fails and says which.
 */
export function PromotionPanel({ actor, lanes }: { actor: string; lanes: readonly LaneView[] | undefined }) {
  const { t, i18n } = useTranslation();
  const funnel = useCall('lanes.funnel', { lane: 'paper_research' });
  const promotions = useCall('promotions.list');
  useEvent('sessions.changed', () => funnel.refresh());
  // A lane configured in this view changes the thresholds: evaluate again.
  const { refresh: refreshFunnel } = funnel;
  useEffect(() => refreshFunnel(), [lanes, refreshFunnel]);
  const [reason, setReason] = useState('');
  const action = useAction<PromotionView>();

  async function run(task: () => Promise<PromotionView>) {
    const done = await action.run(async () => {
      if (!reason.trim()) throw new CallError({ code: 'INVALID_INPUT', message: t('promotion.reasonFirst') });
      return task();
    });
    // Each step has its own reason: a review never carries the request's words by accident.
    if (done) setReason('');
    funnel.refresh();
    promotions.refresh();
  }
  const request = (strategyId: string) =>
    run(() => invoke('promotions.request', { strategyId, fromLane: 'paper_research', requestedBy: actor, reason: reason.trim() }));
  const decide = (p: PromotionView, decision: 'approved' | 'rejected') =>
    run(() => invoke('promotions.decide', { promotionId: p.id, reviewer: actor, decision, reason: reason.trim() }));

  const strategies = funnel.data ?? [];
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="promotion-title" data-testid="promotion-panel">
      <Stack gap="sm">
        <Title order={4} id="promotion-title">
          {t('promotion.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('promotion.hint')}
        </Text>
        <TextInput
          label={t('promotion.reason')}
          description={t('promotion.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          w={480}
        />
        <CallErrorAlert error={funnel.error ?? promotions.error} />
        <CallErrorAlert error={action.error} title={t('promotion.refused')} />
        {strategies.length === 0 && !funnel.loading && <Text c="dimmed">{t('promotion.noStrategies')}</Text>}
        {strategies.map(({ strategyId, evaluation }) => {
          const mine = (promotions.data ?? []).filter((p) => p.strategyId === strategyId && p.fromLane === 'paper_research');
          const pending = mine.find((p) => p.status === 'pending');
          return (
            <Paper key={strategyId} withBorder p="sm" radius="sm" data-strategy={strategyId}>
              <Stack gap="xs">
                <Group justify="space-between">
                  <Text fw={700} ff="monospace">
                    {strategyId}
                  </Text>
                  <Badge color={evaluation.eligible ? 'teal' : 'gray'} variant="light" data-testid="promotion-eligible">
                    {t(evaluation.eligible ? 'promotion.eligible' : 'promotion.notEligible')}
                  </Badge>
                </Group>
                <Criteria evaluation={evaluation} />
                {evaluation.sessionsIgnored.map((s) => (
                  <Text key={s.sessionId} size="xs" c="dimmed" data-testid="promotion-ignored">
                    {t('promotion.ignored', { id: s.sessionId, by: s.by, reason: s.reason })}
                  </Text>
                ))}
                {pending ? (
                  <Group gap="xs" data-testid="promotion-pending">
                    <Text size="sm">{t('promotion.pending', { by: pending.requestedBy, reason: pending.reason })}</Text>
                    <Button size="xs" disabled={!actor.trim() || action.busy} onClick={() => void decide(pending, 'approved')}>
                      {t('promotion.approve')}
                    </Button>
                    <Button
                      size="xs"
                      variant="light"
                      color="red"
                      disabled={!actor.trim() || action.busy}
                      onClick={() => void decide(pending, 'rejected')}
                    >
                      {t('promotion.reject')}
                    </Button>
                  </Group>
                ) : (
                  <Group>
                    <Button
                      size="xs"
                      variant="default"
                      disabled={!actor.trim() || action.busy}
                      aria-label={t('promotion.requestLabel', { strategy: strategyId })}
                      onClick={() => void request(strategyId)}
                    >
                      {t('promotion.request')}
                    </Button>
                  </Group>
                )}
                {mine
                  .filter((p) => p.decision)
                  .map((p) => (
                    <Text key={p.id} size="xs" c="dimmed" data-testid="promotion-decided" data-decision={p.decision!.decision}>
                      {t(`promotion.decided.${p.decision!.decision}`, {
                        by: p.decision!.reviewer,
                        reason: p.decision!.reason,
                        requestedBy: p.requestedBy,
                        at: exchangeTime(p.decision!.ts, i18n.language),
                      })}
                    </Text>
                  ))}
              </Stack>
            </Paper>
          );
        })}
      </Stack>
    </Paper>
  );
}

/** Every criterion with the number and the threshold ("fills 41 / 50"), and the reason code main gave. */
function Criteria({ evaluation }: { evaluation: PromotionEvaluation }) {
  const { t } = useTranslation();
  return (
    <Table fz="xs" verticalSpacing={2} aria-label={t('promotion.criteria')}>
      <Table.Tbody>
        {evaluation.results.map((r) => (
          <Table.Tr key={r.criterion} data-criterion={r.criterion} data-pass={r.pass}>
            <Table.Td>{t(`promotion.criterion.${r.criterion}`)}</Table.Td>
            <Table.Td ff="monospace" data-testid="criterion-progress">
              {r.actual} / {r.required}
            </Table.Td>
            <Table.Td>
              <Badge size="xs" color={r.pass ? 'teal' : 'red'} variant="light">
                {t(r.pass ? 'promotion.pass' : 'promotion.fail')}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Code>{r.reason}</Code>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
