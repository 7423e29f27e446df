/**
 * Pipeline time. Everything in a session reads time from here, never from the wall: in a backtest
 * time is the data's time, in a paper session it is the data's time released at the pace of the wall clock.
 */
export interface Clock {
  /** Current session time, epoch ms. */
  now(): number;
  /** Moves time forward to `t` (data time). A paced clock waits for the wall clock first and returns a promise. */
  advanceTo(t: number): void | Promise<void>;
  /** True once the session was asked to stop early; the runner then ends the session. */
  readonly stopped: boolean;
}
