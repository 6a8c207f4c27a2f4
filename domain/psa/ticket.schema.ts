import { z } from 'zod';
import { optionalText, recordMeta, requiredText, uuid } from '../core/fields';

/** Spec 003 §2.3.1: statuses Ouvert, En cours, En attente, Résolu, Fermé; priorities Basse, Normale, Haute, Critique. */
export const TICKET_STATUSES = ['open', 'in-progress', 'waiting', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'critical'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export const TICKET_SOURCES = ['manual', 'email', 'portal', 'rmm'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

const priority = z.enum(TICKET_PRIORITIES);
const ref = uuid.nullable().optional();

/** What people set on a ticket (the status moves by its own action, the SLA by its process, the totals by approved time). */
const editable = {
  title: requiredText(200),
  description: optionalText(20_000),
  priority,
  contactId: ref,
  contractId: ref,
  machineId: ref,
  assigneeId: ref,
  teamId: ref,
  queueId: ref,
  slaPolicyId: ref,
};

/** `POST /api/v1/psa/tickets` (issue 14 conventions): `{ accountId, title, priority, contractId? }` and the optional rest. */
export const ticketCreate = z.object({ accountId: uuid, ...editable, priority: priority.default('normal') }).strict();
export const ticketUpdate = z.object(editable).partial().strict();

export const ticketStatusChange = z.object({
  status: z.enum(TICKET_STATUSES),
  /** Why (shown on the timeline as an internal note when given). */
  note: optionalText(5_000),
}).strict();

export const ticketCommentCreate = z.object({
  body: requiredText(20_000),
  visibility: z.enum(['public', 'internal']).default('public'),
}).strict();

const instant = z.string().nullable();
const name = z.string().nullable();

export const ticket = z.object({
  ...recordMeta,
  number: z.number().int(),
  accountId: z.string().uuid(),
  accountName: z.string(),
  ...editable,
  contactId: z.string().uuid().nullable(),
  contractId: z.string().uuid().nullable(),
  machineId: z.string().uuid().nullable(),
  assigneeId: z.string().uuid().nullable(),
  teamId: z.string().uuid().nullable(),
  queueId: z.string().uuid().nullable(),
  slaPolicyId: z.string().uuid().nullable(),
  description: z.string().nullable(),
  contactName: name,
  assigneeName: name,
  teamName: name,
  queueName: name,
  contractName: name,
  machineHostname: name,
  status: z.enum(TICKET_STATUSES),
  source: z.enum(TICKET_SOURCES),
  requesterEmail: z.string().nullable(),
  responseDueAt: instant,
  resolutionDueAt: instant,
  /** The next SLA deadline (response while unanswered, else resolution); null once resolved or while paused. */
  slaDueAt: instant,
  firstResponseAt: instant,
  slaPausedSince: instant,
  slaPausedMinutes: z.number().int(),
  responseBreachedAt: instant,
  resolutionBreachedAt: instant,
  slaLevel: z.number().int().nullable(),
  resolvedAt: instant,
  closedAt: instant,
  approvedMinutes: z.number().int(),
  billableAmountCents: z.number().int(),
  createdBy: z.string().uuid().nullable(),
});

export const ticketComment = z.object({
  id: z.string().uuid(),
  ticketId: z.string().uuid(),
  authorId: z.string().uuid().nullable(),
  authorName: z.string().nullable(),
  authorEmail: z.string().nullable(),
  visibility: z.enum(['public', 'internal']),
  source: z.enum(['web', 'portal', 'email']),
  body: z.string(),
  createdAt: z.string(),
});

export type TicketCreate = z.infer<typeof ticketCreate>;
export type TicketRecord = z.infer<typeof ticket>;
export type TicketComment = z.infer<typeof ticketComment>;
