import { evaluate } from 'feelin';
import type { Feel } from './plan';

/**
 * Why an expression gives no value, as a code and its parameters: the domain's
 * catalogues write it in the reader's language (domain/process/feel-failure.ts).
 */
export interface FeelReason { code: string; params: Record<string, unknown> }

/** A FEEL expression that cannot be evaluated: becomes an incident, never a crashed instance. `message` is for logs. */
export class FeelError extends Error {
  readonly reason: FeelReason;
  constructor(readonly expression: string, message: string, reason?: FeelReason) {
    super(`FEEL "${expression}": ${message}`);
    this.name = 'FeelError';
    this.reason = reason ?? { code: 'incident.feel', params: { expression, detail: message } };
  }
}

/** FEEL values (dates, durations, ranges) become JSON-safe values for process variables. */
function toJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return String(value);
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJson(v)]));
  }
  return value;
}

/**
 * Evaluates an expression of a plan: "=…" is FEEL over the context, anything
 * else is a literal string (Camunda 8's convention).
 */
export function feel(expression: Feel, context: Record<string, unknown>): unknown {
  if (!expression.startsWith('=')) return expression;
  const source = expression.slice(1);
  try {
    return toJson(evaluate(source, context).value);
  } catch (error) {
    throw new FeelError(source, (error as Error).message);
  }
}

/** A condition holds only when it evaluates to true (null or a non-boolean does not). */
export function holds(expression: Feel, context: Record<string, unknown>): boolean {
  return feel(expression.startsWith('=') ? expression : `=${expression}`, context) === true;
}
