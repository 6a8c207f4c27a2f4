import type { CpuUse, Part } from './cpu';

/** Nearest-rank percentile of values sorted ascending. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** One variant run once: N instances, at most C in flight. */
export interface Batch {
  variant: string;
  round: number;
  concurrency: number;
  count: number;
  errors: number;
  wallSeconds: number;
  /** Start call to result, per instance, ms. */
  latencies: number[];
  cpu: CpuUse | null;
  /** The machine's 1-minute load average when the batch ended (other sessions may share the machine). */
  load?: number;
}

export interface Summary {
  variant: string;
  batches: number;
  count: number;
  errors: number;
  wallSeconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** CPU ms per instance, by part. */
  cpuMs: Record<Part, number> | null;
  /** Worst "other programs" load over the batches, in cores. */
  otherCores: number | null;
  /** Lowest and highest load average over the batches. */
  load: [number, number] | null;
}

export function summarize(variant: string, batches: Batch[]): Summary {
  const sorted = Float64Array.from(batches.flatMap((b) => b.latencies)).sort();
  const list = Array.from(sorted);
  const count = batches.reduce((s, b) => s + b.count, 0);
  const wallSeconds = batches.reduce((s, b) => s + b.wallSeconds, 0);
  const withCpu = batches.filter((b) => b.cpu);
  const loads = batches.flatMap((b) => (b.load === undefined ? [] : [b.load]));
  let cpuMs: Summary['cpuMs'] = null;
  if (withCpu.length === batches.length && count > 0) {
    cpuMs = { client: 0, worker: 0, temporal: 0, postgres: 0 };
    for (const b of withCpu) for (const p of Object.keys(cpuMs) as Part[]) cpuMs[p] += (b.cpu!.seconds[p] * 1000) / count;
  }
  return {
    variant, batches: batches.length, count, errors: batches.reduce((s, b) => s + b.errors, 0), wallSeconds,
    perSecond: count / wallSeconds, p50: percentile(list, 50), p95: percentile(list, 95), p99: percentile(list, 99),
    max: list.length ? list[list.length - 1]! : Number.NaN,
    cpuMs, otherCores: withCpu.length ? Math.max(...withCpu.map((b) => b.cpu!.otherCores)) : null,
    load: loads.length ? [Math.min(...loads), Math.max(...loads)] : null,
  };
}

const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
const f0 = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '—');
export const ratio = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '—');

export const HEADER = ['variant', 'runs', 'instances', 'errors', 'wall s', 'instances/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms',
  'CPU ms/instance: worker', 'Temporal', 'PostgreSQL', 'client', 'other programs (cores)', 'load average'];

export function row(s: Summary, label = s.variant): string[] {
  return [label, String(s.batches), String(s.count), String(s.errors), f1(s.wallSeconds), f1(s.perSecond), f0(s.p50), f0(s.p95), f0(s.p99), f0(s.max),
    s.cpuMs ? f1(s.cpuMs.worker) : 'n/a', s.cpuMs ? f1(s.cpuMs.temporal) : 'n/a', s.cpuMs ? f1(s.cpuMs.postgres) : 'n/a',
    s.cpuMs ? f1(s.cpuMs.client) : 'n/a', s.otherCores === null ? 'n/a' : s.otherCores.toFixed(2),
    s.load === null ? 'n/a' : s.load[0] === s.load[1] ? f1(s.load[0]) : `${f1(s.load[0])}–${f1(s.load[1])}`];
}

export function textTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

export function markdownTable(rows: string[][]): string {
  const [head, ...body] = rows;
  return [`| ${head!.join(' | ')} |`, `|${head!.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
