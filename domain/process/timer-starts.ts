import type { Plan } from '../../workflows/engine/plan';
import { timerDelayMs } from '../../workflows/engine/durations';
import { feel } from '../../workflows/engine/feel';

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
    if (node?.kind !== 'startEvent' || node.trigger.type !== 'timer') continue;
    const value = (expression: string | undefined) => (expression === undefined ? undefined : String(expression.startsWith('=') ? feel(expression, {}) : expression));
    const delayMs = timerDelayMs({ duration: value(node.trigger.duration), date: value(node.trigger.date) }, now);
    starts.push({ startAt: id, delayMs, businessKey: `timer:${id}:v${plan.version}` });
  }
  return starts;
}
