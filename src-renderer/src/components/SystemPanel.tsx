import { Alert, Button, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppHealth, AppInfo } from '../../../src-shared/contract';
import { formatExchangeTime } from '../../../src-shared/exchange-time';
import type { CallError } from '../ipc/client';

interface Props {
  info: AppInfo | undefined;
  health: AppHealth | undefined;
  error: CallError | undefined;
  onRefresh: () => void;
}

/** Facts read from the main process through app.info and app.health, nothing else. */
export function SystemPanel({ info, health, error, onRefresh }: Props) {
  const { t, i18n } = useTranslation();
  const rows: [string, string][] = [
    [t('system.version'), info?.version ?? '…'],
    [t('system.build'), info?.buildId ?? '…'],
    [t('system.node'), health?.versions.node ?? '…'],
    [t('system.electron'), health ? (health.versions.electron ?? t('system.none')) : '…'],
    [t('system.sqlite'), health ? (health.versions.sqlite ?? t('system.none')) : '…'],
    [t('system.schema'), health ? String(health.store.schemaVersion ?? t('system.none')) : '…'],
    [t('system.checkedAt'), health ? formatExchangeTime(new Date(health.checkedAt), i18n.language) : '…'],
  ];
  return (
    <Stack gap="xs" aria-label={t('system.title')} role="region">
      <Title order={6}>{t('system.title')}</Title>
      {error && (
        <Alert color="red" variant="light" p="xs">
          {t('system.callFailed', { message: error.message })}
        </Alert>
      )}
      <Table fz="xs" verticalSpacing={2} withRowBorders={false}>
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Td c="dimmed">{k}</Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {v}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Button size="xs" variant="default" onClick={onRefresh}>
        {t('system.refresh')}
      </Button>
    </Stack>
  );
}
