import { Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatExchangeTime } from '../../../src-shared/exchange-time';

/** The workstation's wall clock shown in exchange time; the pipeline never reads it. */
export function ExchangeClock() {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c="dimmed">
        {t('header.exchangeTime')}
      </Text>
      <Text size="sm" ff="monospace" data-testid="exchange-time">
        {formatExchangeTime(now, i18n.language)}
      </Text>
    </Group>
  );
}
