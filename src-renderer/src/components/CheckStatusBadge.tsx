import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

const COLORS: Record<CheckStatus, string> = { pass: 'green', fail: 'red', warn: 'yellow', skip: 'gray' };

/** One verification check's outcome; a failure is always filled red so it cannot be read past. */
export function CheckStatusBadge({ status }: { status: CheckStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLORS[status]}
      variant={status === 'fail' ? 'filled' : 'light'}
      data-check-status={status}
      style={{ flexShrink: 0, overflow: 'visible' }}
      miw={72}
    >
      {t(`checkStatus.${status}`)}
    </Badge>
  );
}
