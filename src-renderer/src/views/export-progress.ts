import type { EventPayload } from '../../../src-shared/contract';

type Progress = EventPayload<'evidence.progress'>;

/** Export phases in the order the exporter runs them; `zip` and `data` may be skipped. */
export const EXPORT_PHASES: readonly Progress['phase'][] = ['events', 'snapshot', 'data', 'report', 'sums', 'zip', 'done'];

/**
 * Whole-export percent from one progress event: each phase is an equal slice, filled by done/total.
 * Integer arithmetic keeps it exact; a skipped phase just makes the bar jump.
 */
export function exportPercent(p: Pick<Progress, 'phase' | 'done' | 'total'>): number {
  if (p.phase === 'done') return 100;
  const i = EXPORT_PHASES.indexOf(p.phase);
  const slices = EXPORT_PHASES.length - 1;
  const within = p.total > 0 ? Math.min(p.done, p.total) / p.total : 0;
  return Math.floor(((i + within) * 100) / slices);
}
