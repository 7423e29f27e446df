import { Badge, Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEventContext } from '../../../src-shared/audit-view/audit-integrity-calls';
import { KEY_REASON_FIRST_USE, KEY_REASON_PREDATES } from '../../../src-shared/events/governance-catalog';
import { CallErrorAlert } from '../components/CallErrorAlert';
import { exchangeTime } from '../format';
import { useCall, useEvent } from '../hooks/use-call';
import { asCallError, CallError, invoke } from '../ipc/client';

const prefix = (h: string | null) => (h ? `${h.slice(0, 16)}…` : '—');

/** The stored rows around the first failing event: stored vs recomputed hash, and the chain link. */
export function FailingEventContext({ context: c }: { context: AuditEventContext }) {
  const { t, i18n } = useTranslation();
  return (
    <Table aria-label={t('auditIntegrity.contextLabel')} fz="xs" verticalSpacing={2} data-testid="failing-event-context">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('auditIntegrity.seq')}</Table.Th>
          <Table.Th>{t('auditIntegrity.type')}</Table.Th>
          <Table.Th>{t('auditIntegrity.ts')}</Table.Th>
          <Table.Th>{t('auditIntegrity.storedHash')}</Table.Th>
          <Table.Th>{t('auditIntegrity.recomputedHash')}</Table.Th>
          <Table.Th>{t('auditIntegrity.chain')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {c.rows.map((r) => (
          <Table.Tr
            key={r.seq}
            data-seq={r.seq}
            data-failing={r.seq === c.seq ? 'true' : 'false'}
            bg={r.seq === c.seq ? 'var(--mantine-color-red-light)' : undefined}
          >
            <Table.Td ff="monospace">{r.seq}</Table.Td>
            <Table.Td ff="monospace">{r.present ? (r.type ?? t('auditIntegrity.unreadable')) : t('auditIntegrity.missingRow')}</Table.Td>
            <Table.Td ff="monospace">{r.ts ? exchangeTime(r.ts, i18n.language) : '—'}</Table.Td>
            <Table.Td ff="monospace" title={r.storedHash ?? ''}>
              {prefix(r.storedHash)}
            </Table.Td>
            <Table.Td
              ff="monospace"
              title={r.recomputedHash ?? ''}
              c={r.hashMatches === false ? 'red' : undefined}
              data-hash-matches={String(r.hashMatches)}
            >
              {prefix(r.recomputedHash)} {r.hashMatches === false ? `(${t('auditIntegrity.differs')})` : ''}
            </Table.Td>
            <Table.Td c={r.chainMatches === false ? 'red' : undefined}>
              {r.chainMatches === null ? '—' : r.chainMatches ? t('auditIntegrity.linked') : t('auditIntegrity.broken')}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Every signed checkpoint, newest first; virtualized because a store kept for years holds thousands. */
export function CheckpointsPanel() {
  const { t, i18n } = useTranslation();
  const list = useCall('audit.checkpoints', {});
  useEvent('app.health.changed', () => list.refresh());
  useEvent('incidents.changed', () => list.refresh());
  const rows = list.data?.checkpoints ?? [];
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => 30, overscan: 10 });
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="checkpoints-title">
      <Stack gap="xs">
        <Title order={4} id="checkpoints-title">
          {t('auditIntegrity.checkpoints')}
        </Title>
        <CallErrorAlert error={list.error} />
        {list.data && (
          <Text size="sm" c="dimmed" data-testid="checkpoints-count">
            {t('auditIntegrity.checkpointsCount', { count: list.data.total })}
          </Text>
        )}
        <Group gap={0} wrap="nowrap" fz="xs" fw={700} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <Text w={220} size="xs" fw={700}>
            {t('auditVerify.log')}
          </Text>
          <Text w={80} size="xs" fw={700}>
            {t('auditIntegrity.lastSeq')}
          </Text>
          <Text w={170} size="xs" fw={700}>
            {t('auditVerify.root')}
          </Text>
          <Text w={190} size="xs" fw={700}>
            {t('auditIntegrity.signedAt')}
          </Text>
          <Text w={170} size="xs" fw={700}>
            {t('auditIntegrity.keyFingerprint')}
          </Text>
          <Text size="xs" fw={700}>
            {t('auditIntegrity.signature')}
          </Text>
        </Group>
        <div
          ref={scroller}
          style={{ maxHeight: 300, overflow: 'auto' }}
          role="list"
          aria-label={t('auditIntegrity.checkpoints')}
          data-testid="checkpoints-list"
        >
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((item) => {
              const c = rows[item.index]!;
              return (
                <Group
                  key={item.key}
                  role="listitem"
                  gap={0}
                  wrap="nowrap"
                  data-log={c.log}
                  data-size={c.size}
                  style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: 30, transform: `translateY(${item.start}px)` }}
                >
                  <Text w={220} size="xs" ff="monospace" truncate>
                    {c.log}
                  </Text>
                  <Text w={80} size="xs" ff="monospace">
                    {c.size === 0 ? '—' : c.size - 1}
                  </Text>
                  <Text w={170} size="xs" ff="monospace" title={c.root}>
                    {prefix(c.root)}
                  </Text>
                  <Text w={190} size="xs" ff="monospace">
                    {exchangeTime(c.signedAt, i18n.language)}
                  </Text>
                  <Text w={170} size="xs" ff="monospace" title={c.keyFingerprint ?? c.keyId}>
                    {c.keyFingerprint ? prefix(c.keyFingerprint) : t('auditIntegrity.foreignKey', { id: c.keyId })}
                  </Text>
                  <Badge
                    size="sm"
                    variant="light"
                    color={c.signatureValid ? 'green' : 'red'}
                    data-signature={c.signatureValid ? 'valid' : 'invalid'}
                  >
                    {c.signatureValid ? t('auditIntegrity.signatureValid') : t('auditIntegrity.signatureInvalid')}
                  </Badge>
                </Group>
              );
            })}
          </div>
        </div>
      </Stack>
    </Paper>
  );
}

/** The workstation public key: its fingerprint to read out or copy, and the PEM to hand a reviewer. */
export function PublicKeyPanel() {
  const { t, i18n } = useTranslation();
  const key = useCall('key.public');
  // A key and its values, translated when drawn: the note follows a language switch.
  const [note, setNote] = useState<{ key: 'copied' | 'copyFailed' | 'exported'; path?: string } | null>(null);
  const [error, setError] = useState<CallError>();
  const copy = async () => {
    if (!key.data) return;
    setError(undefined);
    try {
      await navigator.clipboard.writeText(key.data.fingerprint);
      setNote({ key: 'copied' });
    } catch {
      setNote({ key: 'copyFailed' });
    }
  };
  const exportKey = async () => {
    setError(undefined);
    setNote(null);
    try {
      const chosen = await invoke('dialog.saveFile', { purpose: 'public-key', suggestedName: 'papertape-workstation.pem' });
      if (chosen.canceled) return;
      const r = await invoke('key.export', { path: { token: chosen.token } });
      setNote({ key: 'exported', path: r.path });
    } catch (err) {
      setError(asCallError(err));
    }
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="public-key-title">
      <Stack gap="xs">
        <Title order={4} id="public-key-title">
          {t('auditIntegrity.publicKey')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('auditIntegrity.publicKeyHint')}
        </Text>
        <CallErrorAlert error={key.error ?? error} />
        {key.data && (
          <Group gap="sm">
            <Code data-testid="key-fingerprint">{key.data.fingerprint}</Code>
            <Button size="xs" variant="default" onClick={() => void copy()}>
              {t('auditIntegrity.copy')}
            </Button>
            <Button size="xs" variant="default" onClick={() => void exportKey()}>
              {t('auditIntegrity.export')}
            </Button>
          </Group>
        )}
        {note && (
          <Text size="sm" data-testid="key-note">
            {t(`auditIntegrity.${note.key}`, { path: note.path })}
          </Text>
        )}
        {key.data && key.data.history.length > 0 && (
          <>
            <Text size="sm" c="dimmed">
              {t('auditIntegrity.keyHistoryHint')} <Code>papertape key replace</Code>
            </Text>
            <Table aria-label={t('auditIntegrity.keyHistory')} fz="xs" verticalSpacing={2} data-testid="key-history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>{t('auditIntegrity.keyFingerprint')}</Table.Th>
                  <Table.Th>{t('auditIntegrity.keyRecordedAt')}</Table.Th>
                  <Table.Th>{t('auditIntegrity.keyWhy')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {key.data.history.map((k) => (
                  <Table.Tr key={k.ordinal} data-key-ordinal={k.ordinal} data-current={k.current}>
                    <Table.Td>{k.ordinal}</Table.Td>
                    <Table.Td>
                      <Code>{prefix(k.fingerprint)}</Code>
                    </Table.Td>
                    <Table.Td ff="monospace">{exchangeTime(k.recordedAt, i18n.language)}</Table.Td>
                    <Table.Td>{keyReason(k.reason, t)}</Table.Td>
                    <Table.Td>{k.current && <Badge size="xs">{t('auditIntegrity.keyCurrent')}</Badge>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** The workstation's own reasons are shown in the UI language; a person's reason for a replacement as they wrote it. */
function keyReason(reason: string, t: (key: string) => string): string {
  if (reason === KEY_REASON_FIRST_USE) return t('auditIntegrity.keyReasonFirstUse');
  if (reason === KEY_REASON_PREDATES) return t('auditIntegrity.keyReasonPredates');
  return reason;
}
