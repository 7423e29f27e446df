import { z } from 'zod';
import { LaneConfig, LaneId } from './lanes';
import { Attribution, PersonName, Reason } from './attribution';

export const LaneView = z.strictObject({
  lane: LaneId,
  config: LaneConfig,
  /** True while the lane still has the fail-closed defaults nobody chose. */
  isDefault: z.boolean(),
  configuredBy: z.string().nullable(),
  configuredAt: z.string().nullable(),
  attribution: Attribution,
});
export type LaneView = z.infer<typeof LaneView>;

export const LaneConfigureInput = z.strictObject({ lane: LaneId, config: LaneConfig, actor: PersonName, reason: Reason });
