import { AppShell, Box, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppBanners } from './components/AppBanners';
import { AppHeader } from './components/AppHeader';
import { SystemPanel } from './components/SystemPanel';
import { useCall, useEvent } from './hooks/use-call';
import { ViewSwitch } from './views/ViewSwitch';
import { VIEW_IDS, type ViewId } from './views/view-list';

export function App() {
  const { t } = useTranslation();
  const [navOpened, { toggle }] = useDisclosure();
  const [view, setView] = useState<ViewId>('market');
  const info = useCall('app.info');
  const health = useCall('app.health');
  useEvent('app.health.changed', () => health.refresh());
  // A session's events change what the audit status summarises, so re-read it when one moves.
  useEvent('sessions.changed', () => health.refresh());

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="lg">
      <AppShell.Header>
        <AppHeader info={info.data} health={health.data} navOpened={navOpened} onToggleNav={toggle} />
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        <AppShell.Section grow component={ScrollArea}>
          {VIEW_IDS.map((id) => (
            <NavLink
              key={id}
              label={t(`nav.${id}`)}
              active={view === id}
              onClick={() => setView(id)}
              aria-current={view === id ? 'page' : undefined}
              component="button"
            />
          ))}
        </AppShell.Section>
        <AppShell.Section>
          <SystemPanel
            info={info.data}
            health={health.data}
            error={info.error ?? health.error}
            onRefresh={() => {
              info.refresh();
              health.refresh();
            }}
          />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Stack gap="lg">
          <AppBanners health={health.data} search={window.location.search} />
          <ViewSwitch view={view} health={health.data} onRecheckHealth={() => health.refresh()} />
          <Box>
            <Text size="xs" c="dimmed">
              {t('app.simulated')}
            </Text>
          </Box>
        </Stack>
      </AppShell.Main>
    </AppShell>
  );
}
