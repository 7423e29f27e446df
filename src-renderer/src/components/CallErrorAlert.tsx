import { Alert, Code, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CallError } from '../ipc/client';

/** A refused or failed call, with the contract's stable error code so it can be looked up and reported. */
export function CallErrorAlert({ error, title }: { error: CallError | undefined; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" title={title ?? t('common.callRefused')} role="alert" data-testid="call-error">
      <Text size="sm">
        <Code data-testid="call-error-code">{error.code}</Code> {error.message}
      </Text>
    </Alert>
  );
}
