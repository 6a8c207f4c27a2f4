import { z } from 'zod';
import { cents, optionalText, recordMeta, requiredText, uuid } from '../core/fields';

/**
 * Deployments (spec 002 §6, docs/adr/0044-telecom-deployments.md): the single source of their types — API
 * validation, OpenAPI, the forms and the activities' inputs.
 */
export const DEPLOYMENT_STATUSES = ['study', 'supplier', 'billing', 'check', 'fix', 'done', 'abandoned'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

export const SUPPLIER_KINDS = ['create-line', 'modify-line', 'terminate-line', 'order-sim', 'change-options'] as const;
export const BILLING_KINDS = ['create-service', 'change-subscription', 'add-option', 'add-hardware', 'add-fee'] as const;
export const ACTION_KINDS = [...SUPPLIER_KINDS, ...BILLING_KINDS] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export type ActionSide = 'supplier' | 'billing';

export const ACTION_STATUSES = ['pending', 'sent', 'waiting', 'done', 'failed', 'compensated'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

const label = requiredText(200);

/** What each kind of action needs (its `params`); ids only, never a person. */
export const ACTION_PARAMS = {
  'create-line': z.object({ planId: uuid.optional(), optionIds: z.array(uuid).max(20).optional() }).strict(),
  'modify-line': z.object({ planId: uuid }).strict(),
  'terminate-line': z.object({ on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).strict(),
  'order-sim': z.object({ quantity: z.number().int().min(1).max(500).default(1) }).strict(),
  'change-options': z.object({ optionIds: z.array(uuid).max(20) }).strict(),
  'create-service': z.object({ planId: uuid.optional() }).strict(),
  'change-subscription': z.object({ planId: uuid }).strict(),
  'add-option': z.object({ optionId: uuid }).strict(),
  'add-hardware': z.object({ label, amountCents: cents, quantity: z.number().int().min(1).max(10_000).default(1) }).strict(),
  'add-fee': z.object({ label, amountCents: cents }).strict(),
} satisfies Record<ActionKind, z.ZodType>;

/** One action asked for when creating a deployment: its kind, the line it concerns (when it concerns one) and its params. */
export const deploymentActionInput = z.object({
  kind: z.enum(ACTION_KINDS),
  lineId: uuid.nullable().optional(),
  params: z.record(z.string(), z.unknown()).default({}),
}).strict();
export type DeploymentActionInput = z.input<typeof deploymentActionInput>;

/** `POST /api/v1/telecom/deployments` and `createDeployment(ctx, …)`. */
export const deploymentCreate = z.object({
  accountId: uuid,
  title: requiredText(200),
  lineIds: z.array(uuid).max(10_000).default([]).transform((ids) => [...new Set(ids)]),
  actions: z.array(deploymentActionInput).max(10_000).default([]),
  studyNotes: optionalText(20_000),
  quoteId: uuid.nullable().optional(),
  /** Start its process now (the default); false leaves it in study until « Lancer ». */
  start: z.boolean().default(true),
}).strict();
export type DeploymentCreate = z.input<typeof deploymentCreate>;

/** What people change on a deployment by hand: its title, study notes and quote (the rest moves by its process). */
export const deploymentUpdate = z.object({
  title: label.optional(),
  studyNotes: optionalText(20_000),
  quoteId: uuid.nullable().optional(),
}).strict();

/** `POST …/deployments/{id}/abandon`. */
export const deploymentAbandon = z.object({ reason: requiredText(2_000) }).strict();

export const deploymentAction = z.object({
  id: z.string().uuid(),
  position: z.number().int(),
  side: z.enum(['supplier', 'billing']),
  kind: z.enum(ACTION_KINDS),
  lineId: z.string().uuid().nullable(),
  lineNumber: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  status: z.enum(ACTION_STATUSES),
  externalRefs: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
  attempts: z.number().int(),
  doneAt: z.string().nullable(),
  compensatedAt: z.string().nullable(),
});
export type DeploymentAction = z.infer<typeof deploymentAction>;

export const deployment = z.object({
  ...recordMeta,
  number: z.number().int(),
  accountId: z.string().uuid(),
  accountName: z.string(),
  title: z.string(),
  status: z.enum(DEPLOYMENT_STATUSES),
  studyNotes: z.string().nullable(),
  quoteId: z.string().uuid().nullable(),
  quoteNumber: z.string().nullable(),
  lineIds: z.array(z.string().uuid()),
  checkOutcome: z.record(z.string(), z.unknown()).nullable(),
  abandonReason: z.string().nullable(),
  abandonedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  createdBy: z.string().uuid().nullable(),
});
export type DeploymentRecord = z.infer<typeof deployment>;
