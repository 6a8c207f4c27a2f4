// Luxon's CommonJS build, the one cron-parser requires: an ES import would bundle its ES build beside it (twice the code in every workflow context).
import luxon = require('luxon');

/**
 * ISO 8601 durations (P2D, PT15M, P1DT2H30M, PT0.5S, P1W) in milliseconds,
 * read by Luxon. Refused on top of what Luxon refuses: months and years (their
 * length varies), an empty duration (P, PT, a T with nothing after it), a
 * sign anywhere but before the P, and a comma for the decimal point (the
 * engine has always refused it: a replayed workflow must read alike).
 */
export function durationMs(text: string): number {
  const trimmed = text.trim();
  const duration = /^-?P[^-,]*[^T]$/.test(trimmed) ? luxon.Duration.fromISO(trimmed) : undefined;
  if (!duration?.isValid || 'years' in duration.toObject() || 'months' in duration.toObject()) {
    throw new Error(`"${text}" is not an ISO 8601 duration such as PT15M, P2D or P1DT2H`);
  }
  return duration.toMillis();
}

/** Milliseconds from now until a timer defined by a duration or a date-time (never negative). */
export function timerDelayMs(spec: { duration?: string; date?: string }, now: number): number {
  if (spec.duration !== undefined) return Math.max(0, durationMs(spec.duration));
  if (spec.date !== undefined) {
    const at = Date.parse(spec.date);
    if (Number.isNaN(at)) throw new Error(`"${spec.date}" is not an ISO 8601 date-time`);
    return Math.max(0, at - now);
  }
  throw new Error('a timer needs a duration or a date');
}
