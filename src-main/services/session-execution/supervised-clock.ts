import type { Clock } from '../../pipeline/clock/clock';
import type { WallClock } from '../../pipeline/clock/paced-clock';

/** What the registry says the run should do now. */
export type RunDirective = 'run' | 'pause' | 'stop';

export interface SupervisorHooks {
  /** Reads the registry (fresh); may be async when the registry lives in another thread. */
  directive(): RunDirective | Promise<RunDirective>;
  /** Called once when the run has stopped feeding events for a pause (the place to sign a checkpoint). */
  onPaused?(): void | Promise<void>;
  onResumed?(): void | Promise<void>;
  /** Called at every check, e.g. to fetch released approvals; may be async. */
  onCheck?(): void | Promise<void>;
}

export interface SupervisedClockOptions {
  /** Data-time advances between registry checks (a backtest advances once per market event). */
  checkEvery: number;
  /** Real time, for waiting while paused and for yielding to the event loop. */
  wall: WallClock;
  /** Wall ms between registry reads while paused. */
  pausePollMs?: number;
}

interface Pausable {
  pause(): void;
  resume(): void;
}

function isPausable(c: Clock): c is Clock & Pausable {
  return typeof (c as Partial<Pausable>).pause === 'function' && typeof (c as Partial<Pausable>).resume === 'function';
}

/**
 * Wraps the run's clock so the registry steers the run between steps without the runner knowing:
 * every `checkEvery` advances it reads the directive; `pause` holds the next advance (and freezes a paced
 * clock, so no events are rushed out after resume), `stop` ends the run as if its clock was stopped.
 * Each check also yields to the event loop once, so an in-process backtest never starves the host.
 */
export class SupervisedClock implements Clock {
  private calls = 0;
  private stopRequested = false;

  constructor(
    private readonly inner: Clock,
    private readonly hooks: SupervisorHooks,
    private readonly opts: SupervisedClockOptions,
  ) {}

  now(): number {
    return this.inner.now();
  }

  get stopped(): boolean {
    return this.stopRequested || this.inner.stopped;
  }

  /** Ends the run at its next step (SIGINT, shutdown). */
  stop(): void {
    this.stopRequested = true;
  }

  advanceTo(t: number): void | Promise<void> {
    if (this.calls++ % this.opts.checkEvery !== 0) return this.inner.advanceTo(t);
    return this.check().then(() => {
      if (this.stopRequested) return undefined;
      return this.inner.advanceTo(t);
    });
  }

  private async check(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    let d = await this.hooks.directive();
    await this.hooks.onCheck?.();
    if (d === 'pause') {
      if (isPausable(this.inner)) this.inner.pause();
      await this.hooks.onPaused?.();
      while (d === 'pause') {
        await this.opts.wall.sleep(this.opts.pausePollMs ?? 100);
        d = await this.hooks.directive();
      }
      if (isPausable(this.inner)) this.inner.resume();
      if (d === 'run') await this.hooks.onResumed?.();
    }
    if (d === 'stop') this.stopRequested = true;
  }
}
