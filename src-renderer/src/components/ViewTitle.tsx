import { Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewId } from '../views/view-list';

export function ViewTitle({ view, children }: { view: ViewId; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" align="flex-end" wrap="wrap">
      <div>
        <Title order={2} id={`view-title-${view}`}>
          {t(`nav.${view}`)}
        </Title>
        <Text size="sm" c="dimmed">
          {t(`views.${view}.intro`)}
        </Text>
      </div>
      {children}
    </Group>
  );
}
