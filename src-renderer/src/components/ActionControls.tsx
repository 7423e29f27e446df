import { Button, Group, Text, type ButtonProps } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Action } from '../hooks/use-action';
import { CallErrorAlert } from './CallErrorAlert';

interface Props {
  action: Pick<Action<unknown>, 'busy' | 'hint' | 'error'>;
  label: string;
  onRun: () => void;
  disabled?: boolean;
  /** The refusal's title (e.g. "Export refused"); main's message is the body. */
  errorTitle?: string;
  color?: ButtonProps['color'];
  /** More buttons beside the main one (e.g. Cancel). */
  extra?: ReactNode;
}

/** The foot of every action panel: its button, why it cannot start, and main's refusal, in one place and one look. */
export function ActionControls({ action, label, onRun, disabled, errorTitle, color, extra }: Props) {
  return (
    <>
      <Group>
        <Button onClick={onRun} loading={action.busy} disabled={disabled} {...(color ? { color } : {})}>
          {label}
        </Button>
        {extra}
      </Group>
      {action.hint && (
        <Text size="sm" c="yellow" role="status">
          {action.hint}
        </Text>
      )}
      <CallErrorAlert error={action.error} {...(errorTitle ? { title: errorTitle } : {})} />
    </>
  );
}
