import { sleep } from '@temporalio/workflow';

/**
 * Paces sends on workflow time (deterministic on replay) with the generic
 * cell rate algorithm: send k has a theoretical time; it may start once that
 * time minus a tolerance has come, and each send moves the theoretical time
 * one interval on. The theoretical time may lag the present by a little (a
 * timer fires late, the next activation comes late) and then catches up,
 * but never by more: a pause (stopped worker) causes no burst.
 *
 * Any window of W ms then holds at most 1 + (W + tolerance + catch-up) / interval
 * sends. With interval = 61 s / rate, a minute holds at most `rate` with
 * 300 ms to spare for the delay between the workflow's decision and the
 * provider call. The organisation's rate is thus never exceeded in any
 * sliding minute, at the price of running about 1.6 % below it when the
 * system keeps up (bench/comms measures it).
 */
export const PACER_TOLERANCE_MS = 400;
export const PACER_CATCH_UP_MS = 300;
export const PACER_WINDOW_MS = 61_000;

export class Pacer {
  private readonly intervalMs: number;
  /** Theoretical time of the next send (0: none yet). */
  next: number;

  constructor(ratePerMinute: number, state?: { next: number }) {
    this.intervalMs = PACER_WINDOW_MS / ratePerMinute;
    this.next = state?.next ?? 0;
  }

  /** Waits until one more send is allowed, and takes it. */
  async take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      const due = Math.max(this.next, now - PACER_CATCH_UP_MS);
      if (due - PACER_TOLERANCE_MS <= now) {
        this.next = due + this.intervalMs;
        return;
      }
      await sleep(Math.max(1, Math.ceil(due - PACER_TOLERANCE_MS - now)));
    }
  }

  state(): { next: number } {
    return { next: this.next };
  }
}
