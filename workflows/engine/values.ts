import { ActivityFailure, ApplicationFailure, ChildWorkflowFailure } from '@temporalio/workflow';
import { BPMN_ERROR_TYPE } from '../../kernel/process/engine-types';
import { timerDelayMs } from '../../kernel/process/durations';
import { FeelError, type FeelReason } from '../../kernel/process/feel';

/** The BPMN error code an activity raised (ApplicationFailure of type BpmnError), if any. */
export function bpmnErrorCode(error: unknown): string | undefined {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure && cause.type === BPMN_ERROR_TYPE) {
    const code = cause.details?.[0];
    return typeof code === 'string' ? code : cause.message;
  }
  return undefined;
}

/** Why an incident opens: a text (an activity's failure), or a reason with a catalogue code (kernel/process/feel.ts), written in the reader's language by the monitor. */
export type IncidentCause = string | { message: string; reason: FeelReason };

/** A catalogue code (`incident.called-process-retired`), as activities name the failures people read. */
const MESSAGE_CODE = /^[a-z]+\.[a-z0-9.-]+$/;

/**
 * What an incident says of a failure: the engine's own reason (a FeelError), an activity's
 * refusal raised as an ApplicationFailure whose type is a catalogue code (its first detail the
 * parameters), or else the failure's text.
 */
export function incidentCause(error: unknown): IncidentCause {
  if (error instanceof FeelError) return error;
  const message = describeFailure(error);
  let cause = error;
  while ((cause instanceof ActivityFailure || cause instanceof ChildWorkflowFailure) && cause.cause) cause = cause.cause;
  if (cause instanceof ApplicationFailure && cause.type && MESSAGE_CODE.test(cause.type)) {
    const params = cause.details?.[0];
    return { message, reason: { code: cause.type, params: params && typeof params === 'object' ? params as Record<string, unknown> : {} } };
  }
  return message;
}

/** The message an operator reads on an incident or a failed instance: the root cause, not the wrapper. */
export function describeFailure(error: unknown): string {
  if ((error instanceof ActivityFailure || error instanceof ChildWorkflowFailure) && error.cause) {
    return describeFailure(error.cause) || error.message;
  }
  return error instanceof Error ? error.message || error.name : String(error);
}

export function nullableString(value: unknown): string | null {
  return value === null || value === undefined || value === '' ? null : String(value);
}

export function clampPriority(value: unknown): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new FeelError(String(value), 'priority must be a number from 0 to 100', { code: 'incident.priority', params: { value: String(value) } });
  return Math.min(100, Math.max(0, Math.round(n)));
}

/** A due date is a duration from now (P2D) or a date-time. */
export function dueDate(value: string): string {
  if (value.startsWith('P') || value.startsWith('-P')) return new Date(Date.now() + timerDelayMs({ duration: value }, Date.now())).toISOString();
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new FeelError(value, 'a due date must be an ISO 8601 duration (P2D) or date-time', { code: 'incident.due-date', params: { value } });
  return new Date(at).toISOString();
}

/**
 * The most instances one multi-instance element may run: each is state in the
 * workflow and events in its history, so a larger list (a mistaken variable,
 * an attack) must stop at an incident rather than exhaust the worker.
 */
export const MAX_MULTI_INSTANCE = 1_000;

/** The number of instances of a multi-instance by cardinality. */
export function cardinality(value: unknown, expression: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new FeelError(expression, `the loop cardinality must be a whole number ≥ 0, not ${JSON.stringify(value)}`, { code: 'incident.cardinality', params: { value } });
  return tooMany(n, expression);
}

export function tooMany(count: number, expression: string): number {
  if (count > MAX_MULTI_INSTANCE) {
    throw new FeelError(expression, `${count} instances asked, at most ${MAX_MULTI_INSTANCE} run for one element: split the work (a call activity per batch) or correct the variable`, {
      code: 'incident.too-many-instances', params: { count, max: MAX_MULTI_INSTANCE },
    });
  }
  return count;
}
