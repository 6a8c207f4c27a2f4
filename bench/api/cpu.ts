import fs from 'node:fs';

/**
 * Who used the CPU during a measurement: this process and its descendants
 * (the API process, PostgreSQL and its backends) versus everything else on
 * the machine. A benchmark on a shared 2-core machine is only worth its
 * figures when "other" stays near zero, so the report prints it.
 * Linux only (/proc); elsewhere `sample()` returns null.
 */

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the project runs on

interface ProcStat { ppid: number; ticks: number; reaped: number; comm: string }

function readStat(pid: number): ProcStat | null {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: split after it.
    const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15, and the CPU of
    // children it has reaped (cutime 16, cstime 17): PostgreSQL's parallel workers live
    // and die within a run, and are only seen there.
    const n = (field: number) => Number(fields[field - 3]);
    return { ppid: n(4), ticks: n(14) + n(15), reaped: n(16) + n(17), comm: raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')')) };
  } catch {
    return null;
  }
}

function machineBusyTicks(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [, ...values] = line.trim().split(/\s+/);
  const v = values.map(Number);
  // user nice system idle iowait irq softirq steal (guest is already in user)
  return v[0]! + v[1]! + v[2]! + v[5]! + v[6]! + v[7]!;
}

type Part = 'bench' | 'api' | 'postgres';
interface Own { ticks: number; reaped: number; part: Part }

/** CPU ticks of this process and all its descendants, by pid. */
function ownTicks(): Map<number, Own> {
  const stats = new Map<number, ProcStat>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = readStat(Number(entry));
    if (s) stats.set(Number(entry), s);
  }
  const children = new Map<number, number[]>();
  for (const [pid, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  const out = new Map<number, Own>();
  const walk = (pid: number) => {
    const s = stats.get(pid);
    if (s) out.set(pid, { ticks: s.ticks, reaped: s.reaped, part: pid === process.pid ? 'bench' : s.comm === 'postgres' ? 'postgres' : 'api' });
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(process.pid);
  return out;
}

export interface CpuSample { at: bigint; machine: number; own: Map<number, Own> }

export interface CpuUse {
  /** Average cores busy on the whole machine. */
  machine: number;
  /** …of which the benchmark, the API and PostgreSQL. */
  own: number;
  /** The same, by process: the benchmark itself (autocannon, or the SQL threads), the API process, PostgreSQL. */
  parts: Record<Part, number>;
  /** …and everything else (other programs on the machine). */
  other: number;
}

export function sample(): CpuSample | null {
  if (!fs.existsSync('/proc/stat')) return null;
  return { at: process.hrtime.bigint(), machine: machineBusyTicks(), own: ownTicks() };
}

export function between(a: CpuSample | null, b: CpuSample | null): CpuUse | null {
  if (!a || !b) return null;
  const seconds = Number(b.at - a.at) / 1e9;
  const cores = (ticks: number) => ticks / TICKS_PER_SECOND / seconds;
  const parts: Record<Part, number> = { bench: 0, api: 0, postgres: 0 };
  for (const [pid, now] of b.own) {
    const before = a.own.get(pid);
    parts[now.part] += cores(now.ticks + now.reaped - (before ? before.ticks + before.reaped : 0));
  }
  // A process that ended during the run was reaped by its parent, whose count now holds
  // its whole life: take out what it had used before the run.
  for (const [pid, before] of a.own) if (!b.own.has(pid)) parts[before.part] -= cores(before.ticks + before.reaped);
  const machine = cores(b.machine - a.machine);
  const own = parts.bench + parts.api + parts.postgres;
  return { machine, own, parts, other: Math.max(0, machine - own) };
}
