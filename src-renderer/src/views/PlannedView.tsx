import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ViewId } from './view-list';

/** A view that is not built yet says what it will hold, and shows no numbers. */
export function PlannedView({ view }: { view: ViewId }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" aria-labelledby={`view-title-${view}`}>
      <Group gap="sm">
        <Title order={2} id={`view-title-${view}`}>
          {t(`nav.${view}`)}
        </Title>
        <Badge variant="outline" color="gray">
          {t('planned.badge')}
        </Badge>
      </Group>
      <Paper withBorder p="lg" radius="md">
        <Text fw={500} mb="xs">
          {t('planned.intro')}
        </Text>
        <Text>{t(`planned.${view}`)}</Text>
      </Paper>
    </Stack>
  );
}
