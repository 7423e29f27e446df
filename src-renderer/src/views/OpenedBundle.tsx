import { Alert, Badge, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../src-shared/contract';
import { CheckStatusBadge } from '../components/CheckStatusBadge';
import { exchangeTime } from '../format';
import { firstFailingSeq } from './first-failing-seq';

type OpenResult = CallOutput<'evidence.open'>;

/** What `evidence.open` found: the verdict, every check, and (only for a sound bundle) its read-only summary. */
export function BundleVerification({ result }: { result: OpenResult }) {
  const { t } = useTranslation();
  const v = result.verification;
  const first = v.firstFailure;
  const seqFailure = firstFailingSeq(v.checks);
  // Every check holding against the bundle's own key proves nothing about who made it: not VERIFIED.
  const verdict = !v.ok ? 'failed' : v.keyPinned ? 'verified' : 'unpinned';
  const color = { failed: 'red', verified: 'green', unpinned: 'yellow' }[verdict];
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      style={{ borderColor: `var(--mantine-color-${color}-7)`, borderWidth: 2 }}
      data-testid="bundle-verification"
      data-ok={v.ok ? 'true' : 'false'}
      data-verdict={verdict}
    >
      <Stack gap="xs">
        <Group gap="sm" wrap="nowrap">
          <Badge size="lg" color={color} variant="filled" data-testid="bundle-verdict">
            {verdict === 'failed' ? t('evidence.failed') : verdict === 'verified' ? t('evidence.verified') : t('evidenceKeys.unpinned')}
          </Badge>
          <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {t('evidence.verificationTitle', { bundle: v.bundle })}
          </Text>
        </Group>
        {verdict === 'unpinned' && (
          <Alert color="yellow" variant="light" data-testid="bundle-unpinned" role="status">
            {t('evidenceKeys.unpinnedNote')}
          </Alert>
        )}
        {first && (
          <Alert color="red" variant="filled" title={firstFailureTitle(t, first)} data-testid="bundle-first-failure" role="alert">
            {first.detail}
          </Alert>
        )}
        {seqFailure && (
          <Text size="sm" c="red" fw={600} data-testid="bundle-first-failing-seq">
            {t('evidence.firstFailingSeq', { seq: seqFailure.seq, check: seqFailure.check })}
          </Text>
        )}
        {!v.ok && (
          <Text size="sm" c="red" fw={600} data-testid="bundle-not-shown">
            {t('evidence.failedNotShown')}
          </Text>
        )}
        {v.keyFingerprint && (
          <Text size="xs" c="dimmed">
            {v.keyPinned
              ? t('evidence.keyPinned', { fingerprint: v.keyFingerprint })
              : t('evidence.keyHint', { fingerprint: v.keyFingerprint })}
          </Text>
        )}
        <Table aria-label={t('evidence.checksLabel')} data-testid="bundle-checks" fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('evidence.check')}</Table.Th>
              <Table.Th w={110}>{t('evidence.result')}</Table.Th>
              <Table.Th w={60}>{t('evidence.seq')}</Table.Th>
              <Table.Th>{t('evidence.detail')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {v.checks.map((c, i) => (
              <Table.Tr
                key={`${c.check}-${i}`}
                data-check={c.check}
                bg={c.status === 'fail' ? 'var(--mantine-color-red-light)' : undefined}
              >
                <Table.Td ff="monospace">{c.check}</Table.Td>
                <Table.Td>
                  <CheckStatusBadge status={c.status} />
                </Table.Td>
                <Table.Td ff="monospace">{c.seq ?? '—'}</Table.Td>
                <Table.Td>
                  <Text size="xs" c={c.status === 'fail' ? 'red' : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
                    {c.detail}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

function firstFailureTitle(t: TFunction, f: { check: string; seq?: number | undefined }): string {
  return f.seq === undefined
    ? t('evidence.firstFailure', { check: f.check })
    : t('evidence.firstFailureSeq', { check: f.check, seq: f.seq });
}

export function ForeignBundleSummary({ summary: s }: { summary: NonNullable<OpenResult['summary']> }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby="foreign-bundle-title"
      data-testid="bundle-summary"
      style={{ borderStyle: 'dashed', borderColor: 'var(--mantine-color-violet-6)', borderWidth: 2 }}
    >
      <Stack gap="xs">
        <Group gap="sm">
          <Title order={5} id="foreign-bundle-title">
            {t('evidence.foreignTitle')}
          </Title>
        </Group>
        <Text size="sm" c="dimmed">
          {t('evidence.foreignNote')}
        </Text>
        <Text size="sm">{s.notice}</Text>
        <Table fz="sm" withRowBorders={false} verticalSpacing={2} aria-label={t('evidence.summaryLabel')}>
          <Table.Tbody>
            <SummaryRow label={t('evidence.sessionId')} value={s.sessionId} testId="bundle-session" />
            <SummaryRow label={t('evidence.log')} value={s.log} />
            <SummaryRow label={t('evidence.size')} value={s.size.toLocaleString(i18n.language)} testId="bundle-size" />
            <SummaryRow label={t('evidence.root')} value={s.root} />
            <SummaryRow label={t('evidence.createdAt')} value={exchangeTime(s.createdAt, i18n.language)} />
            <SummaryRow label={t('evidence.codeVersion')} value={s.codeVersion} />
            <SummaryRow label={t('evidence.keyFingerprint')} value={s.keyFingerprint} />
            <SummaryRow label={t('evidence.specName')} value={s.specName ?? '—'} />
            <SummaryRow label={t('evidence.data')} value={s.dataIncluded ? t('evidence.dataIncluded') : t('evidence.dataExcluded')} />
            <SummaryRow label={t('evidence.dataFingerprint')} value={s.dataFingerprint ?? '—'} />
            <SummaryRow label={t('evidence.firstTs')} value={exchangeTime(s.firstTs, i18n.language)} />
            <SummaryRow label={t('evidence.lastTs')} value={exchangeTime(s.lastTs, i18n.language)} />
          </Table.Tbody>
        </Table>
        <Text size="sm" fw={500}>
          {t('evidence.eventTypes')}
        </Text>
        <Group gap={6}>
          {s.eventTypes.map(([type, n]) => (
            <Badge key={type} variant="outline" color="gray" tt="none">
              {type} × {n}
            </Badge>
          ))}
        </Group>
      </Stack>
    </Paper>
  );
}

export function SummaryRow({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Table.Tr>
      <Table.Td c="dimmed" w={200}>
        {label}
      </Table.Td>
      <Table.Td>
        <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }} data-testid={testId}>
          {value}
        </Code>
      </Table.Td>
    </Table.Tr>
  );
}
