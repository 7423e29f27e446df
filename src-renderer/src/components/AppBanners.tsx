import { Alert, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppHealth } from '../../../src-shared/contract';

export type RecoveredCause = 'render-process-gone' | 'unresponsive';

/** The cause the Electron shell put in `?recovered=` when it reloaded a crashed or hung window; null otherwise. */
export function recoveredCause(search: string): RecoveredCause | null {
  const v = new URLSearchParams(search).get('recovered');
  return v === 'render-process-gone' || v === 'unresponsive' ? v : null;
}

/** Shell-level notices above every view: a reload after a crash or hang, and a weakly protected signing key. */
export function AppBanners({ health, search }: { health: AppHealth | undefined; search: string }) {
  const { t } = useTranslation();
  const [cause, setCause] = useState(() => recoveredCause(search));
  const keyWarning = health?.signingKey?.warning ?? null;
  if (!cause && !keyWarning) return null;
  return (
    <Stack gap="xs">
      {cause && (
        <Alert
          color="blue"
          variant="light"
          title={t('banners.recoveredTitle')}
          withCloseButton
          closeButtonLabel={t('banners.dismiss')}
          onClose={() => setCause(null)}
          data-testid="recovered-banner"
          role="status"
        >
          {cause === 'unresponsive' ? t('banners.recoveredHang') : t('banners.recoveredCrash')}
        </Alert>
      )}
      {keyWarning && (
        <Alert color="yellow" variant="light" title={t('banners.signingKeyTitle')} data-testid="signing-key-banner" role="alert">
          {keyWarning}
        </Alert>
      )}
    </Stack>
  );
}
