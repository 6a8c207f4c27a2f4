import type { Plan } from '../../kernel/process/plan';
import { timerDelayMs } from '../../kernel/process/durations';
import { feel } from '../../kernel/process/feel';
import { UnprocessableError } from '../errors';
import { cycleError } from './feel-syntax';
import { processMessage } from './process.messages';

export interface TimerStart {
  /** The timer start event's id. */
  startAt: string;
  /** Milliseconds from the deploy until the instance starts. */
  delayMs: number;
  /** The business key of the instance it starts: one per version and start event. */
  businessKey: string;
}

/**
 * The instances a deployed version must start on its own (timer start events):
 * a date starts it then, a duration that long after the deploy. FEEL is
 * evaluated without variables (nothing exists before the start). A date in the
 * past starts it at once.
 */
export function timerStarts(plan: Plan, now: number): TimerStart[] {
  const starts: TimerStart[] = [];
  for (const id of plan.root.startNodeIds) {
    const node = plan.nodes[id];
    if (node?.kind !== 'startEvent' || node.trigger.type !== 'timer' || node.trigger.cycle !== undefined) continue;
    const delayMs = timerDelayMs({ duration: value(node.trigger.duration), date: value(node.trigger.date) }, now);
    starts.push({ startAt: id, delayMs, businessKey: `timer:${id}:v${plan.version}` });
  }
  return starts;
}

/** A timer start event with a cycle: the process starts on a schedule, one scheduler workflow per key and event. */
export interface TimerCycle {
  /** The timer start event's id. */
  startAt: string;
  /** The cycle as the scheduler reads it (FEEL already evaluated): R3/PT10M, R/P1D, "0 9 * * MON-FRI"… */
  cycle: string;
}

/**
 * The schedules a deployed version runs (timer start events with a cycle).
 * FEEL is evaluated without variables; a cycle the interpreter could not read
 * is refused here, naming the event, so the deploy fails rather than the scheduler.
 */
export function timerCycles(plan: Plan): TimerCycle[] {
  const cycles: TimerCycle[] = [];
  for (const id of plan.root.startNodeIds) {
    const node = plan.nodes[id];
    if (node?.kind !== 'startEvent' || node.trigger.type !== 'timer' || node.trigger.cycle === undefined) continue;
    const cycle = value(node.trigger.cycle)!;
    const problem = cycleError(cycle);
    if (problem) throw new UnprocessableError(processMessage('definitions.timer-start-cycle', { el: node.name ?? id, problem }));
    cycles.push({ startAt: id, cycle });
  }
  return cycles;
}

/** The workflow id of the scheduler of a key's timer start event (one per key and event: a new version replaces it). */
export function timerCycleWorkflowId(tenantId: string, processKey: string, startAt: string): string {
  return `${tenantId}/${processKey}/timer-cycle:${startAt}`;
}

/** The business key of the instance one firing starts: the same firing never starts twice. */
export function timerCycleBusinessKey(startAt: string, firedAt: number): string {
  return `timer:${startAt}:${new Date(firedAt).toISOString()}`;
}

/** A timer's expression, FEEL evaluated without variables (nothing exists before the start). */
function value(expression: string | undefined): string | undefined {
  return expression === undefined ? undefined : String(expression.startsWith('=') ? feel(expression, {}) : expression);
}
