import { sleep } from '@temporalio/workflow';

/**
 * Paces sends on workflow time (deterministic on replay) with the generic
 * cell rate algorithm: send k has a theoretical time; it may start once that
 * time minus a tolerance has come, and each send moves the theoretical time
 * one interval on. The theoretical time may lag the present by a little and
 * then catches up, but never by more: a pause (stopped worker) causes no burst.
 *
 * Temporal fires timers about a second apart at best (bench/comms measured
 * gaps of ~1,000 ms for shorter sleeps), so tolerance + catch-up must cover
 * a second and some latency, or every wake-up loses time. Any window of W ms
 * holds at most 1 + (W + tolerance + catch-up) / interval sends; with
 * interval = 61.5 s / rate a minute holds at most `rate`, with 300 ms to spare
 * for the delay between the workflow's decision and the provider call. The
 * organisation's rate is thus never exceeded in any sliding minute, at the
 * price of running about 2.4 % below it when the system keeps up.
 */
export const PACER_TOLERANCE_MS = 500;
export const PACER_CATCH_UP_MS = 700;
export const PACER_WINDOW_MS = 61_500;

export class Pacer {
  private readonly intervalMs: number;
  /** Theoretical time of the next send (0: none yet). */
  next: number;

  constructor(ratePerMinute: number, state?: { next: number }) {
    this.intervalMs = PACER_WINDOW_MS / ratePerMinute;
    this.next = state?.next ?? 0;
  }

  /** Takes one send if it is allowed now; otherwise answers how long until it is. */
  private tryTake(): number {
    const now = Date.now();
    const due = Math.max(this.next, now - PACER_CATCH_UP_MS);
    if (due - PACER_TOLERANCE_MS > now) return Math.max(1, Math.ceil(due - PACER_TOLERANCE_MS - now));
    this.next = due + this.intervalMs;
    return 0;
  }

  /** Waits until one more send is allowed, and takes it. */
  async take(): Promise<void> {
    for (let wait = this.tryTake(); wait > 0; wait = this.tryTake()) await sleep(wait);
  }

  /**
   * Waits until one more send is allowed, then takes as many as are allowed
   * at this moment, up to `max`: the same sends as `take()` called that many
   * times at once, so the same bound on any window holds.
   */
  async takeUpTo(max: number): Promise<number> {
    await this.take();
    let taken = 1;
    while (taken < max && this.tryTake() === 0) taken += 1;
    return taken;
  }

  state(): { next: number } {
    return { next: this.next };
  }
}
