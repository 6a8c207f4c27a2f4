import { setHandler } from '@temporalio/workflow';
import { cancelProcessSignal, completeTaskUpdate, processMessageSignal, processSignalSignal, processStateQuery, resolveIncidentUpdate } from './contract';
import type { ProcessInput, ProcessResult } from '../../kernel/process/engine-types';
import { ElementRun } from './element-run';

/**
 * The one workflow type that runs every BPMN process (DESIGN §5): it
 * interprets the compiled plan it is given.
 */
export async function bpmnProcess(input: ProcessInput & { maxStepsPerRun?: number }): Promise<ProcessResult> {
  const run = new ElementRun(input, input.maxStepsPerRun);
  setHandler(processStateQuery, () => run.state());
  setHandler(completeTaskUpdate, (args) => run.completeTask(args), { validator: (args) => run.validateCompletion(args) });
  setHandler(resolveIncidentUpdate, (args) => run.resolveIncident(args), { validator: (args) => run.validateResolution(args) });
  setHandler(processMessageSignal, (message) => run.deliver(message));
  setHandler(processSignalSignal, (signal) => run.deliverSignal(signal));
  setHandler(cancelProcessSignal, (request) => run.cancel(request));
  return run.run();
}
