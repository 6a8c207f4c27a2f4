/**
 * Summarises V8 CPU profiles (BENCH_ENGINE_CPU_PROF=1 writes one per thread
 * of the worker process): total sampled time, then self time by package or
 * file, then the heaviest functions, then (with FOCUS=<substring of a
 * function or file>[,<another>…]) the inclusive time of matching frames.
 *
 *   node --import tsx bench/engine/profile-summary.ts .relais/bench/engine-<stamp>-profiles/*.cpuprofile
 */
import fs from 'node:fs';
import path from 'node:path';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

/** Where a frame's code comes from: a package, a project file, or V8/Node itself. */
function origin(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return `(${frame.functionName || 'native'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const project = /\/work\/[^/]+\/(.*)$/.exec(url) ?? /webpack:\/\/[^/]*\/(.*)$/.exec(url);
  return project ? project[1]! : url;
}

function summarise(file: string, focus: string | undefined): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const totalUs = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self].filter(([id]) => ['(idle)', '(program)', '(garbage collector)'].includes(byId.get(id)!.callFrame.functionName));
  const busyUs = totalUs - idle.filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, us]) => a + us, 0);

  const byOrigin = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') continue;
    byOrigin.set(origin(frame), (byOrigin.get(origin(frame)) ?? 0) + us);
    const name = `${frame.functionName || '(anonymous)'} ${origin(frame)}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  }
  const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / busyUs).toFixed(1).padStart(5)}%`;
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `  ${ms(us)}  ${k}`).join('\n');
  let out = `${path.basename(file)}: ${(totalUs / 1000).toFixed(0)} ms sampled, ${(busyUs / 1000).toFixed(0)} ms not idle (percentages of the latter)\n` +
    `Self time by origin:\n${top(byOrigin, 15)}\nHeaviest functions (self):\n${top(byFunction, 25)}\n`;

  for (const pattern of focus ? focus.split(',') : []) {
    // Inclusive time: a sample counts once for each distinct matching frame on its stack,
    // and once in "any" if any frame of its stack matches.
    const inclusive = new Map<string, number>();
    for (const [id, us] of self) {
      const seen = new Set<string>();
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
        const frame = byId.get(n)!.callFrame;
        const name = `${frame.functionName || '(anonymous)'} ${origin(frame)}:${frame.lineNumber + 1}`;
        if (!name.includes(pattern) || seen.has(name)) continue;
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + us);
      }
      if (seen.size) inclusive.set('(any of these)', (inclusive.get('(any of these)') ?? 0) + us);
    }
    out += `Inclusive time of frames matching "${pattern}":\n${top(inclusive, 12)}\n`;
  }
  return out;
}

for (const file of process.argv.slice(2)) process.stdout.write(`${summarise(file, process.env.FOCUS)}\n`);
