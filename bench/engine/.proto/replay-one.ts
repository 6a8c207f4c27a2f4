import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../../worker/create-worker';
Runtime.install({ logger: new DefaultLogger('WARN') });
const silent = { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, trace: () => undefined };
async function main() {
  const [file, which] = process.argv.slice(2) as [string, string];
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Array<{ workflowId: string; history: string }>>;
  const list = raw[which === 'hand' ? 'hand' : 'bpmn']!.map((h) => ({ workflowId: h.workflowId, history: temporal.api.history.v1.History.decode(Buffer.from(h.history, 'base64')) }));
  const p = which === 'hand' ? require.resolve('../hand-written.workflow') : which === 'product' ? WORKFLOWS_PATH : path.join(__dirname, which);
  const bundle = await bundleWorkflowCode({ workflowsPath: p, logger: silent, preloadModules: process.env.PRELOAD ? [process.env.PRELOAD] : [] });
  const all = Array.from({ length: 5 }, () => list).flat();
  const t0 = performance.now(); const c0 = process.cpuUsage();
  for await (const r of Worker.runReplayHistories({ workflowBundle: bundle }, all)) if (r.error) throw r.error;
  const c = process.cpuUsage(c0);
  console.log(which, all.length, 'histories', ((performance.now() - t0) / all.length).toFixed(2), 'ms wall', ((c.user + c.system) / 1000 / all.length).toFixed(2), 'ms CPU per history');
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
