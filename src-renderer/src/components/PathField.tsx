import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DialogResult, FilePurpose, FolderPurpose, PathToken } from '../../../src-shared/contract';
import { CallErrorAlert } from './CallErrorAlert';
import { asCallError, CallError, invoke } from '../ipc/client';

/**
 * Which native dialogs the field offers. `save` asks for a new file, `open` for an existing one,
 * `folder` for a folder (given `onFolderChosen`, the answer goes there instead of `onChange`, so the
 * caller can propose a new sub-folder inside it), and
 * `file-or-folder` offers both an existing file and an existing folder as two buttons.
 */
type Chooser =
  | { dialog: 'open'; purpose: FilePurpose }
  | { dialog: 'save'; purpose: FilePurpose; suggestedName?: string }
  | { dialog: 'folder'; folderPurpose: FolderPurpose; onFolderChosen?: (chosen: string, token: PathToken) => void }
  | { dialog: 'file-or-folder'; purpose: FilePurpose; folderPurpose: FolderPurpose };

type Props = Chooser & {
  label: string;
  description?: string;
  value: string;
  /** Typed text comes with `token: null`; a dialog's answer with the grant main minted for it. */
  onChange: (path: string, token: PathToken | null) => void;
  testId?: string;
};

type Ask = () => Promise<DialogResult>;
type Accept = (chosen: string, token: PathToken) => void;

/**
 * A path picked with the native dialog (sent to main as its grant token), or typed by hand (which
 * main accepts only inside the data directory). Without a dialog provider (tests,
 * a bare browser) the main process refuses the dialog call; that refusal is shown, and typing still works.
 */
export function PathField(props: Props) {
  const { label, description, value, onChange, testId } = props;
  const { t } = useTranslation();
  const [error, setError] = useState<CallError>();
  const [busy, setBusy] = useState(false);

  const choose = async (ask: Ask, accept: Accept = onChange) => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await ask();
      if (!r.canceled) accept(r.path, r.token);
    } catch (err) {
      setError(asCallError(err));
    } finally {
      setBusy(false);
    }
  };

  const fileButton = (ask: Ask, text: string) => (
    <Button variant="default" onClick={() => void choose(ask)} loading={busy} aria-label={t('pathField.chooseLabel', { field: label })}>
      {text}
    </Button>
  );
  const folderButton = (purpose: FolderPurpose, text: string, accept?: Accept) => (
    <Button
      variant="default"
      onClick={() => void choose(() => invoke('dialog.chooseFolder', { purpose }), accept)}
      loading={busy}
      aria-label={t('pathField.chooseFolderLabel', { field: label })}
    >
      {text}
    </Button>
  );

  let buttons;
  switch (props.dialog) {
    case 'open':
      buttons = fileButton(() => invoke('dialog.openFile', { purpose: props.purpose }), t('pathField.choose'));
      break;
    case 'save': {
      const { purpose, suggestedName } = props;
      buttons = fileButton(
        () => invoke('dialog.saveFile', { purpose, ...(suggestedName ? { suggestedName } : {}) }),
        t('pathField.choose'),
      );
      break;
    }
    case 'folder':
      buttons = folderButton(props.folderPurpose, t('pathField.chooseFolder'), props.onFolderChosen);
      break;
    case 'file-or-folder':
      buttons = (
        <>
          {fileButton(() => invoke('dialog.openFile', { purpose: props.purpose }), t('pathField.chooseFile'))}
          {folderButton(props.folderPurpose, t('pathField.chooseFolder'))}
        </>
      );
      break;
  }

  return (
    <Stack gap={6}>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput
          label={label}
          description={description}
          value={value}
          onChange={(e) => {
            setError(undefined);
            onChange(e.currentTarget.value, null);
          }}
          style={{ flex: 1 }}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          spellCheck={false}
          data-testid={testId}
        />
        {buttons}
      </Group>
      <CallErrorAlert error={error} title={t('pathField.dialogRefused')} />
    </Stack>
  );
}
