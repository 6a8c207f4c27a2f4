/**
 * The baseline of bench/engine: the process of ten-steps.bpmn written by hand
 * as a Temporal workflow, as a developer would without the interpreter. It is
 * bundled on its own (its own worker and task queue), so the product's
 * workflow barrel (workflows/index.ts) is untouched.
 *
 * To compare like with like it calls the same activities with the same
 * options and the same arguments as the interpreter does for this process:
 * system.echo with the compiled plan's retry policy and timeout, an empty
 * input and the same ServiceTaskMeta (idempotency key included), then
 * process.finishInstance with the interpreter's options. What it does not do:
 * carry the plan in its input, evaluate FEEL, keep token/visit counters,
 * register the query/update/signal handlers bpmnProcess registers.
 */
import { CancellationScope, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { EngineActivities } from '../../activities/process/engine.activities';
import type { ServiceTaskMeta } from '../../activities/registry';
import { BPMN_ERROR_TYPE, ECHO_RETRY, ECHO_TIMEOUT_MS, type HandWrittenInput, type HandWrittenResult } from './shape';

const { 'system.echo': echo } = proxyActivities<{ 'system.echo': (input: Record<string, unknown>, meta: ServiceTaskMeta) => Promise<Record<string, unknown>> }>({
  startToCloseTimeout: ECHO_TIMEOUT_MS,
  retry: {
    maximumAttempts: ECHO_RETRY.maximumAttempts, initialInterval: ECHO_RETRY.initialIntervalMs,
    backoffCoefficient: ECHO_RETRY.backoffCoefficient, maximumInterval: ECHO_RETRY.maximumIntervalMs,
    nonRetryableErrorTypes: [BPMN_ERROR_TYPE],
  },
});

// The interpreter's own options for its engine activities (workflows/engine/process-run.ts).
const engine = proxyActivities<EngineActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function handWrittenTenSteps(input: HandWrittenInput): Promise<HandWrittenResult> {
  const variables = { ...input.variables };
  const { workflowId } = workflowInfo();
  const step = (elementId: string) => echo({}, {
    tenantId: input.tenantId, workflowId, elementId, loopCounter: 1, idempotencyKey: `${workflowId}/${elementId}/1/1`,
  });

  await step('Echo1');
  await step('Echo2');
  if (variables.route === 'a') await step('Echo3A');
  else await step('Echo3B');
  await Promise.all([step('Echo4'), step('Echo5'), step('Echo6')]);
  await step('Echo7');
  await step('Echo8');

  if (!input.skipFinish) {
    await CancellationScope.nonCancellable(() => engine['process.finishInstance']({
      tenantId: input.tenantId, instanceId: input.instanceId, status: 'completed', reason: null,
    }));
  }
  return { status: 'completed', variables };
}
