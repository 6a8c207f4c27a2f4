/**
 * What the timer start scheduler, its activity and the API share (STYLE §3:
 * the API starts it by this name, never a string of its own).
 */
export const TIMER_START_SCHEDULER = 'timerStartScheduler';

export interface TimerStartSchedulerInput {
  tenantId: string;
  processKey: string;
  /** The deployed version whose instances it starts. */
  version: number;
  /** The timer start event's id. */
  startAt: string;
  /** The cycle (FEEL already evaluated): an ISO 8601 repeating interval or a cron expression. */
  cycle: string;
  /** Carried across continue-as-new: the last firing (ms) and how many firings have passed. */
  previous?: number | null;
  fired?: number;
}

/** What one firing did: started the instance, found it started already (a retry), or found the version no longer starts anything. */
export type TimerFiring =
  | { outcome: 'started' | 'alreadyStarted'; workflowId: string }
  | { outcome: 'retired' | 'superseded' };

/** Why a scheduler ended (its result). */
export interface TimerStartSchedulerResult {
  fired: number;
  ended: 'repetitions' | 'endDate' | 'retired' | 'superseded';
}
