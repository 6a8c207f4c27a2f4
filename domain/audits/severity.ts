import { Cvss3P1 } from 'ae-cvss-calculator';
import type { Severity } from './capture.schema';

/**
 * How a finding's severity is rated (issue 16, ADR 0035): from a CVSS 3.1 base vector (the base score,
 * computed by ae-cvss-calculator, gives the severity by FIRST's qualitative scale), or from the
 * likelihood × impact grid (each 1–4) Cassandre's reports use with non-technical readers.
 */

const BASE_METRICS: Record<string, readonly string[]> = {
  AV: ['N', 'A', 'L', 'P'], AC: ['L', 'H'], PR: ['N', 'L', 'H'], UI: ['N', 'R'],
  S: ['U', 'C'], C: ['H', 'L', 'N'], I: ['H', 'L', 'N'], A: ['H', 'L', 'N'],
};
const ORDER = Object.keys(BASE_METRICS);

export type CvssProblem = 'prefix' | 'metric' | 'missing';

/**
 * A CVSS 3.1 base vector in its canonical form (metrics in the specification's order), or what is
 * wrong with it: not `CVSS:3.1/`, an unknown or repeated metric or value, a base metric missing.
 */
export function parseCvss31(vector: string): { vector: string } | { problem: CvssProblem } {
  const [prefix, ...parts] = vector.trim().split('/');
  if (prefix !== 'CVSS:3.1') return { problem: 'prefix' };
  const values = new Map<string, string>();
  for (const part of parts) {
    const [metric, value, ...rest] = part.split(':');
    if (!metric || value === undefined || rest.length || !BASE_METRICS[metric]?.includes(value) || values.has(metric)) return { problem: 'metric' };
    values.set(metric, value);
  }
  if (values.size !== ORDER.length) return { problem: 'missing' };
  return { vector: `CVSS:3.1/${ORDER.map((m) => `${m}:${values.get(m)}`).join('/')}` };
}

/** The base score (0.0–10.0) of a canonical CVSS 3.1 vector. */
export function cvss31BaseScore(vector: string): number {
  const score = new Cvss3P1(vector).calculateScores().base;
  if (typeof score !== 'number' || Number.isNaN(score)) throw new Error('CVSS 3.1 base score not computed');
  return score;
}

/** FIRST's qualitative rating scale (CVSS 3.1 specification §5): None is « info » here. */
export function severityOfScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

/** Rows: likelihood 1 (rare) to 4 (almost certain); columns: impact 1 (minor) to 4 (critical). */
const GRID: ReadonlyArray<readonly Severity[]> = [
  ['info', 'low', 'low', 'medium'],
  ['low', 'medium', 'medium', 'high'],
  ['low', 'medium', 'high', 'critical'],
  ['medium', 'high', 'critical', 'critical'],
];

/** The severity of a likelihood × impact pair (each an integer 1–4). */
export function severityOfGrid(likelihood: number, impact: number): Severity {
  const severity = GRID[likelihood - 1]?.[impact - 1];
  if (!severity || !Number.isInteger(likelihood) || !Number.isInteger(impact)) throw new RangeError('likelihood and impact are integers from 1 to 4');
  return severity;
}
