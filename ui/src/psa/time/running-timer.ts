import { shallowRef } from 'vue';
import { clock, timeApi, type RunningTimer, type TimeEntry } from './time.api';

/**
 * The person's running timer as every screen of this tab sees it (the app bar's chip, a ticket's
 * panel): one state, read from the server (which keeps it, so another device shows the same) and
 * ticking locally from the server's elapsed seconds. `startOn` and `stop` change it for everyone.
 */
const timer = shallowRef<RunningTimer | null>(null);
const elapsed = shallowRef(0);
let readAt = 0;
let ticking: ReturnType<typeof setInterval> | null = null;

function tick(): void {
  elapsed.value = timer.value ? timer.value.elapsedSeconds + (Date.now() - readAt) / 1000 : 0;
}

function hold(next: RunningTimer | null): void {
  timer.value = next;
  readAt = Date.now();
  tick();
  if (next && !ticking) ticking = setInterval(tick, 1000);
  if (!next && ticking) {
    clearInterval(ticking);
    ticking = null;
  }
}

export function useRunningTimer() {
  return {
    timer,
    elapsed,
    text: () => clock(elapsed.value),
    async refresh(): Promise<void> {
      hold((await timeApi.timer()).timer);
    },
    async startOn(ticketId: string): Promise<void> {
      hold((await timeApi.start(ticketId)).timer);
    },
    async stop(): Promise<{ entry: TimeEntry; capped: boolean }> {
      const stopped = await timeApi.stop(crypto.randomUUID());
      hold(null);
      return stopped;
    },
  };
}
