import { Box, Group, Paper } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import type { AppHealth } from '../../../src-shared/contract';
import { SessionPicker } from '../components/SessionPicker';
import { useCall, useEvent } from '../hooks/use-call';
import { ApprovalsView } from './ApprovalsView';
import { AuditView } from './AuditView';
import { EvidenceView } from './EvidenceView';
import { MarketView } from './MarketView';
import { OrdersView } from './OrdersView';
import { PortfolioView } from './PortfolioView';
import { ReplayView } from './ReplayView';
import { RiskView } from './RiskView';
import { SessionsView } from './SessionsView';
import { VIEW_IDS, type ViewId } from './view-list';

/** Views that look at one session at a time share the picker and its choice. */
const SESSION_SCOPED: readonly ViewId[] = ['market', 'orders', 'portfolio'];

/**
 * Renders the chosen view. A view once opened stays mounted and is only hidden (display: none),
 * like Mantine's keepMountedMode: the Market chart is never torn down by a switch.
 */
export function ViewSwitch({
  view,
  health,
  onRecheckHealth,
}: {
  view: ViewId;
  health: AppHealth | undefined;
  onRecheckHealth: () => void;
}) {
  const [opened, setOpened] = useState<ReadonlySet<ViewId>>(() => new Set([view]));
  const [actor, setActor] = useState('');
  const [sessionId, setSessionId] = useState<string | null>(null);
  const sessions = useCall('sessions.list');
  useEvent('sessions.changed', () => sessions.refresh());

  useEffect(() => {
    setOpened((old) => (old.has(view) ? old : new Set([...old, view])));
  }, [view]);

  const render = (id: ViewId): ReactNode => {
    switch (id) {
      case 'sessions':
        return <SessionsView actor={actor} onActorChange={setActor} />;
      case 'risk':
        return <RiskView actor={actor} onActorChange={setActor} />;
      case 'approvals':
        return <ApprovalsView />;
      case 'market':
        return <MarketView sessionId={sessionId} />;
      case 'orders':
        return <OrdersView sessionId={sessionId} />;
      case 'portfolio':
        return <PortfolioView sessionId={sessionId} />;
      case 'audit':
        return <AuditView health={health} onRecheck={onRecheckHealth} />;
      case 'evidence':
        return <EvidenceView sessions={sessions.data} sessionId={sessionId} onSessionChange={setSessionId} />;
      case 'replay':
        return <ReplayView sessions={sessions.data} sessionId={sessionId} onSessionChange={setSessionId} />;
      default: {
        const unknownView: never = id;
        return unknownView;
      }
    }
  };

  return (
    <>
      {SESSION_SCOPED.includes(view) && (
        <Paper withBorder p="sm" radius="md">
          <Group>
            <SessionPicker sessions={sessions.data} value={sessionId} onChange={setSessionId} />
          </Group>
        </Paper>
      )}
      {VIEW_IDS.filter((id) => opened.has(id) || id === view).map((id) => (
        <Box key={id} style={{ display: id === view ? undefined : 'none' }} data-view={id}>
          {render(id)}
        </Box>
      ))}
    </>
  );
}
