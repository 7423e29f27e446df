import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../src-shared/governance/session-lifecycle';

const COLORS: Record<SessionStatus, string> = {
  scheduled: 'blue',
  running: 'green',
  paused: 'yellow',
  completed: 'gray',
  aborted: 'red',
};

export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}
