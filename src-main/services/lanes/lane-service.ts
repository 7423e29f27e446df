import { governanceEvent } from '../../../src-shared/events/governance-catalog';
import { GOV_EVENT } from '../../../src-shared/governance/governance-event-types';
import type { LaneView } from '../../../src-shared/governance/lane-view';
import { FAIL_CLOSED_LANE_CONFIG, LANE_IDS, LaneConfig, type LaneId } from '../../../src-shared/governance/lanes';
import type { AppContext } from '../../app-context';
import { governanceOf, registryLog, type Governance } from '../sessions/governance';

interface LaneRow {
  lane: LaneId;
  config_json: string;
  configured_by: string;
  configured_at: string;
}

/** A lane nobody configured answers with the fail-closed defaults: no capital, every limit 0. */
export function laneConfig(gov: Governance, lane: LaneId): LaneConfig {
  const row = gov.db.prepare('SELECT config_json FROM gov_lanes WHERE lane = ?').get(lane) as { config_json: string } | undefined;
  return row ? LaneConfig.parse(JSON.parse(row.config_json)) : FAIL_CLOSED_LANE_CONFIG;
}

function laneView(gov: Governance, lane: LaneId): LaneView {
  const row = gov.db.prepare('SELECT * FROM gov_lanes WHERE lane = ?').get(lane) as LaneRow | undefined;
  return {
    lane,
    config: row ? LaneConfig.parse(JSON.parse(row.config_json)) : FAIL_CLOSED_LANE_CONFIG,
    isDefault: !row,
    configuredBy: row?.configured_by ?? null,
    configuredAt: row?.configured_at ?? null,
    attribution: 'local',
  };
}

export function listLanes(ctx: AppContext): LaneView[] {
  const gov = governanceOf(ctx);
  return LANE_IDS.map((lane) => laneView(gov, lane));
}

/** Configuration is an event in the registry log, so who set which limits when is part of the record. */
export function configureLane(ctx: AppContext, input: { lane: LaneId; config: LaneConfig; actor: string; reason: string }): LaneView {
  const gov = governanceOf(ctx);
  const config = LaneConfig.parse(input.config);
  gov.record(registryLog(), null, [
    governanceEvent(GOV_EVENT.laneConfigured, `operator:${input.actor}`, {
      lane: input.lane,
      config,
      actor: input.actor,
      reason: input.reason,
    }),
  ]);
  gov.store.checkpoint(registryLog());
  return laneView(gov, input.lane);
}
