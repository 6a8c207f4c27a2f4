import { CronExpressionParser } from 'cron-parser';
import { parseExpression, parseUnaryTests } from 'feelin';
import { CRON_TIME_ZONE } from '../../kernel/process/cycle';
import { durationMs } from '../../kernel/process/durations';

interface SyntaxNode {
  from: number;
  to: number;
  type: { isError: boolean };
}

/**
 * Why a FEEL expression (without its leading "=") does not parse, or
 * undefined when it does. Only the syntax is checked: variables are not known
 * before the process runs. `unaryTests`: the input entries of a DMN decision
 * table ("-", "< 10", "\"a\",\"b\"", "not(…)").
 */
export function feelSyntaxError(source: string, grammar: 'expression' | 'unaryTests' = 'expression'): string | undefined {
  if (source.trim() === '') return 'the expression is empty';
  const tree = (grammar === 'unaryTests' ? parseUnaryTests : parseExpression)(source, {}, undefined);
  let error: { from: number; to: number } | undefined;
  tree.iterate({
    enter(node: SyntaxNode) {
      if (!error && node.type.isError) error = { from: node.from, to: node.to };
      return !error;
    },
  });
  if (!error) return undefined;
  if (error.from >= source.trimEnd().length) return 'the expression is incomplete at its end';
  const near = source.slice(error.from, Math.max(error.to, error.from + 1)).slice(0, 30);
  return `unexpected "${near}" at character ${error.from + 1}`;
}

/**
 * Checks a value that follows Camunda's convention: "=…" is FEEL, anything
 * else a literal. `literal` validates the literal form (undefined: any text).
 */
export function expressionError(value: string, literal?: (text: string) => string | undefined): string | undefined {
  if (value.startsWith('=')) {
    const why = feelSyntaxError(value.slice(1));
    return why ? `"${value}" is not a valid FEEL expression: ${why}` : undefined;
  }
  return literal?.(value);
}

/** ISO 8601 durations as the engine reads them (weeks, days, hours, minutes, seconds). */
export function durationError(text: string): string | undefined {
  try {
    if (durationMs(text) < 0) return `"${text}" is a negative duration`;
    return undefined;
  } catch {
    return `"${text}" is not an ISO 8601 duration such as PT15M, P2D or P1DT2H (months and years are not accepted), nor a FEEL expression starting with "="`;
  }
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function dateTimeError(text: string): string | undefined {
  if (DATE_TIME.test(text) && !Number.isNaN(Date.parse(text))) return undefined;
  return `"${text}" is not an ISO 8601 date-time with a time zone such as 2026-01-31T09:00:00+01:00, nor a FEEL expression starting with "="`;
}

const REPEATING = /^R(\d*)\/(.+)$/;
const CRON_EXAMPLE = 'a cron expression of 5 fields (minute hour day-of-month month day-of-week, such as "0 9 * * MON-FRI": 9:00 on weekdays, Paris time) or 6 with the seconds first';

/**
 * A timer cycle as the engine reads it (kernel/process/cycle.ts): an ISO
 * 8601 repeating interval (R3/PT10M, R/P1D, from a date
 * R2/2026-12-01T09:00:00Z/P1D, until a date R/PT1H/2026-12-31T18:00:00Z), or
 * a cron expression read by cron-parser in Paris time (5 or 6 fields, or a
 * macro such as @daily).
 */
export function cycleError(text: string): string | undefined {
  const example = 'an ISO 8601 repeating interval such as R3/PT10M (three times, every ten minutes), R/P1D (every day) or R2/2026-12-01T09:00:00Z/P1D (from a date)';
  const trimmed = text.trim();
  if (!trimmed.startsWith('R')) return cronError(trimmed, example);
  const m = REPEATING.exec(trimmed);
  if (!m) return `"${text}" is not ${example}, nor ${CRON_EXAMPLE}, nor a FEEL expression starting with "="`;
  if (m[1] === '0') return `"${text}" repeats zero times: write R1/… or more, or R/… to repeat for as long as the element waits`;
  const parts = m[2]!.split('/');
  const period = parts.length === 1 || parts[0]!.startsWith('P') ? parts[0]! : parts[1]!;
  const date = parts.length === 2 ? (parts[0]!.startsWith('P') ? parts[1]! : parts[0]!) : undefined;
  if (parts.length > 2 || durationError(period) || (date !== undefined && dateTimeError(date))) return `"${text}" is not ${example}`;
  // As the interpreter (kernel/process/cycle.ts): every firing is history, at most one a second.
  if (durationMs(period) < 1000) return `"${text}": a cycle repeats at most once a second; choose a period of PT1S or more`;
  return undefined;
}

/** A cron cycle: 5 or 6 fields (or an @ macro) that cron-parser reads and that fire at least once more. */
function cronError(text: string, isoExample: string): string | undefined {
  const fields = text.split(/\s+/).length;
  if (!text.startsWith('@') && (fields < 5 || fields > 6)) {
    return fields === 7
      ? `"${text}" has 7 fields (a year, as Quartz writes it), which Relais does not read: write ${CRON_EXAMPLE}, or ${isoExample}`
      : `"${text}" is neither ${isoExample}, nor ${CRON_EXAMPLE}, nor a FEEL expression starting with "="`;
  }
  try {
    CronExpressionParser.parse(text, { tz: CRON_TIME_ZONE }).next();
    return undefined;
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
    return `"${text}" is not a valid cron expression (${why}): write ${CRON_EXAMPLE}`;
  }
}

/** A due date: a duration from the task's creation, or a date-time. */
export function dueDateError(text: string): string | undefined {
  if (text.startsWith('P')) return durationError(text);
  return dateTimeError(text) ? `"${text}" is neither an ISO 8601 duration (P2D) nor a date-time with a time zone, nor a FEEL expression starting with "="` : undefined;
}

export function priorityError(text: string): string | undefined {
  return /^\d{1,3}$/.test(text) && Number(text) <= 100 ? undefined : `"${text}" is not a priority from 0 to 100, nor a FEEL expression starting with "="`;
}
