import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditVerifyFailure, AuditVerifyReport } from '../../../src-shared/audit-view/audit-verify-call';
import { CallErrorAlert } from '../components/CallErrorAlert';
import { CheckStatusBadge } from '../components/CheckStatusBadge';
import { exchangeTime } from '../format';
import { CallError, invoke } from '../ipc/client';

export function failureLine(t: TFunction, f: AuditVerifyFailure): string {
  return f.seq === null
    ? t('auditVerify.firstFailureNoSeq', { check: f.check, log: f.log })
    : t('auditVerify.firstFailure', { check: f.check, log: f.log, seq: f.seq });
}

/** Full verification on demand (`audit.verify`); the main process then pushes fresh health for the header badge. */
export function AuditVerifyPanel() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<AuditVerifyReport | null>(null);
  const [error, setError] = useState<CallError>();

  const verify = async () => {
    setBusy(true);
    setError(undefined);
    setReport(null);
    try {
      setReport(await invoke('audit.verify', {}));
    } catch (err) {
      setError(err instanceof CallError ? err : new CallError({ code: 'INTERNAL', message: String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="verify-now-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4} id="verify-now-title">
            {t('auditVerify.verifyNow')}
          </Title>
          <Button onClick={() => void verify()} loading={busy}>
            {t('auditVerify.verifyNow')}
          </Button>
        </Group>
        <CallErrorAlert error={error} title={t('auditVerify.refused')} />
        {report && <VerifyReport report={report} />}
      </Stack>
    </Paper>
  );
}

function VerifyReport({ report: r }: { report: AuditVerifyReport }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="sm" data-testid="verify-report" data-ok={r.ok ? 'true' : 'false'}>
      <Group gap="sm">
        <Badge size="lg" variant="filled" color={r.ok ? 'green' : 'red'} data-testid="verify-verdict">
          {r.ok ? t('auditVerify.verified') : t('auditVerify.failed')}
        </Badge>
        <Text size="sm" data-testid="verify-totals">
          {t('auditVerify.totals', {
            logs: r.totals.logs,
            failed: r.totals.logsFailed,
            events: r.totals.events,
            checkpoints: r.totals.checkpoints,
          })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('auditVerify.at', { at: exchangeTime(r.verifiedAt, i18n.language) })}
        </Text>
      </Group>
      {r.firstFailure && (
        <Alert color="red" variant="filled" title={failureLine(t, r.firstFailure)} role="alert" data-testid="verify-first-failure">
          {r.firstFailure.detail}
        </Alert>
      )}
      <Table aria-label={t('auditVerify.logsLabel')} fz="sm" verticalSpacing={4} data-testid="verify-logs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('auditVerify.log')}</Table.Th>
            <Table.Th w={110}>{t('auditVerify.result')}</Table.Th>
            <Table.Th>{t('auditVerify.events')}</Table.Th>
            <Table.Th>{t('auditVerify.checkpoints')}</Table.Th>
            <Table.Th>{t('auditVerify.root')}</Table.Th>
            <Table.Th>{t('auditVerify.failure')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {r.logs.map((l) => (
            <Table.Tr key={l.log} data-log={l.log}>
              <Table.Td ff="monospace">{l.log}</Table.Td>
              <Table.Td>
                <CheckStatusBadge status={l.ok ? 'pass' : 'fail'} />
              </Table.Td>
              <Table.Td ff="monospace">
                {l.eventsChecked} / {l.size}
              </Table.Td>
              <Table.Td ff="monospace">{l.checkpointsChecked}</Table.Td>
              <Table.Td ff="monospace" title={l.root}>
                {l.root ? `${l.root.slice(0, 16)}…` : '—'}
              </Table.Td>
              <Table.Td>
                {l.failure ? (
                  <Text size="xs" c="red">
                    {failureLine(t, l.failure)}: {l.failure.detail}
                  </Text>
                ) : (
                  '—'
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Table aria-label={t('auditVerify.checksLabel')} fz="sm" verticalSpacing={2} data-testid="verify-checks">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('auditVerify.check')}</Table.Th>
            <Table.Th>{t('auditVerify.result')}</Table.Th>
            <Table.Th>{t('auditVerify.failures')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {r.checks.map((c) => (
            <Table.Tr key={c.check} data-check={c.check}>
              <Table.Td ff="monospace">{c.check}</Table.Td>
              <Table.Td>
                <CheckStatusBadge status={c.status} />
              </Table.Td>
              <Table.Td>
                {c.firstFailure ? (
                  <Text size="xs" c="red">
                    {c.failures} · {failureLine(t, c.firstFailure)}
                  </Text>
                ) : (
                  c.failures
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
