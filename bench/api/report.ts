import type { Measurement, ScenarioResult } from './types';

/** Nearest-rank percentile of latencies sorted ascending. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function measure(latenciesMs: number[], errors: number, seconds: number): Measurement {
  const sorted = Float64Array.from(latenciesMs).sort();
  const list = Array.from(sorted);
  return {
    count: list.length,
    errors,
    seconds,
    perSecond: list.length / seconds,
    p50: percentile(list, 50),
    p95: percentile(list, 95),
    p99: percentile(list, 99),
    max: list.length ? list[list.length - 1]! : Number.NaN,
  };
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
const rate = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '—');
const ratio = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '—');

export const TARGET_P95_MS = 50;

/** Cores used by other programs during the noisier of the two runs: above ~0.1 the figures are disturbed. */
export const NOISY_OTHER_CORES = 0.1;
function otherCpu(r: ScenarioResult): string {
  const values = [r.api.cpu?.other, r.sql.cpu?.other].filter((v): v is number => v !== undefined);
  if (!values.length) return 'n/a';
  const worst = Math.max(...values);
  return `${worst.toFixed(2)}${worst > NOISY_OTHER_CORES ? ' (noisy)' : ''}`;
}

/** Milliseconds of CPU one request cost a process (the API's, PostgreSQL's) during a run. */
function cpuPerRequest(m: Measurement, part: 'api' | 'postgres'): string {
  return m.cpu && m.perSecond > 0 ? (m.cpu.parts[part] / m.perSecond * 1000).toFixed(2) : '—';
}

/** The 1-minute load average at the end of each run (API/SQL). */
const loadAverage = (...runs: Measurement[]) => runs.map((m) => (m.load === undefined ? '—' : m.load.toFixed(1))).join('/');

/** Columns of the result table, also used for the Markdown copy in docs/performance.md. */
/** A latency cell: "> N" when nothing completed within the run of N ms. */
const lat = (m: Measurement, v: number) => (m.count === 0 ? `> ${(m.seconds * 1000).toFixed(0)}` : ms(v));

export function rows(results: ScenarioResult[]): string[][] {
  const header = ['scenario', 'API p50', 'API p95', 'API p99', 'API req/s', 'SQL p50', 'SQL p95', 'SQL p99', 'SQL tx/s',
    'p95 API/SQL', 'req/s API/SQL', `API p95 < ${TARGET_P95_MS} ms`, 'n API/SQL', 'API CPU ms/req', 'PostgreSQL CPU ms/req API/SQL', 'other CPU', 'load average'];
  const body = results.map((r) => [
    r.name,
    lat(r.api, r.api.p50), lat(r.api, r.api.p95), lat(r.api, r.api.p99), rate(r.api.perSecond),
    lat(r.sql, r.sql.p50), lat(r.sql, r.sql.p95), lat(r.sql, r.sql.p99), rate(r.sql.perSecond),
    ratio(r.api.p95 / r.sql.p95), ratio(r.api.perSecond / r.sql.perSecond),
    r.api.errors > 0 ? `no (${r.api.errors} errors)` : r.api.p95 < TARGET_P95_MS ? 'yes' : 'NO',
    `${r.api.count}/${r.sql.count}`,
    cpuPerRequest(r.api, 'api'),
    `${cpuPerRequest(r.api, 'postgres')}/${cpuPerRequest(r.sql, 'postgres')}`,
    otherCpu(r),
    loadAverage(r.api, r.sql),
  ]);
  return [header, ...body];
}

export function textTable(table: string[][]): string {
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(table[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...table.slice(1).map(line)].join('\n');
}

export function markdownTable(table: string[][]): string {
  const line = (row: string[]) => `| ${row.join(' | ')} |`;
  return [line(table[0]!), `|${table[0]!.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...table.slice(1).map(line)].join('\n');
}

/** The one-connection runs: how long a request takes when nothing waits in front of it. */
export function singleRows(results: ScenarioResult[]): string[][] | null {
  const withSingle = results.filter((r) => r.single);
  if (!withSingle.length) return null;
  const header = ['scenario', 'API p50', 'API p95', 'API req/s', 'SQL p50', 'SQL p95', 'SQL tx/s', 'p50 API/SQL', 'API CPU ms/req', 'load average'];
  return [header, ...withSingle.map((r) => {
    const { api, sql } = r.single!;
    return [r.name, lat(api, api.p50), lat(api, api.p95), rate(api.perSecond), lat(sql, sql.p50), lat(sql, sql.p95), rate(sql.perSecond), ratio(api.p50 / sql.p50), cpuPerRequest(api, 'api'), loadAverage(api, sql)];
  })];
}
