import { Alert, Badge, Code, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataInspection, InspectedFile } from '../../../src-shared/market/data-inspection';
import { ActionControls } from '../components/ActionControls';
import { PathField } from '../components/PathField';
import { useAction } from '../hooks/use-action';
import { invoke } from '../ipc/client';
import { NO_PATH, pathRefOf, type PathChoice } from './path-choice';

/**
 * Inspect a market data file before a session is created on it: the same inspection as
 * `papertape data inspect`, read by the parsers a run uses, so a refused file shows the lines a run would print.
 */
export function DataInspectPanel() {
  const { t } = useTranslation();
  const [file, setFile] = useState<PathChoice>(NO_PATH);
  const inspection = useAction<DataInspection>();

  function inspect() {
    const ref = pathRefOf(file);
    if (ref) void inspection.run(() => invoke('data.inspect', { path: ref }));
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="data-inspect-title">
      <Stack gap="sm">
        <Title order={4} id="data-inspect-title">
          {t('dataInspect.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('dataInspect.hint')}
        </Text>
        <PathField
          dialog="open"
          purpose="market-data"
          label={t('dataInspect.file')}
          value={file.path}
          onChange={(path, token) => setFile({ path, token })}
          testId="data-inspect-path"
        />
        <ActionControls
          action={inspection}
          label={t('dataInspect.inspect')}
          onRun={inspect}
          disabled={pathRefOf(file) === null}
          errorTitle={t('dataInspect.refused')}
        />
        {inspection.result?.files.map((f) => (
          <InspectedFileView key={f.file} f={f} />
        ))}
      </Stack>
    </Paper>
  );
}

function InspectedFileView({ f }: { f: InspectedFile }) {
  const { t } = useTranslation();
  const c = f.counts;
  return (
    <Stack gap="xs" data-testid="data-inspection" data-file={f.file}>
      <Group gap="xs">
        <Text fw={600}>{f.file}</Text>
        <Badge variant="light">{f.format ? t(`dataInspect.format.${f.format}`) : t('dataInspect.unknownFormat')}</Badge>
        <Badge color={f.refused.length === 0 ? 'teal' : 'red'} data-testid="data-inspection-verdict">
          {f.refused.length === 0 ? t('dataInspect.accepted') : t('dataInspect.rejected', { count: f.refused.length })}
        </Badge>
      </Group>
      <Text size="sm" data-testid="data-inspection-counts">
        {t('dataInspect.counts', {
          rows: c.rows,
          kept: c.kept,
          spread: c.spreadRows,
          far: c.farMonthRows,
          other: c.otherProductRows,
          weekly: c.weeklyRows,
          refused: c.refused,
        })}
      </Text>
      {f.timeRange && (
        <Text size="sm">
          {t('dataInspect.timeRange', { first: f.timeRange.first, last: f.timeRange.last })}
          {f.priceRange && ` · ${t('dataInspect.priceRange', { low: f.priceRange.low, high: f.priceRange.high })}`}
        </Text>
      )}
      {f.contracts.length > 0 && (
        <Table withTableBorder striped aria-label={t('dataInspect.contracts')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dataInspect.contract')}</Table.Th>
              <Table.Th>{t('dataInspect.month')}</Table.Th>
              <Table.Th>{t('dataInspect.lastTradingDay')}</Table.Th>
              <Table.Th>{t('dataInspect.rows')}</Table.Th>
              <Table.Th>{t('dataInspect.prices')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {f.contracts.map((k) => (
              <Table.Tr key={k.contract}>
                <Table.Td>
                  {k.contract}
                  {k.farMonth && (
                    <Badge ml="xs" size="xs" variant="outline">
                      {t('dataInspect.farMonth')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{k.month}</Table.Td>
                <Table.Td>{k.lastTradingDay}</Table.Td>
                <Table.Td>{k.rows}</Table.Td>
                <Table.Td>
                  {k.low}–{k.high}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {f.sessions.length > 0 && (
        <Table withTableBorder aria-label={t('dataInspect.sessions')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dataInspect.tradingDay')}</Table.Th>
              <Table.Th>{t('dataInspect.session')}</Table.Th>
              <Table.Th>{t('dataInspect.rows')}</Table.Th>
              <Table.Th>{t('dataInspect.span')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {f.sessions.map((s) => (
              <Table.Tr key={`${s.tradingDay}-${s.session}`}>
                <Table.Td>{s.tradingDay}</Table.Td>
                <Table.Td>{t(`dataInspect.sessionKind.${s.session}`)}</Table.Td>
                <Table.Td>{s.rows}</Table.Td>
                <Table.Td>
                  {s.first} – {s.last}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="sm">
        {t('dataInspect.fingerprint')}:{' '}
        <Code data-testid="data-inspection-fingerprint">{f.fingerprint ?? t('dataInspect.noFingerprint')}</Code>
      </Text>
      {f.fingerprint !== null && (
        <Text size="xs" c="dimmed" data-testid="data-inspection-book-model">
          {t('dataInspect.bookModel')}
        </Text>
      )}
      {f.refused.length > 0 && (
        <Alert color="red" title={t('dataInspect.refusedRows')}>
          <List size="sm" spacing={2} data-testid="data-inspection-refused">
            {f.refused.map((r) => (
              <List.Item key={`${r.file}:${r.line}`}>
                <Code>{r.text}</Code>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
