import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../../worker/create-worker';

Runtime.install({ logger: new DefaultLogger('WARN') });
const silent = { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, trace: () => undefined };
type H = { workflowId: string; history: temporal.api.history.v1.IHistory };

async function replay(bundle: WorkflowBundle, list: H[]) {
  const t0 = performance.now(); const c0 = process.cpuUsage();
  for await (const r of Worker.runReplayHistories({ workflowBundle: bundle, replayName: 'proto' }, list)) if (r.error) throw r.error;
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}
async function perHistory(bundle: WorkflowBundle, list: H[]) {
  await replay(bundle, list.slice(0, 2));
  const one = await replay(bundle, list.slice(0, 1)); const all = await replay(bundle, list);
  return { ms: (all.ms - one.ms) / (list.length - 1), cpu: (all.cpu - one.cpu) / (list.length - 1) };
}

async function main() {
  const file = process.argv[2]!;
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Array<{ workflowId: string; history: string }>>;
  const decode = (list: Array<{ workflowId: string; history: string }>): H[] => list.map((h) => ({ workflowId: h.workflowId, history: temporal.api.history.v1.History.decode(Buffer.from(h.history, 'base64')) }));
  const bpmn = decode(raw.bpmn!); const hand = decode(raw.hand!);
  const b = (p: string, extra = {}) => bundleWorkflowCode({ workflowsPath: p, logger: silent, ...extra });
  const bundles: Record<string, [WorkflowBundle, H[]]> = {
    product: [await b(WORKFLOWS_PATH), bpmn],
    'engine only': [await b(path.join(__dirname, 'orig')), bpmn],
    'engine only, patched': [await b(path.join(__dirname, 'patched')), bpmn],
    'engine only, patched + feelin preloaded': [await b(path.join(__dirname, 'patched'), { preloadModules: ['feelin'] }), bpmn],
    'engine only + feelin preloaded': [await b(path.join(__dirname, 'orig'), { preloadModules: ['feelin'] }), bpmn],
    hand: [await b(require.resolve('../hand-written.workflow')), hand],
  };
  const results: Record<string, number[]> = {};
  const reps = Number(process.env.REPS ?? 5);
  for (let i = 0; i < reps; i++) for (const [k, [bundle, list]] of Object.entries(bundles)) (results[k] ??= []).push((await perHistory(bundle, list)).cpu);
  for (const [k, v] of Object.entries(results)) { const s = [...v].sort((x, y) => x - y); console.log(`${k.padEnd(42)} CPU ms/instance median ${s[Math.floor(s.length / 2)]!.toFixed(2)}  min ${s[0]!.toFixed(2)}  all ${v.map((x) => x.toFixed(1)).join(' ')}`); }
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
