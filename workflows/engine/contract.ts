import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CompleteTaskArgs, ProcessMessageArgs, ProcessSignalArgs, ProcessState, ResolveIncidentArgs } from '../../kernel/process/engine-types';

/**
 * The `bpmnProcess` workflow's Temporal definitions: the one file of the
 * engine that the API and the domain import (the data they carry is in
 * kernel/process/engine-types.ts). Typed message names (STYLE §3): the API
 * uses these constants, never strings.
 */
export const completeTaskUpdate = defineUpdate<{ ok: true }, [CompleteTaskArgs]>('completeTask');
export const resolveIncidentUpdate = defineUpdate<{ ok: true }, [ResolveIncidentArgs]>('resolveIncident');
export const processMessageSignal = defineSignal<[ProcessMessageArgs]>('processMessage');
export const cancelProcessSignal = defineSignal<[{ reason: string; userId: string | null }]>('cancelProcess');
export const processSignalSignal = defineSignal<[ProcessSignalArgs]>('processSignal');
export const processStateQuery = defineQuery<ProcessState>('processState');
