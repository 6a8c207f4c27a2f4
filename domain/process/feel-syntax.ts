import { CronExpressionParser } from 'cron-parser';
import { parseExpression, parseUnaryTests } from 'feelin';
import { CRON_TIME_ZONE } from '../../kernel/process/cycle';
import { durationMs } from '../../kernel/process/durations';
import type { Message } from '../i18n/messages';
import { lintMessage as m } from './lint.messages';

interface SyntaxNode {
  from: number;
  to: number;
  type: { isError: boolean };
}

/**
 * Why a FEEL expression (without its leading "=") does not parse, or
 * undefined when it does. Only the syntax is checked: variables are not known
 * before the process runs. `unaryTests`: the input entries of a DMN decision
 * table ("-", "< 10", "\"a\",\"b\"", "not(…)"). Every answer of this file is a
 * catalogue message (lint.messages.ts, `feel.*`).
 */
export function feelSyntaxError(source: string, grammar: 'expression' | 'unaryTests' = 'expression'): Message | undefined {
  if (source.trim() === '') return m('feel.empty');
  const tree = (grammar === 'unaryTests' ? parseUnaryTests : parseExpression)(source, {}, undefined);
  let error: { from: number; to: number } | undefined;
  tree.iterate({
    enter(node: SyntaxNode) {
      if (!error && node.type.isError) error = { from: node.from, to: node.to };
      return !error;
    },
  });
  if (!error) return undefined;
  if (error.from >= source.trimEnd().length) return m('feel.incomplete');
  const near = source.slice(error.from, Math.max(error.to, error.from + 1)).slice(0, 30);
  return m('feel.unexpected', { near, at: error.from + 1 });
}

/**
 * Checks a value that follows Camunda's convention: "=…" is FEEL, anything
 * else a literal. `literal` validates the literal form (undefined: any text).
 */
export function expressionError(value: string, literal?: (text: string) => Message | undefined): Message | undefined {
  if (value.startsWith('=')) {
    const why = feelSyntaxError(value.slice(1));
    return why ? m('feel.invalid', { value, why, grammar: 'expression' }) : undefined;
  }
  return literal?.(value);
}

/** ISO 8601 durations as the engine reads them (weeks, days, hours, minutes, seconds). */
export function durationError(text: string): Message | undefined {
  try {
    if (durationMs(text) < 0) return m('feel.negative-duration', { value: text });
    return undefined;
  } catch {
    return m('feel.not-a-duration', { value: text });
  }
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function dateTimeError(text: string): Message | undefined {
  if (DATE_TIME.test(text) && !Number.isNaN(Date.parse(text))) return undefined;
  return m('feel.not-a-date-time', { value: text });
}

const REPEATING = /^R(\d*)\/(.+)$/;

/**
 * A timer cycle as the engine reads it (kernel/process/cycle.ts): an ISO
 * 8601 repeating interval (R3/PT10M, R/P1D, from a date
 * R2/2026-12-01T09:00:00Z/P1D, until a date R/PT1H/2026-12-31T18:00:00Z), or
 * a cron expression read by cron-parser in Paris time (5 or 6 fields, or a
 * macro such as @daily).
 */
export function cycleError(text: string): Message | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('R')) return cronError(trimmed);
  const repeating = REPEATING.exec(trimmed);
  if (!repeating) return m('feel.not-a-cycle', { value: text });
  if (repeating[1] === '0') return m('feel.cycle-zero', { value: text });
  const parts = repeating[2]!.split('/');
  const period = parts.length === 1 || parts[0]!.startsWith('P') ? parts[0]! : parts[1]!;
  const date = parts.length === 2 ? (parts[0]!.startsWith('P') ? parts[1]! : parts[0]!) : undefined;
  if (parts.length > 2 || durationError(period) || (date !== undefined && dateTimeError(date))) return m('feel.not-an-iso-cycle', { value: text });
  // As the interpreter (kernel/process/cycle.ts): every firing is history, at most one a second.
  if (durationMs(period) < 1000) return m('feel.cycle-too-often', { value: text });
  return undefined;
}

/** A cron cycle: 5 or 6 fields (or an @ macro) that cron-parser reads and that fire at least once more. */
function cronError(text: string): Message | undefined {
  const fields = text.split(/\s+/).length;
  if (!text.startsWith('@') && (fields < 5 || fields > 6)) {
    return fields === 7 ? m('feel.cron-year', { value: text }) : m('feel.not-a-cycle', { value: text });
  }
  try {
    CronExpressionParser.parse(text, { tz: CRON_TIME_ZONE }).next();
    return undefined;
  } catch (error) {
    // cron-parser's own reason (in English), kept for the expert who reads the expression.
    const why = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
    return m('feel.bad-cron', { value: text, why });
  }
}

/** A due date: a duration from the task's creation, or a date-time. */
export function dueDateError(text: string): Message | undefined {
  if (text.startsWith('P')) return durationError(text);
  return dateTimeError(text) ? m('feel.not-a-due-date', { value: text }) : undefined;
}

export function priorityError(text: string): Message | undefined {
  return /^\d{1,3}$/.test(text) && Number(text) <= 100 ? undefined : m('feel.not-a-priority', { value: text });
}
