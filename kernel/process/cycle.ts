// The parser's own module: the package's index also loads its crontab-file reader, which needs fs (not allowed in workflows).
import { CronExpressionParser } from 'cron-parser/dist/CronExpressionParser';
import { durationMs } from './durations';

/** A repeating timer: how many times it fires and when the next firing is. */
export interface Cycle {
  /** Infinity for R/… (until its element ends). */
  repetitions: number;
  /** Absolute time (ms) of the next firing after the previous one (null: the first). */
  next(previous: number | null, now: number): number;
}

const REPEATING = /^R(\d*)\/(.+)$/;

/**
 * An ISO 8601 repeating interval, as BPMN's timeCycle writes it: R3/PT10M
 * (three times, every ten minutes), R/PT1H (every hour, for as long as the
 * element waits), R2/2026-12-01T09:00:00Z/P1D (from a date), or
 * R/PT1H/2026-12-31T18:00:00Z (until a date).
 */
export function isoCycle(text: string): Cycle {
  const m = REPEATING.exec(text.trim());
  if (!m) throw new Error(`"${text}" is not a repeating interval such as R3/PT10M or R/P1D`);
  const repetitions = m[1] === '' ? Infinity : Number(m[1]);
  const parts = m[2]!.split('/');
  let startAt: number | null = null;
  let endAt: number | null = null;
  let period: number;
  if (parts.length === 1) period = durationMs(parts[0]!);
  else if (parts.length === 2 && parts[0]!.startsWith('P')) {
    period = durationMs(parts[0]!);
    endAt = dateMs(parts[1]!, text);
  } else if (parts.length === 2) {
    startAt = dateMs(parts[0]!, text);
    period = durationMs(parts[1]!);
  } else throw new Error(`"${text}" has too many parts: write R<n>/<start>/<period> or R<n>/<period>`);
  // Every firing is events in the instance's history: faster than once a second is a mistake, never a need.
  if (period < 1000) throw new Error(`"${text}": a cycle repeats at most once a second; choose a period of PT1S or more`);
  return {
    repetitions,
    next(previous, now) {
      const at = previous === null ? (startAt ?? now + period) : previous + period;
      return endAt !== null && at > endAt ? Number.POSITIVE_INFINITY : at;
    },
  };
}

function dateMs(text: string, cycle: string): number {
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new Error(`"${cycle}": "${text}" is not an ISO 8601 date-time`);
  return at;
}

/** The time zone cron expressions are read in (the organisations' default, DESIGN §3). */
export const CRON_TIME_ZONE = 'Europe/Paris';

/**
 * A cron expression (5 fields, or 6 with seconds: "0 9 * * MON-FRI" is
 * 9:00 on weekdays, Paris time), read by cron-parser; it repeats for as long
 * as its element waits. The workflow's clock is deterministic, so replays
 * compute the same firings.
 */
export function cronCycle(text: string): Cycle {
  // Parsing now reports a malformed expression (an incident) before the first wait.
  CronExpressionParser.parse(text.trim(), { tz: CRON_TIME_ZONE, currentDate: new Date(0) });
  return {
    repetitions: Number.POSITIVE_INFINITY,
    next(previous, now) {
      const from = new Date(Math.max(previous ?? now, now));
      return CronExpressionParser.parse(text.trim(), { tz: CRON_TIME_ZONE, currentDate: from }).next().getTime();
    },
  };
}

/** A timer cycle as BPMN's timeCycle holds it: an ISO 8601 repeating interval (R…) or a cron expression. */
export function parseCycle(text: string): Cycle {
  return text.trim().startsWith('R') ? isoCycle(text) : cronCycle(text);
}
