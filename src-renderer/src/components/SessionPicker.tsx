import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../src-shared/governance/session-view';

interface Props {
  sessions: SessionView[] | undefined;
  value: string | null;
  onChange: (sessionId: string | null) => void;
}

/** One session at a time for Market, Orders and Portfolio; shared so switching views keeps the choice. */
export function SessionPicker({ sessions, value, onChange }: Props) {
  const { t } = useTranslation();
  const data = (sessions ?? []).map((s) => ({ value: s.id, label: `${s.id} · ${t(`status.${s.status}`)} · ${s.lane}` }));
  return (
    <Select
      label={t('common.session')}
      placeholder={data.length === 0 ? t('common.noSessions') : t('common.pickSession')}
      data={data}
      value={value}
      onChange={onChange}
      disabled={data.length === 0}
      w={380}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
