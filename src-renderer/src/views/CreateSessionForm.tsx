import { Paper, SegmentedControl, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../src-shared/governance/session-view';
import type { JsonObject } from '../../../src-shared/json';
import { ActionControls } from '../components/ActionControls';
import { CallErrorAlert } from '../components/CallErrorAlert';
import { useAction } from '../hooks/use-action';
import { useCall } from '../hooks/use-call';
import { CallError, invoke } from '../ipc/client';

/** Parses pasted JSON into an object, or says why not in the contract's error shape. */
export function parseSpecJson(text: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CallError({ code: 'INVALID_INPUT', message: (err as Error).message });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CallError({ code: 'INVALID_INPUT', message: 'The run spec must be a JSON object.' });
  }
  return value as JsonObject;
}

/** A recorded session's spec handed to the form to edit (a clone); `nonce` makes cloning the same session twice refill it. */
export interface SpecSeed {
  sessionId: string;
  spec: JsonObject;
  nonce: number;
}

export function CreateSessionForm({
  owner,
  onCreated,
  seed = null,
}: {
  owner: string;
  onCreated: (s: SessionView) => void;
  seed?: SpecSeed | null;
}) {
  const { t } = useTranslation();
  const fixtures = useCall('specs.fixtures');
  const [source, setSource] = useState<'fixture' | 'json'>('fixture');
  const [fixtureId, setFixtureId] = useState<string | null>(null);
  const [json, setJson] = useState('');
  const [clonedFrom, setClonedFrom] = useState<string | null>(null);
  const creating = useAction<SessionView>();
  useEffect(() => {
    if (!seed) return;
    setSource('json');
    setJson(JSON.stringify(seed.spec, null, 2));
    setClonedFrom(seed.sessionId);
  }, [seed]);

  async function create() {
    const created = await creating.run(() => {
      let spec: JsonObject;
      if (source === 'fixture') {
        const f = fixtures.data?.find((x) => x.id === fixtureId);
        if (!f) throw new CallError({ code: 'INVALID_INPUT', message: t('sessions.pickFixtureFirst') });
        spec = f.spec;
      } else spec = parseSpecJson(json);
      return invoke('sessions.create', { spec, owner });
    });
    if (created) {
      setClonedFrom(null);
      onCreated(created);
    }
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="create-session-title">
      <Stack gap="sm">
        <Title order={4} id="create-session-title">
          {t('sessions.createTitle')}
        </Title>
        <SegmentedControl
          aria-label={t('sessions.specSource')}
          value={source}
          onChange={(v) => setSource(v as 'fixture' | 'json')}
          data={[
            { value: 'fixture', label: t('sessions.fromFixture') },
            { value: 'json', label: t('sessions.fromJson') },
          ]}
          w={360}
        />
        {source === 'fixture' ? (
          <Select
            label={t('sessions.fixtureSpec')}
            placeholder={fixtures.data?.length === 0 ? t('sessions.noFixtures') : t('sessions.pickFixture')}
            data={(fixtures.data ?? []).map((f) => ({ value: f.id, label: `${f.name} (${f.id})` }))}
            value={fixtureId}
            onChange={setFixtureId}
            w={520}
          />
        ) : (
          <Textarea
            data-testid="spec-json"
            label={t('sessions.specJson')}
            description={t('sessions.specJsonHint')}
            value={json}
            onChange={(e) => setJson(e.currentTarget.value)}
            autosize
            minRows={6}
            maxRows={16}
            ff="monospace"
          />
        )}
        {source === 'json' && clonedFrom && (
          <Text size="sm" data-testid="cloned-from">
            {t('sessions.clonedFrom', { id: clonedFrom })}
          </Text>
        )}
        <CallErrorAlert error={fixtures.error} />
        <ActionControls
          action={creating}
          label={t('sessions.create')}
          onRun={() => void create()}
          disabled={!owner.trim()}
          errorTitle={t('sessions.createRefused')}
          extra={
            !owner.trim() && (
              <Text size="sm" c="dimmed">
                {t('sessions.nameFirst')}
              </Text>
            )
          }
        />
      </Stack>
    </Paper>
  );
}
