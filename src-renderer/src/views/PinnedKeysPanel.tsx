import { Alert, Button, FileButton, Group, Paper, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../src-shared/contract';
import { ActionControls } from '../components/ActionControls';
import { CallErrorAlert } from '../components/CallErrorAlert';
import { exchangeTime } from '../format';
import { useAction } from '../hooks/use-action';
import { useCall } from '../hooks/use-call';
import { invoke } from '../ipc/client';

type PinnedKey = CallOutput<'evidence.keys'>['keys'][number];

const short = (fp: string) => fp.slice(0, 16);

/**
 * Which key a bundle is verified with. Nothing is VERIFIED against the bundle's own key: the reviewer
 * picks a key they trust (this workstation's, or one pinned here from a PEM obtained apart from the bundle).
 */
export function PinnedKeysPanel({ value, onChange }: { value: string | null; onChange: (fingerprint: string | null) => void }) {
  const { t } = useTranslation();
  const keys = useCall('evidence.keys', {});
  const list = keys.data?.keys ?? [];
  const labelOf = (k: PinnedKey) =>
    t('evidenceKeys.option', { label: k.own ? t('evidenceKeys.own') : k.label, short: short(k.fingerprint) });
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="pinned-keys-title" data-testid="pinned-keys">
      <Stack gap="xs">
        <Title order={5} id="pinned-keys-title">
          {t('evidenceKeys.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('evidenceKeys.intro')}
        </Text>
        <CallErrorAlert error={keys.error} />
        <Select
          label={t('evidenceKeys.verifyWith')}
          data={[{ value: '', label: t('evidenceKeys.bundledOnly') }, ...list.map((k) => ({ value: k.fingerprint, label: labelOf(k) }))]}
          value={value ?? ''}
          onChange={(v) => onChange(v ? v : null)}
          allowDeselect={false}
          data-testid="verify-with"
        />
        <PinnedKeyTable keys={list.filter((k) => !k.own)} onForgotten={(fp) => (fp === value && onChange(null), keys.refresh())} />
        <PinKeyForm
          onPinned={(k) => {
            keys.refresh();
            onChange(k.fingerprint);
          }}
        />
      </Stack>
    </Paper>
  );
}

function PinKeyForm({ onPinned }: { onPinned: (k: PinnedKey) => void }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [pem, setPem] = useState('');
  const [by, setBy] = useState('');
  const pinning = useAction<PinnedKey>();
  const pinnedNow = pinning.result;

  const pin = async () => {
    if (!label.trim() || !pem.trim() || !by.trim()) {
      pinning.refuse(t('evidenceKeys.needFields'));
      return;
    }
    const k = await pinning.run(() => invoke('evidence.pinKey', { label, publicKeyPem: pem, by }));
    if (!k) return;
    setPem('');
    setLabel('');
    onPinned(k);
  };

  return (
    <Stack gap={6} component="fieldset" style={{ border: 0, padding: 0, margin: 0 }} aria-label={t('evidenceKeys.pinTitle')}>
      <Text size="sm" fw={600}>
        {t('evidenceKeys.pinTitle')}
      </Text>
      <Group grow align="flex-start">
        <TextInput label={t('evidenceKeys.label')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} maxLength={80} />
        <TextInput
          label={t('evidenceKeys.by')}
          description={t('evidenceKeys.attribution')}
          value={by}
          onChange={(e) => setBy(e.currentTarget.value)}
          maxLength={80}
        />
      </Group>
      <Textarea
        label={t('evidenceKeys.pem')}
        description={t('evidenceKeys.pemHint')}
        value={pem}
        onChange={(e) => setPem(e.currentTarget.value)}
        autosize
        minRows={3}
        maxRows={6}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
        spellCheck={false}
      />
      <Group>
        <FileButton onChange={(f) => void f?.text().then(setPem)} accept=".pem,.pub,text/plain">
          {(props) => (
            <Button variant="default" {...props}>
              {t('evidenceKeys.loadFile')}
            </Button>
          )}
        </FileButton>
      </Group>
      <ActionControls action={pinning} label={t('evidenceKeys.pin')} onRun={() => void pin()} errorTitle={t('evidenceKeys.pinRefused')} />
      {pinnedNow && (
        <Text size="sm" role="status" data-testid="pin-status">
          {t('evidenceKeys.pinned', { label: pinnedNow.label, short: short(pinnedNow.fingerprint) })}
        </Text>
      )}
    </Stack>
  );
}

function PinnedKeyTable({ keys, onForgotten }: { keys: PinnedKey[]; onForgotten: (fingerprint: string) => void }) {
  const { t, i18n } = useTranslation();
  const [forgetting, setForgetting] = useState<PinnedKey | null>(null);
  const [by, setBy] = useState('');
  const [reason, setReason] = useState('');
  const forgetCall = useAction<CallOutput<'evidence.forgetKey'>>();
  if (keys.length === 0) return null;

  const forget = async () => {
    if (!forgetting) return;
    const fingerprint = forgetting.fingerprint;
    if ((await forgetCall.run(() => invoke('evidence.forgetKey', { fingerprint, by, reason }))) === undefined) return;
    onForgotten(fingerprint);
    setForgetting(null);
    setReason('');
  };

  return (
    <Stack gap={6}>
      <Table fz="sm" verticalSpacing={4} aria-label={t('evidenceKeys.list')} data-testid="pinned-key-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('evidenceKeys.label')}</Table.Th>
            <Table.Th>{t('evidenceKeys.fingerprint')}</Table.Th>
            <Table.Th>{t('evidenceKeys.pinnedBy')}</Table.Th>
            <Table.Th>{t('evidenceKeys.pinnedAt')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((k) => (
            <Table.Tr key={k.fingerprint} data-fingerprint={k.fingerprint}>
              <Table.Td>{k.label}</Table.Td>
              <Table.Td ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                {k.fingerprint}
              </Table.Td>
              <Table.Td>{k.pinnedBy}</Table.Td>
              <Table.Td>{exchangeTime(k.pinnedAt, i18n.language)}</Table.Td>
              <Table.Td>
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => setForgetting(k)}>
                  {t('evidenceKeys.forget')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {forgetting && (
        <Alert color="red" variant="light" title={t('evidenceKeys.forgetReason', { label: forgetting.label })}>
          <Group align="flex-end">
            <TextInput label={t('evidenceKeys.by')} value={by} onChange={(e) => setBy(e.currentTarget.value)} maxLength={80} />
            <TextInput
              label={t('evidenceKeys.forgetReason', { label: forgetting.label })}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              maxLength={500}
              style={{ flex: 1 }}
            />
          </Group>
          <ActionControls
            action={forgetCall}
            label={t('evidenceKeys.forgetConfirm')}
            color="red"
            onRun={() => void forget()}
            errorTitle={t('evidenceKeys.forgetRefused')}
            extra={
              <Button variant="default" onClick={() => setForgetting(null)}>
                {t('evidenceKeys.cancel')}
              </Button>
            }
          />
        </Alert>
      )}
    </Stack>
  );
}
