import { z } from 'zod';

/**
 * What the API answers about process definitions (BPMN) and decision
 * definitions (DMN): the OpenAPI document's schemas, one per concept
 * (domain/process/definitions-service.ts and decisions-service.ts build them).
 */
const isoTime = z.string().describe('ISO 8601 date-time');
const userId = z.string().uuid();

/** A lint finding on a BPMN or DMN element (null: the whole file); `message` says what is wrong and what to do. */
export const definitionProblem = z.looseObject({
  elementId: z.string().nullable(),
  rule: z.string().meta({ examples: ['relais/business-rule-task', 'relais/extension'] }),
  message: z.string().describe("Written in the request's language (Accept-Language)"),
  code: z.string().optional().describe('The catalogue code of the message (docs/adr/0010-server-messages.md)'),
  params: z.record(z.string(), z.unknown()).optional().describe("The message's parameters"),
});

export const definitionSummary = z.object({
  id: z.string().uuid(), key: z.string(), version: z.number().int().nullable().describe('null for a draft'),
  status: z.enum(['draft', 'deployed']), name: z.string().nullable(), deployedAt: isoTime.nullable(),
});

export const timerStartView = z.object({ businessKey: z.string(), startsAt: isoTime });
export const startScheduleView = z.object({ startEvent: z.string(), cycle: z.string(), workflowId: z.string() });

/** What a save or a deploy answers. */
export const definitionSaved = definitionSummary.extend({
  warnings: z.array(definitionProblem).describe('What Relais will ignore: does not stop a deploy'),
  problems: z.array(definitionProblem).optional().describe('Drafts only: what would refuse a deploy'),
  scheduledStarts: z.array(timerStartView).optional().describe('Deploys only: the timer start events it scheduled'),
  startSchedules: z.array(startScheduleView).optional().describe('Deploys only: one scheduler workflow per timer start event with a cycle'),
});

export const definitionListItem = z.object({
  key: z.string(), name: z.string().nullable(), latestVersion: z.number().int().nullable(), versions: z.number().int(),
  hasDraft: z.boolean(), deployedAt: isoTime.nullable(), deployedBy: userId.nullable(), draftSavedAt: isoTime.nullable(),
  retiredAt: isoTime.nullable().describe('Set while the key is retired: it starts no new instance'), retiredBy: userId.nullable(),
});

export const definitionVersion = definitionSummary.extend({
  deployedBy: userId.nullable(), createdBy: userId.nullable(), createdAt: isoTime, updatedAt: isoTime,
});

const retirementState = z.object({ key: z.string(), retired: z.boolean(), retiredAt: isoTime.nullable(), retiredBy: userId.nullable() });
export const definitionRetired = retirementState.extend({
  cancelledTimerStarts: z.array(z.string()).describe('Timer starts taken back (their business keys)'),
  stoppedSchedules: z.array(z.string()).describe('Scheduler workflows terminated'),
});
export const definitionReactivated = retirementState.extend({ scheduledStarts: z.array(timerStartView), startSchedules: z.array(startScheduleView) });

/** The compiled plan the bpmnProcess workflow runs (kernel/process/plan.ts): its shape belongs to the engine. */
export const processPlanView = z.looseObject({ processKey: z.string(), version: z.number().int() });

export const decisionSummary = z.object({
  decisionId: z.string(), name: z.string().nullable(), key: z.string().describe('The file\'s key (its <definitions> id)'), version: z.number().int(),
  kind: z.enum(['decisionTable', 'literalExpression']), hitPolicy: z.string().nullable(),
  requiredDecisions: z.array(z.string()).describe('The decisions it reads, directly'), deployedAt: isoTime,
});
export const decisionListItem = decisionSummary.extend({ versions: z.number().int() });
export const decisionDeployment = z.object({
  id: z.string().uuid(), key: z.string(), name: z.string().nullable(), version: z.number().int(), deployedAt: isoTime, decisions: z.array(decisionSummary),
});
export const decisionWithPlan = decisionSummary.extend({ plan: z.record(z.string(), z.unknown()).describe('The compiled decision') });
export const decisionEvaluation = z.object({
  decisionId: z.string(), version: z.number().int(), result: z.unknown(),
  decisions: z.array(z.object({ decisionId: z.string(), matchedRules: z.array(z.string()), result: z.unknown() })),
});
