import { describe, expect, it } from 'vitest';
import { SessionAction, SessionStatus, sessionTransition } from '../../../src-shared/governance/session-lifecycle';

/** Every (status, action) pair, written out by hand so the table in the code is checked, not restated. */
const EXPECTED: Record<string, string | null> = {
  'scheduled/start': 'running',
  'scheduled/pause': null,
  'scheduled/resume': null,
  'scheduled/complete': null,
  'scheduled/abort': 'aborted',
  'running/start': null,
  'running/pause': 'paused',
  'running/resume': null,
  'running/complete': 'completed',
  'running/abort': 'aborted',
  'paused/start': null,
  'paused/pause': null,
  'paused/resume': 'running',
  'paused/complete': null,
  'paused/abort': 'aborted',
  'completed/start': null,
  'completed/pause': null,
  'completed/resume': null,
  'completed/complete': null,
  'completed/abort': null,
  'aborted/start': null,
  'aborted/pause': null,
  'aborted/resume': null,
  'aborted/complete': null,
  'aborted/abort': null,
};

describe('session lifecycle', () => {
  it('covers all 25 pairs', () => {
    expect(Object.keys(EXPECTED)).toHaveLength(SessionStatus.options.length * SessionAction.options.length);
  });

  for (const from of SessionStatus.options) {
    for (const action of SessionAction.options) {
      const expected = EXPECTED[`${from}/${action}`];
      it(`${from} --${action}--> ${expected ?? 'refused'}`, () => {
        const r = sessionTransition(from, action, 'a reason');
        if (expected === null) {
          expect(r).toEqual({ ok: false, reason: `ILLEGAL_TRANSITION: from=${from}, action=${action}` });
        } else {
          expect(r).toEqual({ ok: true, to: expected });
        }
      });
    }
  }

  it('refuses an abort without a reason', () => {
    expect(sessionTransition('running', 'abort', '  ')).toEqual({ ok: false, reason: 'REASON_REQUIRED: action=abort' });
    expect(sessionTransition('running', 'abort')).toEqual({ ok: false, reason: 'REASON_REQUIRED: action=abort' });
  });
});
