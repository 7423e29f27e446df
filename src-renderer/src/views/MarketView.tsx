import { Alert, Code, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CallErrorAlert } from '../components/CallErrorAlert';
import { PriceChart } from '../components/PriceChart';
import { ViewTitle } from '../components/ViewTitle';
import { useCall } from '../hooks/use-call';

export function MarketView({ sessionId }: { sessionId: string | null }) {
  const { t, i18n } = useTranslation();
  if (!sessionId) {
    return (
      <Stack gap="md" aria-labelledby="view-title-market">
        <ViewTitle view="market" />
        <Text c="dimmed">{t('common.pickSessionAbove')}</Text>
      </Stack>
    );
  }
  return <MarketOfSession sessionId={sessionId} locale={i18n.language} />;
}

function MarketOfSession({ sessionId, locale }: { sessionId: string; locale: string }) {
  const { t } = useTranslation();
  // The chosen contract belongs to one session; another session starts from its first contract.
  const [choice, setChoice] = useState<{ sessionId: string; contract: string } | null>(null);
  const contract = choice?.sessionId === sessionId ? choice.contract : undefined;
  const series = useCall('market.series', { sessionId, contract, maxPoints: 800 });
  const d = series.data;
  return (
    <Stack gap="md" aria-labelledby="view-title-market">
      <ViewTitle view="market">
        {d?.available && (
          <Select
            label={t('market.contract')}
            data={d.contracts}
            value={d.contract}
            onChange={(v) => v && setChoice({ sessionId, contract: v })}
            allowDeselect={false}
            w={200}
          />
        )}
      </ViewTitle>
      <CallErrorAlert error={series.error} />
      {series.loading && !d && <Text c="dimmed">{t('market.loading')}</Text>}
      {d && !d.available && (
        <Alert color="yellow" variant="light" title={t('market.unavailable')} role="alert">
          <Code>{d.reason}</Code>
        </Alert>
      )}
      {d?.available && (
        <Paper withBorder p="sm" radius="md">
          <Group justify="space-between" mb="xs">
            <Text size="sm" fw={500}>
              {t('market.chartTitle', { contract: d.contract })}
            </Text>
            <Text size="sm" c="dimmed" data-testid="market-axis-label">
              {t('market.axis')}
            </Text>
          </Group>
          <PriceChart bars={d.bars} fills={d.fills} locale={locale} label={t('market.chartLabel', { contract: d.contract })} />
          <Text size="xs" c="dimmed" mt="xs">
            {t('market.source', {
              id: d.dataId,
              fingerprint: d.dataFingerprint.slice(0, 12),
              quotes: d.quoteCount,
              bars: d.bars.length,
              fills: d.fills.length,
            })}
          </Text>
        </Paper>
      )}
    </Stack>
  );
}
