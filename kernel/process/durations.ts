/** ISO 8601 durations (P2D, PT15M, P1DT2H30M, PT0.5S) in milliseconds; months and years are refused (their length varies). */
const DURATION = /^(-)?P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function durationMs(text: string): number {
  const m = DURATION.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim().endsWith('T')) {
    throw new Error(`"${text}" is not an ISO 8601 duration such as PT15M, P2D or P1DT2H`);
  }
  const [, negative, w, d, h, min, s] = m;
  const ms = (Number(w ?? 0) * 7 * 86_400 + Number(d ?? 0) * 86_400 + Number(h ?? 0) * 3_600 + Number(min ?? 0) * 60 + Number(s ?? 0)) * 1000;
  return negative ? -ms : ms;
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
