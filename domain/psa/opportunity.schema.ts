import { z } from 'zod';
import { cents, optionalText, recordMeta, requiredText, uuid } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';
import { isoDate } from '../billing/billing.schema';
import { contractType } from './contract.schema';

/**
 * The pipeline's records (issue 14, spec 003 §2.1): the organisation's stages, its opportunities and
 * the commercial journal of an account with its reminders. What the API accepts and answers; the
 * rules across fields are in opportunities.ts and pipeline.ts.
 */
const percent = z.number().int(fieldIssue('field.whole-number')).min(0).max(100);
export const stageOutcome = z.enum(['open', 'won', 'lost']);

// ---- stages (psa.pipeline-stage) ----
const stageKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, fieldIssue('field.invalid'));
export const stageCreate = z.object({
  key: stageKey,
  labelFr: requiredText(60),
  labelEn: requiredText(60),
  position: z.number().int().min(0).max(1000),
  defaultProbability: percent.default(0),
  outcome: stageOutcome.default('open'),
}).strict();
export const stageUpdate = stageCreate.omit({ key: true }).partial().strict();
export const stage = z.object({
  ...recordMeta,
  key: z.string(), labelFr: z.string(), labelEn: z.string(), position: z.number().int(), defaultProbability: z.number().int(), outcome: stageOutcome,
});

// ---- opportunities (psa.opportunity) ----
const opportunityEditable = {
  title: requiredText(200),
  contactId: uuid.nullable().optional(),
  amountCents: cents.default(0),
  probability: percent.optional(),
  expectedCloseDate: isoDate.nullable().optional(),
  ownerId: uuid.nullable().optional(),
  notes: optionalText(10_000),
  lostReason: optionalText(500),
  /** What contract winning it opens (with an accepted quote): its type and, for an hour bank, the pack sold in minutes. */
  contractType: contractType.nullable().optional(),
  contractPackMinutes: z.number().int().min(1).max(600_000).nullable().optional(),
};
export const opportunityCreate = z.object({
  accountId: uuid,
  /** Its stage; the first open stage of the pipeline when left out. */
  stageId: uuid.optional(),
  ...opportunityEditable,
}).strict();
export const opportunityUpdate = z.object({
  ...opportunityEditable,
  amountCents: cents,
  stageId: uuid,
  rank: z.number().finite(),
}).partial().strict();
export const opportunity = z.object({
  ...recordMeta,
  number: z.number().int(),
  accountId: z.string().uuid(),
  accountName: z.string(),
  contactId: z.string().uuid().nullable(),
  title: z.string(),
  stageId: z.string().uuid(),
  stageKey: z.string(),
  stageOutcome: stageOutcome,
  rank: z.number(),
  amountCents: z.number().int(),
  probability: z.number().int(),
  expectedCloseDate: z.string().nullable(),
  ownerId: z.string().uuid().nullable(),
  ownerName: z.string().nullable(),
  quoteId: z.string().uuid().nullable(),
  quoteStatus: z.string().nullable(),
  contractId: z.string().uuid().nullable(),
  lostReason: z.string().nullable(),
  closedAt: z.string().nullable(),
  notes: z.string().nullable(),
  contractType: contractType.nullable(),
  contractPackMinutes: z.number().int().nullable(),
  createdBy: z.string().uuid().nullable(),
});

/** A card dropped on the board: its stage and the cards it lands between (null at a column's end); a lost stage takes the reason. */
export const opportunityMove = z.object({
  stageId: uuid,
  beforeId: uuid.nullable().optional(),
  afterId: uuid.nullable().optional(),
  lostReason: optionalText(500),
}).strict();
export type OpportunityMove = z.infer<typeof opportunityMove>;

// ---- the journal (psa.interaction) ----
export const interactionKind = z.enum(['call', 'email', 'note', 'meeting', 'action']);
const instant = z.iso.datetime({ offset: true, message: fieldIssue('field.date-time') });
const interactionEditable = {
  kind: interactionKind,
  subject: requiredText(300),
  body: optionalText(10_000),
  occurredAt: instant.optional(),
  contactId: uuid.nullable().optional(),
  opportunityId: uuid.nullable().optional(),
  /** A reminder: when, and whose (the author when left out). */
  remindAt: instant.nullable().optional(),
  reminderOwnerId: uuid.nullable().optional(),
};
export const interactionCreate = z.object({ accountId: uuid, ...interactionEditable }).strict();
export const interactionUpdate = z.object({ ...interactionEditable, reminderDone: z.boolean() }).partial().strict();
export const interaction = z.object({
  ...recordMeta,
  accountId: z.string().uuid(),
  accountName: z.string(),
  opportunityId: z.string().uuid().nullable(),
  contactId: z.string().uuid().nullable(),
  kind: interactionKind,
  subject: z.string(),
  body: z.string().nullable(),
  occurredAt: z.string(),
  authorId: z.string().uuid().nullable(),
  authorName: z.string().nullable(),
  remindAt: z.string().nullable(),
  reminderOwnerId: z.string().uuid().nullable(),
  reminderDoneAt: z.string().nullable(),
});

/** The board's filters: an owner (`me`), a client, a quick search. */
export const pipelineBoardQuery = z.object({
  ownerId: z.union([z.literal('me'), z.uuid()]).optional(),
  accountId: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
}).strict();

/** The pipeline as the board shows it: the stages in order, each with its opportunities by rank and totals. */
export const pipelineBoard = z.object({
  stages: z.array(stage.extend({
    count: z.number().int(), amountCents: z.number().int(), weightedCents: z.number().int(),
    items: z.array(opportunity),
    /** More cards than shown: `GET /psa/opportunities?stageId=…&sort=rank&cursor=…` (with the board's filters) gives the next ones. */
    nextCursor: z.string().nullable(),
  })),
});

/** A due reminder as the owner's task list shows it. */
export const reminderTask = z.object({
  id: z.string().uuid(),
  kind: interactionKind,
  subject: z.string(),
  remindAt: z.string(),
  accountId: z.string().uuid(),
  accountName: z.string(),
  opportunityId: z.string().uuid().nullable(),
  opportunityTitle: z.string().nullable(),
  version: z.number().int(),
});
