import { ActionIcon, Badge, Burger, Code, Group, SegmentedControl, Text, Tooltip, useMantineColorScheme } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppHealth, AppInfo } from '../../../src-shared/contract';
import { LANGUAGES } from '../i18n';
import { ExchangeClock } from './ExchangeClock';

const AUDIT_COLORS: Record<AppHealth['audit']['status'], string> = {
  empty: 'gray',
  unverified: 'yellow',
  verified: 'green',
  failed: 'red',
};

interface Props {
  info: AppInfo | undefined;
  health: AppHealth | undefined;
  navOpened: boolean;
  onToggleNav: () => void;
}

export function AppHeader({ info, health, navOpened, onToggleNav }: Props) {
  const { t, i18n } = useTranslation();
  const { colorScheme, toggleColorScheme } = useMantineColorScheme();
  const auditStatus = health?.audit.status;
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md">
      <Group gap="sm" wrap="nowrap">
        <Burger opened={navOpened} onClick={onToggleNav} hiddenFrom="sm" size="sm" aria-label={t('header.toggleNavigation')} />
        <Text fw={700} size="lg">
          {t('app.name')}
        </Text>
        <Badge color="orange" variant="filled" size="lg" radius="sm" data-testid="paper-only" role="status">
          {t('header.paperOnly')}
        </Badge>
      </Group>
      <Group gap="lg" wrap="nowrap" style={{ minWidth: 0 }}>
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Text size="sm" c="dimmed">
            {t('header.dataDir')}
          </Text>
          <Tooltip label={info?.dataDir ?? ''} disabled={!info}>
            <Code data-testid="data-dir" style={{ maxWidth: 360, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              {info?.dataDir ?? '…'}
            </Code>
          </Tooltip>
        </Group>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" c="dimmed">
            {t('header.audit')}
          </Text>
          <Tooltip
            label={health?.store.error ? t('audit.storeUnreachable', { error: health.store.error }) : (health?.audit.detail ?? '')}
            disabled={!health}
          >
            <Badge data-testid="audit-status" color={auditStatus ? AUDIT_COLORS[auditStatus] : 'gray'} variant="light">
              {auditStatus ? t(`audit.${auditStatus}`) : t('audit.loading')}
            </Badge>
          </Tooltip>
        </Group>
        <ExchangeClock />
        <SegmentedControl
          size="xs"
          aria-label={t('header.language')}
          value={i18n.language}
          onChange={(lng) => void i18n.changeLanguage(lng)}
          data={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
        />
        <ActionIcon variant="default" size="lg" aria-label={t('header.toggleTheme')} onClick={toggleColorScheme}>
          <span aria-hidden="true">{colorScheme === 'dark' ? '☀' : '☾'}</span>
        </ActionIcon>
      </Group>
    </Group>
  );
}
