import { canonicalHash } from '../runner/canonical';

/**
 * Derived, never random: a replay of the same session rebuilds the same key, so the risk engine's
 * duplicate check catches a signal or operator action that is submitted twice.
 */
export function strategyIdempotencyKey(sessionId: string, signalId: string): string {
  return canonicalHash({ session_id: sessionId, signal_id: signalId, source: 'strategy' }).slice(0, 32);
}

export function operatorIdempotencyKey(sessionId: string, actionId: string): string {
  return canonicalHash({ session_id: sessionId, operator_action_id: actionId, source: 'operator' }).slice(0, 32);
}
