import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilePurpose } from '../../../src-shared/contract';
import { CallErrorAlert } from './CallErrorAlert';
import { CallError, invoke } from '../ipc/client';

interface Props {
  label: string;
  description?: string;
  value: string;
  onChange: (path: string) => void;
  purpose: FilePurpose;
  /** `save` asks for a new location (an export), `open` for an existing file. */
  dialog: 'open' | 'save';
  suggestedName?: string;
  testId?: string;
}

/**
 * An absolute path typed by hand, or picked with the native dialog. Without a dialog provider (tests,
 * a bare browser) the main process refuses the dialog call; that refusal is shown, and typing still works.
 */
export function PathField({ label, description, value, onChange, purpose, dialog, suggestedName, testId }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<CallError>();
  const [busy, setBusy] = useState(false);

  const choose = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const r =
        dialog === 'save'
          ? await invoke('dialog.saveFile', { purpose, ...(suggestedName ? { suggestedName } : {}) })
          : await invoke('dialog.openFile', { purpose });
      if (!r.canceled) onChange(r.path);
    } catch (err) {
      setError(err instanceof CallError ? err : new CallError({ code: 'INTERNAL', message: String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap={6}>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput
          label={label}
          description={description}
          value={value}
          onChange={(e) => {
            setError(undefined);
            onChange(e.currentTarget.value);
          }}
          style={{ flex: 1 }}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          spellCheck={false}
          data-testid={testId}
        />
        <Button variant="default" onClick={() => void choose()} loading={busy} aria-label={t('pathField.chooseLabel', { field: label })}>
          {t('pathField.choose')}
        </Button>
      </Group>
      <CallErrorAlert error={error} title={t('pathField.dialogRefused')} />
    </Stack>
  );
}
