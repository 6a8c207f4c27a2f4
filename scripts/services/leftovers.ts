import fs from 'node:fs';
import path from 'node:path';

/**
 * What a crashed `npm start` leaves behind, cleared by the next one without
 * anyone's help: the processes it had started (PostgreSQL, the Temporal dev
 * server, the api and the worker) still running and holding their ports, and
 * PostgreSQL's `postmaster.pid` naming a process that is gone (or whose id
 * another program now has).
 *
 * `.relais/run.json` records the start command's pid and each process it
 * starts, with a marker its command line must contain (its data directory, its
 * database file, its script) so that a reused pid is never taken for ours.
 */
export interface RunRecord {
  pid: number;
  processes: Array<{ name: string; pid: number; marker: string }>;
}

export class AlreadyRunningError extends Error {}

/** Linux: the process's command line, or undefined when it is gone. */
export function commandLine(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return undefined;
  }
}

/** Alive and not a zombie waiting for a parent that never reaps it. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

const ours = (pid: number, marker: string) => isAlive(pid) && (commandLine(pid)?.includes(marker) ?? false);

/** Asks a process to stop with `signal`, then kills it if it is still there after `graceMs`. */
async function terminate(pid: number, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch { /* gone meanwhile */ }
    while (isAlive(pid)) await new Promise((r) => setTimeout(r, 100));
  }
}

function readRecord(file: string): RunRecord | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as RunRecord;
  } catch {
    return undefined;
  }
}

export interface RunLock {
  /** Records a process this start has started. */
  add(name: string, pid: number, marker: string): void;
  /** After a clean stop: nothing is left to clear. */
  release(): void;
}

/**
 * Takes the data directory for this start: refuses when another start is
 * running on it; otherwise stops what an earlier start that died left running
 * (PostgreSQL with a fast shutdown, so it needs no recovery) and removes a
 * stale `postmaster.pid`.
 */
export async function takeOverDataDir(dataDir: string, postgresDir: string, say: (m: string) => void): Promise<RunLock> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'run.json');
  const previous = readRecord(file);
  if (previous && previous.pid !== process.pid && ours(previous.pid, 'scripts/start.ts')) {
    throw new AlreadyRunningError(`Relais is already running from ${dataDir} (process ${previous.pid}). Stop it first (Ctrl+C in its terminal, or \`kill ${previous.pid}\`).`);
  }
  const leftovers = [...(previous?.processes ?? [])];
  const lockFile = path.join(postgresDir, 'postmaster.pid');
  const postmaster = fs.existsSync(lockFile) ? Number(fs.readFileSync(lockFile, 'utf8').split('\n')[0]) : NaN;
  if (Number.isInteger(postmaster) && !leftovers.some((p) => p.pid === postmaster)) leftovers.push({ name: 'PostgreSQL', pid: postmaster, marker: postgresDir });
  for (const p of leftovers) {
    if (!ours(p.pid, p.marker)) continue;
    say(`stopping the ${p.name} an earlier start left running (process ${p.pid})…`);
    // SIGINT is PostgreSQL's fast shutdown (SIGTERM would wait for its clients to leave).
    await terminate(p.pid, p.name === 'PostgreSQL' ? 'SIGINT' : 'SIGTERM', 20_000);
  }
  // A postmaster.pid whose process is gone, or is now another program, would stop PostgreSQL from starting.
  if (fs.existsSync(lockFile) && !ours(postmaster, postgresDir)) fs.rmSync(lockFile, { force: true });

  const record: RunRecord = { pid: process.pid, processes: [] };
  const write = () => fs.writeFileSync(file, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  write();
  return {
    add(name, pid, marker) {
      record.processes.push({ name, pid, marker });
      write();
    },
    release() {
      fs.rmSync(file, { force: true });
    },
  };
}
