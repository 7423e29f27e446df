import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CallErrorAlert } from '../components/CallErrorAlert';
import { ViewTitle } from '../components/ViewTitle';
import { exchangeTime, ntd, txEquivalent } from '../format';
import { useCall, useEvent } from '../hooks/use-call';

export function PortfolioView({ sessionId }: { sessionId: string | null }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" aria-labelledby="view-title-portfolio">
      <ViewTitle view="portfolio">
        <Badge color="orange" variant="outline" size="lg" data-testid="simulated-badge">
          {t('portfolio.simulated')}
        </Badge>
      </ViewTitle>
      {sessionId ? <PortfolioOfSession sessionId={sessionId} /> : <Text c="dimmed">{t('common.pickSessionAbove')}</Text>}
    </Stack>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} ff="monospace" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

function PortfolioOfSession({ sessionId }: { sessionId: string }) {
  const { t, i18n } = useTranslation();
  const view = useCall('portfolio.view', { sessionId });
  useEvent('sessions.changed', (p) => p.sessionId === sessionId && view.refresh());
  if (view.error) return <CallErrorAlert error={view.error} />;
  const d = view.data;
  if (!d) return <Text c="dimmed">{t('common.loading')}</Text>;
  if (!d.totals) return <Text c="dimmed">{t('portfolio.empty')}</Text>;
  const tot = d.totals;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Figure label={t('portfolio.equity')} value={ntd(tot.equityCents)} testId="pf-equity" />
        <Figure label={t('portfolio.realized')} value={ntd(tot.realizedCents)} testId="pf-realized" />
        <Figure label={t('portfolio.unrealized')} value={ntd(tot.unrealizedCents)} testId="pf-unrealized" />
        <Figure label={t('portfolio.fees')} value={ntd(tot.feesCents)} testId="pf-fees" />
        <Figure label={t('portfolio.tax')} value={ntd(tot.taxCents)} testId="pf-tax" />
        <Figure label={t('portfolio.margin')} value={ntd(tot.marginInUseCents)} testId="pf-margin" />
        <Figure label={t('portfolio.exposure')} value={txEquivalent(tot.txEquivTwentieths)} testId="pf-exposure" />
        <Figure label={t('portfolio.fills')} value={String(d.fills)} testId="pf-fills" />
      </SimpleGrid>
      <Table striped aria-label={t('portfolio.positions')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('portfolio.contract')}</Table.Th>
            <Table.Th ta="right">{t('portfolio.position')}</Table.Th>
            <Table.Th ta="right">{t('portfolio.avgPrice')}</Table.Th>
            <Table.Th ta="right">{t('portfolio.markMid')}</Table.Th>
            <Table.Th ta="right">{t('portfolio.realized')}</Table.Th>
            <Table.Th ta="right">{t('portfolio.unrealized')}</Table.Th>
            <Table.Th ta="right">{t('portfolio.fees')}</Table.Th>
            <Table.Th ta="right">{t('portfolio.tax')}</Table.Th>
            <Table.Th>{t('portfolio.asOf')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.positions.map((p) => (
            <Table.Tr key={p.contract}>
              <Table.Td>{p.contract}</Table.Td>
              <Table.Td ta="right" ff="monospace">
                {p.position}
              </Table.Td>
              <Table.Td ta="right" ff="monospace">
                {p.avgPrice ?? '—'}
              </Table.Td>
              <Table.Td ta="right" ff="monospace">
                {p.markMid ?? '—'}
              </Table.Td>
              <Table.Td ta="right" ff="monospace">
                {ntd(p.realizedCents)}
              </Table.Td>
              <Table.Td ta="right" ff="monospace">
                {ntd(p.unrealizedCents)}
              </Table.Td>
              <Table.Td ta="right" ff="monospace">
                {ntd(p.feesCents)}
              </Table.Td>
              <Table.Td ta="right" ff="monospace">
                {ntd(p.taxCents)}
              </Table.Td>
              <Table.Td ff="monospace">
                <Text size="xs">
                  #{p.asOfSeq} · {exchangeTime(p.asOfTs, i18n.language)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group gap="xs">
        <Text size="xs" c="dimmed">
          {t('portfolio.footnote', { seq: tot.asOfSeq, at: exchangeTime(tot.asOfTs, i18n.language) })}
        </Text>
      </Group>
    </Stack>
  );
}
