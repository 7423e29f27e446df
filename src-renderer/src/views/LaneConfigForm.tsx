import { NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '../../../src-shared/contract';
import type { LaneConfig, LaneRiskEnvelope } from '../../../src-shared/governance/lanes';
import type { LaneView } from '../../../src-shared/governance/lane-view';
import { ActionControls } from '../components/ActionControls';
import { useAction } from '../hooks/use-action';
import { invoke } from '../ipc/client';

export const ENVELOPE_FIELDS: (keyof LaneRiskEnvelope)[] = [
  'maxPositionContracts',
  'maxTxEquivTwentieths',
  'maxNotionalPerOrderCents',
  'maxOpenOrders',
  'maxDailyLossCents',
  'maxDrawdownBps',
  'maxQuoteAgeMs',
];

/** Cents fields are edited in whole NT$ so nobody types a hundredfold mistake. */
const CENTS_FIELDS = new Set<keyof LaneRiskEnvelope>(['maxNotionalPerOrderCents', 'maxDailyLossCents']);

export function LaneConfigForm({ lane, actor, onDone }: { lane: LaneView; actor: string; onDone: () => void }) {
  const { t } = useTranslation();
  const env = lane.config.riskEnvelope;
  const [values, setValues] = useState<Record<string, number>>(() => ({
    ...Object.fromEntries(ENVELOPE_FIELDS.map((k) => [k, CENTS_FIELDS.has(k) ? Math.trunc(env[k] / 100) : env[k]])),
    paperCapital: Math.trunc(lane.config.paperCapitalCents / 100),
  }));
  const [reason, setReason] = useState('');
  const saving = useAction<CallOutput<'lanes.configure'>>();

  async function save() {
    const riskEnvelope = Object.fromEntries(
      ENVELOPE_FIELDS.map((k) => [k, CENTS_FIELDS.has(k) ? (values[k] ?? 0) * 100 : (values[k] ?? 0)]),
    ) as unknown as LaneRiskEnvelope;
    const config: LaneConfig = {
      riskEnvelope,
      paperCapitalCents: (values.paperCapital ?? 0) * 100,
      promotionCriteria: lane.config.promotionCriteria,
    };
    if ((await saving.run(() => invoke('lanes.configure', { lane: lane.lane, config, actor, reason }))) !== undefined) onDone();
  }

  const field = (k: string, label: string) => (
    <NumberInput
      key={k}
      label={label}
      value={values[k] ?? 0}
      min={0}
      allowDecimal={false}
      allowNegative={false}
      thousandSeparator=","
      onChange={(v) => setValues((old) => ({ ...old, [k]: typeof v === 'number' ? v : Number(v) || 0 }))}
    />
  );

  return (
    <Stack
      gap="sm"
      component="form"
      aria-label={t('risk.configureLane', { lane: t(`lanes.${lane.lane}`) })}
      onSubmit={(e) => e.preventDefault()}
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {field('paperCapital', t('risk.paperCapitalNtd'))}
        {ENVELOPE_FIELDS.map((k) => field(k, k === 'maxTxEquivTwentieths' ? t('risk.txEquivInput') : t(`risk.field.${k}`)))}
      </SimpleGrid>
      <TextInput label={t('risk.changeReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required />
      <ActionControls
        action={saving}
        label={t('risk.saveLane')}
        onRun={() => void save()}
        disabled={!actor.trim() || !reason.trim()}
        errorTitle={t('risk.configureRefused')}
      />
    </Stack>
  );
}
