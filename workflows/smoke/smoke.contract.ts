import { defineQuery, defineSignal } from '@temporalio/workflow';

/**
 * What the smoke workflow and the API share (STYLE §3): the API starts it by
 * this name with a type-only import of the workflow, so no workflow code
 * runs in the API process.
 */
export const SMOKE_WORKFLOW = 'smokeWorkflow';

export interface SmokeInput {
  tenantId: string;
  runId: string;
  /** When true the run waits for the `proceed` signal: tests use this to restart the worker mid-run. */
  waitForSignal: boolean;
}

export type SmokeState = 'waiting' | 'recording' | 'completed';

export const proceedSignal = defineSignal('proceed');
export const smokeStateQuery = defineQuery<SmokeState>('smokeState');
