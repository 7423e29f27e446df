import { z } from 'zod';

export const SessionStatus = z.enum(['scheduled', 'running', 'paused', 'completed', 'aborted']);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const SessionAction = z.enum(['start', 'pause', 'resume', 'complete', 'abort']);
export type SessionAction = z.infer<typeof SessionAction>;

export const TERMINAL_STATUSES: readonly SessionStatus[] = ['completed', 'aborted'];

/**
 * The only legal lifecycle moves. Anything absent is refused, so a session can never leave a
 * terminal state or skip `running` on its way to `completed`.
 */
export const SESSION_TRANSITIONS: Readonly<Record<SessionStatus, Partial<Record<SessionAction, SessionStatus>>>> = Object.freeze({
  scheduled: { start: 'running', abort: 'aborted' },
  running: { pause: 'paused', complete: 'completed', abort: 'aborted' },
  paused: { resume: 'running', abort: 'aborted' },
  completed: {},
  aborted: {},
});

export type TransitionResult = { ok: true; to: SessionStatus } | { ok: false; reason: string };

/** `abort` needs a reason because an aborted session is evidence someone will read later. */
export function sessionTransition(from: SessionStatus, action: SessionAction, reason?: string | null): TransitionResult {
  const to = SESSION_TRANSITIONS[from][action];
  if (to === undefined) return { ok: false, reason: `ILLEGAL_TRANSITION: from=${from}, action=${action}` };
  if (action === 'abort' && !reason?.trim()) return { ok: false, reason: `REASON_REQUIRED: action=${action}` };
  return { ok: true, to };
}

export function isTerminal(status: SessionStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}
