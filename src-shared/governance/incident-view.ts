import { z } from 'zod';

export const IncidentKind = z.enum(['reconciliation_break', 'interrupted_session']);

export const IncidentView = z.strictObject({
  id: z.string(),
  sessionId: z.string(),
  kind: IncidentKind,
  detail: z.string(),
  status: z.enum(['open', 'resolved']),
  openedAt: z.string(),
});
export type IncidentView = z.infer<typeof IncidentView>;

export const IncidentsListInput = z
  .strictObject({ sessionId: z.string().optional(), status: z.enum(['open', 'resolved']).optional() })
  .optional();
export const IncidentsChanged = z.strictObject({ sessionId: z.string(), incidentId: z.string() });
