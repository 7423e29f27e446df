import { z } from 'zod';
import { Attribution, PersonName, Reason } from './attribution';

export const IncidentKind = z.enum(['reconciliation_break', 'interrupted_session']);

export const IncidentView = z.strictObject({
  id: z.string(),
  sessionId: z.string(),
  kind: IncidentKind,
  detail: z.string(),
  status: z.enum(['open', 'resolved']),
  openedAt: z.string(),
  /** Who resolved it and why (local attribution), null while open. */
  resolvedBy: z.string().nullable(),
  resolvedReason: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type IncidentView = z.infer<typeof IncidentView>;

export const IncidentsListInput = z
  .strictObject({ sessionId: z.string().optional(), status: z.enum(['open', 'resolved']).optional() })
  .optional();
export const IncidentsChanged = z.strictObject({ sessionId: z.string(), incidentId: z.string() });

/** Resolving takes a name and a reason; both go into the session log as `incident.resolved`. */
export const IncidentResolveInput = z.strictObject({ incidentId: z.string().min(1).max(80), actor: PersonName, reason: Reason });
export const IncidentResolveOutput = z.strictObject({ incident: IncidentView, attribution: Attribution });
