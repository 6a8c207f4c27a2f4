import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { EngineActivities } from '../../activities/process/engine.activities';
import { parseCycle } from '../../kernel/process/cycle';
import type { TimerStartSchedulerInput, TimerStartSchedulerResult } from './timer-start-scheduler.contract';

const engine = proxyActivities<EngineActivities>({
  startToCloseTimeout: '30 seconds',
  // Retried until it works: a deploy not committed yet, the database or Temporal away for a while.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Firings a run makes before it continues as new: each is a timer and an activity in the history. */
export const FIRINGS_PER_RUN = 100;

/**
 * A process that starts on a schedule (a timer start event with a cycle):
 * one run per deployed version and start event, for as long as the version
 * is the latest and its key not retired (the API terminates it otherwise).
 * Each firing starts one instance, business key `timer:<event>:<ISO firing time>`;
 * a firing already past when the scheduler begins (a start date in the past,
 * a reactivation) is skipped, never made up for. It ends after the cycle's
 * repetitions or its end date.
 */
export async function timerStartScheduler(input: TimerStartSchedulerInput): Promise<TimerStartSchedulerResult> {
  const cycle = parseCycle(input.cycle);
  let previous = input.previous ?? null;
  let fired = input.fired ?? 0;
  // A scheduler the API just started skips the firings already past; later, a late firing (a worker away) still happens.
  let catchingUp = input.fired === undefined;
  let firedInRun = 0;
  while (fired < cycle.repetitions) {
    const at = cycle.next(previous, Date.now());
    if (!Number.isFinite(at)) return { fired, ended: 'endDate' };
    previous = at;
    fired++;
    if (catchingUp && at < Date.now()) {
      // Past firings of an ISO cycle (a constant period; cron never lands in the past): skipped at once, however many.
      const period = cycle.next(at, Date.now()) - at;
      const skipped = Number.isFinite(period) && period > 0 ? Math.floor((Date.now() - at) / period) : 0;
      previous = at + skipped * period;
      fired = Math.min(fired + skipped, cycle.repetitions);
      continue;
    }
    catchingUp = false;
    await sleep(Math.max(0, at - Date.now()));
    const firing = await engine['process.startTimerInstance']({ tenantId: input.tenantId, processKey: input.processKey, version: input.version, startAt: input.startAt, firedAt: at });
    if (firing.outcome === 'retired' || firing.outcome === 'superseded') return { fired, ended: firing.outcome };
    if (++firedInRun === FIRINGS_PER_RUN && fired < cycle.repetitions) await continueAsNew<typeof timerStartScheduler>({ ...input, previous, fired });
  }
  return { fired, ended: 'repetitions' };
}
