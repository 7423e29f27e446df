import { Badge, Code, Group, Paper, Stack, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderTimeline } from '../../../src-shared/views/view-calls';
import { CallErrorAlert } from '../components/CallErrorAlert';
import { ViewTitle } from '../components/ViewTitle';
import { exchangeTime } from '../format';
import { useCall, useEvent } from '../hooks/use-call';

const STATE_COLORS: Record<string, string> = {
  FILLED: 'green',
  PARTIALLY_FILLED: 'teal',
  DENIED: 'red',
  REJECTED: 'red',
  CANCELED: 'gray',
  EXPIRED: 'gray',
  ACCEPTED: 'blue',
  SUBMITTED: 'blue',
};

/** One row of the virtual list: the order and, under it, every logged step with its reason code. */
function OrderRow({ o, locale }: { o: OrderTimeline; locale: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="sm" data-order={o.orderId}>
      <Group gap="sm" mb={4}>
        <Code>{o.orderId}</Code>
        <Text size="sm" fw={600}>
          {o.side} {o.quantity} {o.contract}
        </Text>
        <Text size="sm" c="dimmed">
          {o.orderType} {o.timeInForce}
          {o.limitPrice !== null ? ` @ ${o.limitPrice}` : ''}
        </Text>
        <Badge color={STATE_COLORS[o.state] ?? 'gray'} variant="light">
          {o.state}
        </Badge>
        <Text size="xs" c="dimmed">
          {t('orders.filled', { filled: o.filled, quantity: o.quantity })} · {o.source}
        </Text>
      </Group>
      <Stack gap={0}>
        {o.steps.map((s) => (
          <Group key={s.seq} gap="xs" wrap="nowrap" align="baseline">
            <Text size="xs" ff="monospace" c="dimmed" w={160} style={{ flexShrink: 0 }}>
              {exchangeTime(s.ts, locale)}
            </Text>
            <Text size="xs" ff="monospace" w={120} style={{ flexShrink: 0 }}>
              {s.type}
            </Text>
            <Text size="xs" ff="monospace" fw={600} w={140} style={{ flexShrink: 0 }}>
              {s.state ?? ''}
            </Text>
            <Text size="xs" ff="monospace" c="dimmed" style={{ wordBreak: 'break-all' }}>
              {s.reason ?? ''}
              {s.price !== null ? ` (${s.quantity ?? ''}@${s.price})` : ''}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

export function OrdersView({ sessionId }: { sessionId: string | null }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" aria-labelledby="view-title-orders">
      <ViewTitle view="orders" />
      {sessionId ? <OrdersOfSession sessionId={sessionId} /> : <Text c="dimmed">{t('common.pickSessionAbove')}</Text>}
    </Stack>
  );
}

function OrdersOfSession({ sessionId }: { sessionId: string }) {
  const { t, i18n } = useTranslation();
  const timeline = useCall('orders.timeline', { sessionId });
  useEvent('sessions.changed', (p) => p.sessionId === sessionId && timeline.refresh());
  const orders = useMemo(() => timeline.data?.orders ?? [], [timeline.data]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: orders.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => 48 + 20 * (orders[i]?.steps.length ?? 1),
    overscan: 6,
  });
  if (timeline.error) return <CallErrorAlert error={timeline.error} />;
  if (!timeline.data) return <Text c="dimmed">{t('common.loading')}</Text>;
  if (orders.length === 0) return <Text c="dimmed">{t('orders.empty', { events: timeline.data.logSize })}</Text>;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('orders.count', { count: orders.length, events: timeline.data.logSize })} · {t('common.timesInExchange')}
      </Text>
      <div ref={scroller} style={{ height: 560, overflow: 'auto' }} role="list" aria-label={t('orders.listLabel')}>
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => (
            <div
              key={item.key}
              role="listitem"
              data-index={item.index}
              ref={virtual.measureElement}
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)`, paddingBottom: 6 }}
            >
              <OrderRow o={orders[item.index]!} locale={i18n.language} />
            </div>
          ))}
        </div>
      </div>
    </Stack>
  );
}
