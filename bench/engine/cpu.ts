import fs from 'node:fs';

/**
 * Who used the CPU during a batch, from /proc (Linux only; elsewhere
 * `sample()` answers null): the bench process itself (the Temporal client
 * starting instances and waiting for results), the worker process (both
 * workers: workflow threads and activities), the Temporal dev server,
 * PostgreSQL, and everything else on the machine ("other": a figure is only
 * worth something when it stays near zero).
 */

const TICKS_PER_SECOND = 100; // USER_HZ

export type Part = 'client' | 'worker' | 'temporal' | 'postgres';
export const PARTS: Part[] = ['client', 'worker', 'temporal', 'postgres'];

interface Stat { ppid: number; ticks: number; reaped: number; comm: string }
interface Own { ticks: number; part: Part }

function readStat(pid: number): Stat | null {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    const n = (field: number) => Number(fields[field - 3]);
    return { ppid: n(4), ticks: n(14) + n(15), reaped: n(16) + n(17), comm: raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')')) };
  } catch {
    return null;
  }
}

function machineBusyTicks(): number {
  const v = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return v[0]! + v[1]! + v[2]! + v[5]! + v[6]! + v[7]!;
}

function ownTicks(workerPid: number | undefined): Map<number, Own> {
  const stats = new Map<number, Stat>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = readStat(Number(entry));
    if (s) stats.set(Number(entry), s);
  }
  const children = new Map<number, number[]>();
  for (const [pid, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  const out = new Map<number, Own>();
  const walk = (pid: number, inherited: Part) => {
    const s = stats.get(pid);
    let part = inherited;
    if (pid === workerPid) part = 'worker';
    else if (s?.comm === 'postgres') part = 'postgres';
    else if (s?.comm.startsWith('temporal')) part = 'temporal';
    // PostgreSQL's short-lived parallel workers are only seen in their parent's reaped ticks.
    if (s) out.set(pid, { ticks: s.ticks + (part === 'postgres' ? s.reaped : 0), part });
    for (const c of children.get(pid) ?? []) walk(c, part);
  };
  walk(process.pid, 'client');
  return out;
}

export interface CpuSample { at: bigint; machine: number; own: Map<number, Own> }

/** CPU seconds used between two samples, by part, and cores used by other programs on average. */
export interface CpuUse { seconds: Record<Part, number>; otherCores: number; wallSeconds: number }

export function sample(workerPid?: number): CpuSample | null {
  if (!fs.existsSync('/proc/stat')) return null;
  return { at: process.hrtime.bigint(), machine: machineBusyTicks(), own: ownTicks(workerPid) };
}

export function between(a: CpuSample | null, b: CpuSample | null): CpuUse | null {
  if (!a || !b) return null;
  const wallSeconds = Number(b.at - a.at) / 1e9;
  const seconds: Record<Part, number> = { client: 0, worker: 0, temporal: 0, postgres: 0 };
  for (const [pid, now] of b.own) seconds[now.part] += (now.ticks - (a.own.get(pid)?.ticks ?? 0)) / TICKS_PER_SECOND;
  // A backend that ended during the batch now counts, whole, in its parent's reaped ticks: take out what it had used before.
  for (const [pid, before] of a.own) if (!b.own.has(pid) && before.part === 'postgres') seconds.postgres -= before.ticks / TICKS_PER_SECOND;
  const own = PARTS.reduce((sum, p) => sum + seconds[p], 0);
  const machine = (b.machine - a.machine) / TICKS_PER_SECOND;
  return { seconds, otherCores: Math.max(0, machine - own) / wallSeconds, wallSeconds };
}
