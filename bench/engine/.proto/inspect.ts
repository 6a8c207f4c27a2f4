import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
const silent = { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, trace: () => undefined };
bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'patched'), logger: silent, preloadModules: ['feelin'] }).then((b) => {
  const code = b.code;
  const i = code.indexOf('preloadModules');
  console.log(code.slice(i - 200, i + 400));
  const j = code.indexOf('__webpack_module_cache__');
  console.log(code.slice(j - 300, j + 900));
});
