import { Alert, Badge, Button, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEventContext, AuditVerifyProgress } from '../../../src-shared/audit-view/audit-integrity-calls';
import type { AuditVerifyCheck, AuditVerifyFailure, AuditVerifyReport } from '../../../src-shared/audit-view/audit-verify-call';
import { useAction } from '../hooks/use-action';
import { useEvent } from '../hooks/use-call';
import { FailingEventContext } from './AuditIntegrityPanels';
import { CallErrorAlert } from '../components/CallErrorAlert';
import { CheckStatusBadge } from '../components/CheckStatusBadge';
import { exchangeTime } from '../format';
import { asCallError, CallError, invoke } from '../ipc/client';

export function failureLine(t: TFunction, f: AuditVerifyFailure): string {
  return f.seq === null
    ? t('auditVerify.firstFailureNoSeq', { check: f.check, log: f.log })
    : t('auditVerify.firstFailure', { check: f.check, log: f.log, seq: f.seq });
}

/** Full verification on demand (`audit.verify`); the main process then pushes fresh health for the header badge. */
export function AuditVerifyPanel() {
  const { t } = useTranslation();
  const verification = useAction<AuditVerifyReport>();
  const { busy, result: report } = verification;
  const [progress, setProgress] = useState<AuditVerifyProgress | null>(null);
  // Progress is pushed by main while the verification job reads the logs.
  useEvent('audit.progress', (p) => setProgress(p));

  const verify = () => {
    setProgress(null);
    void verification.run(() => invoke('audit.verify', {}));
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="verify-now-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4} id="verify-now-title">
            {t('auditVerify.verifyNow')}
          </Title>
          <Button onClick={verify} loading={busy}>
            {t('auditVerify.verifyNow')}
          </Button>
        </Group>
        {(busy || progress) && (
          <Stack gap={2}>
            <Text size="xs" c="dimmed" data-testid="verify-progress-text">
              {progress
                ? t('auditIntegrity.progress', { done: progress.done, total: progress.total, log: progress.log })
                : t('common.loading')}
            </Text>
            <Progress
              value={progress ? (progress.total === 0 ? 100 : Math.floor((progress.done * 100) / progress.total)) : 0}
              aria-label={t('auditIntegrity.progressLabel')}
              data-testid="verify-progress"
              animated={busy}
            />
          </Stack>
        )}
        <CallErrorAlert error={verification.error} title={t('auditVerify.refused')} />
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
          {i18n.language === 'en' ? r.firstFailure.detail : t(`auditIntegrity.explain.${r.firstFailure.check}`)}
        </Alert>
      )}
      {r.firstFailure && r.firstFailure.seq !== null && <FirstFailureContext failure={r.firstFailure} />}
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
                    {failureLine(t, l.failure)}:{' '}
                    {i18n.language === 'en' ? l.failure.detail : t(`auditIntegrity.explain.${l.failure.check}`)}
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
            <Table.Th>{t('auditIntegrity.detail')}</Table.Th>
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
              <Table.Td>
                <Text size="xs" data-testid="check-detail">
                  {checkDetail(t, c, i18n.language)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/**
 * What a check's row says: the verifier's own words when it failed (in English; in zh-TW the check's
 * translated explanation, since main's detail text is English), else what the check covers or why it was skipped.
 */
function checkDetail(t: TFunction, c: AuditVerifyCheck, language: string): string {
  if (c.status === 'fail' && c.firstFailure) return language === 'en' ? c.firstFailure.detail : t(`auditIntegrity.explain.${c.check}`);
  if (c.status === 'skip') return t(`auditIntegrity.skipped.${c.check.startsWith('registry.') ? 'registry' : 'rollback'}`);
  return t(`auditIntegrity.covers.${c.check}`);
}

/** Loads the stored rows seq-2..seq+2 around the first failure from the store (read-only) and shows them. */
function FirstFailureContext({ failure }: { failure: AuditVerifyFailure }) {
  const { t } = useTranslation();
  const [context, setContext] = useState<AuditEventContext | null>(null);
  const [error, setError] = useState<CallError>();
  useEffect(() => {
    let active = true;
    invoke('audit.eventContext', { log: failure.log, seq: failure.seq ?? 0, radius: 2 }).then(
      (c) => active && setContext(c),
      (err: unknown) => active && setError(asCallError(err)),
    );
    return () => {
      active = false;
    };
  }, [failure.log, failure.seq]);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {t('auditIntegrity.contextTitle', { log: failure.log, seq: failure.seq })}
      </Text>
      <CallErrorAlert error={error} />
      {context && <FailingEventContext context={context} />}
    </Stack>
  );
}
