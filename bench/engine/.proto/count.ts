import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../../worker/create-worker';
Runtime.install({ logger: new DefaultLogger('WARN') });
const silent = { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, trace: () => undefined };
async function main() {
  const [file] = process.argv.slice(2) as [string];
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Array<{ workflowId: string; history: string }>>;
  const dec = (k: string) => raw[k]!.slice(0, 20).map((h) => ({ workflowId: h.workflowId, history: temporal.api.history.v1.History.decode(Buffer.from(h.history, 'base64')) }));
  const cases: Array<[string, string, string[], string]> = [
    ['product', WORKFLOWS_PATH, [], 'bpmn'],
    ['patched', path.join(__dirname, 'patched'), [], 'bpmn'],
    ['hand', require.resolve('../hand-written.workflow'), [], 'hand'],
  ];
  for (const [name, p, preload, which] of cases) {
    const bundle = await bundleWorkflowCode({ workflowsPath: p, logger: silent, preloadModules: preload });
    const list = dec(which);
    for await (const r of Worker.runReplayHistories({ workflowBundle: bundle }, list.slice(0, 2))) if (r.error) throw r.error;
    let count = 0;
    const stop = v8.promiseHooks.onInit((p: Promise<unknown>) => { if (p.constructor !== Promise) count++; });
    for await (const r of Worker.runReplayHistories({ workflowBundle: bundle }, list)) if (r.error) throw r.error;
    stop();
    let count1 = 0;
    const stop1 = v8.promiseHooks.onInit((p: Promise<unknown>) => { if (p.constructor !== Promise) count1++; });
    for await (const r of Worker.runReplayHistories({ workflowBundle: bundle }, list.slice(0, 1))) if (r.error) throw r.error;
    stop1();
    console.log(name.padEnd(10), 'promises per instance created in the workflow sandbox:', ((count - count1) / (list.length - 1)).toFixed(0));
  }
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
