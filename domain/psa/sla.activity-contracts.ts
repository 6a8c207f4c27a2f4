import { z } from 'zod';
import { defineActivity } from '../process/activity-definition';

/**
 * The service tasks of `psa.ticket-to-invoice` (workflows/psa/ticket-to-invoice.bpmn), implemented
 * in activities/psa/sla.activities.ts. Each reads the ticket first and may run again (a retry, a
 * replay) with the same effect: an escalation is recorded once (its key: ticket, target, percent),
 * a pause keeps its first instant, a resume adds a pause once, triage sets what it sets. Instants
 * are the process's clock (the task's scheduled time), so a task run late acts for when it was due.
 */
const uuid = z.string().uuid();
const instant = z.string().datetime({ offset: true });
const retry = { maximumAttempts: 5 };
const target = z.enum(['response', 'resolution']);

const plannedClock = z.object({
  targetMinutes: z.number(),
  dueAt: instant,
  firstPercent: z.number().int(), firstAt: instant,
  secondPercent: z.number().int(), secondAt: instant,
  breachAt: instant,
});

export const psaSlaPlan = defineActivity({
  name: 'psa.sla.plan',
  description: {
    fr: "Calcule les échéances SLA du ticket (politique, calendrier ouvré, temps en pause) et les seuils d'escalade, et les inscrit sur le ticket",
    en: "Computes the ticket's SLA deadlines (policy, business calendar, paused time) and escalation levels, and writes them on the ticket",
  },
  input: z.object({
    ticketId: uuid,
    /** Three ascending percentages ending at 100 (process variable `escalationPercents`); none: the policy's. */
    escalationPercents: z.array(z.number().int().min(1).max(100)).length(3).nullable().optional(),
  }).strict(),
  output: z.object({
    policyId: uuid.nullable(), policyName: z.string(), calendarId: uuid.nullable(),
    priority: z.enum(['low', 'normal', 'high', 'critical']),
    pausedMinutes: z.number().int(),
    assigned: z.boolean(), responded: z.boolean(),
    response: plannedClock, resolution: plannedClock,
  }),
  retry,
});

export const psaSlaEscalate = defineActivity({
  name: 'psa.sla.escalate',
  description: {
    fr: "Escalade SLA : enregistre le seuil atteint (une fois), prévient le technicien puis les managers, et au dépassement réaffecte le ticket",
    en: 'SLA escalation: records the level reached (once), tells the assignee then the managers, and on a breach reassigns the ticket',
  },
  input: z.object({
    ticketId: uuid,
    target,
    level: z.enum(['first', 'second', 'breach']),
    percent: z.number().int().min(1).max(100),
    /** When the level fell due (the timer's date): the event's instant. */
    dueAt: instant,
    /** The role whose members are told and handed a breached ticket (process variable `escalationRole`). */
    escalationRole: z.string().min(1).default('manager'),
    escalationManagerId: uuid.nullable().optional(),
    /** At the breach: `manager` (hand it to a manager) or `queue` (unassign it, back to its queue). */
    breachReassignTo: z.enum(['manager', 'queue']).default('manager'),
  }).strict(),
  output: z.object({
    outcome: z.enum(['recorded', 'already-recorded', 'met', 'paused']),
    notified: z.number().int(),
    reassignedTo: uuid.nullable(),
  }),
  retry: { maximumAttempts: 8, initialIntervalMs: 5_000, backoffCoefficient: 2, maximumIntervalMs: 10 * 60_000 },
  timeoutMs: 60_000,
});

export const psaSlaPause = defineActivity({
  name: 'psa.sla.pause',
  description: { fr: "Arrête l'horloge SLA du ticket (en attente du client, ou résolu)", en: "Stops the ticket's SLA clock (waiting for the client, or resolved)" },
  /** `waiting`: the deadlines are cleared until it resumes; `resolved`: kept (they tell whether it was resolved in time). */
  input: z.object({ ticketId: uuid, reason: z.enum(['waiting', 'resolved']).default('waiting') }).strict(),
  output: z.object({ pausedSince: instant }),
  retry,
});

export const psaSlaResume = defineActivity({
  name: 'psa.sla.resume',
  description: {
    fr: "Relance l'horloge SLA du ticket : le temps ouvré passé en pause repousse ses échéances",
    en: "Restarts the ticket's SLA clock: the business time spent paused pushes its deadlines",
  },
  input: z.object({ ticketId: uuid }).strict(),
  output: z.object({ pausedMinutes: z.number().int(), addedMinutes: z.number().int() }),
  retry,
});

export const psaTicketTriage = defineActivity({
  name: 'psa.ticket.triage',
  description: { fr: 'Applique le tri du ticket : file, équipe, technicien, priorité', en: "Applies the ticket's triage: queue, team, technician, priority" },
  input: z.object({
    ticketId: uuid,
    queueId: uuid.nullable().optional(),
    teamId: uuid.nullable().optional(),
    assigneeId: uuid.nullable().optional(),
    priority: z.enum(['low', 'normal', 'high', 'critical']).nullable().optional(),
  }).strict(),
  output: z.object({ assigneeId: uuid.nullable(), teamId: uuid.nullable(), queueId: uuid.nullable(), priority: z.string(), priorityChanged: z.boolean() }),
  retry,
});

export const psaTicketAutoClose = defineActivity({
  name: 'psa.ticket.auto-close',
  description: {
    fr: "Ferme le ticket résolu que le client n'a ni confirmé ni rouvert dans le délai",
    en: 'Closes a resolved ticket the client neither confirmed nor reopened in time',
  },
  input: z.object({ ticketId: uuid }).strict(),
  output: z.object({ closed: z.boolean(), status: z.string() }),
  retry,
});

export const psaTicketBillingStatus = defineActivity({
  name: 'psa.ticket.billing-status',
  description: {
    fr: 'Où en est le temps du ticket fermé : saisies à approuver, minutes couvertes par le contrat, pré-facturation et facture',
    en: "Where the closed ticket's time stands: entries to approve, minutes the contract covered, pre-billing and invoice",
  },
  input: z.object({ ticketId: uuid }).strict(),
  output: z.object({
    /** Entries not approved yet (draft, submitted, changes requested). */
    pendingEntries: z.number().int(),
    approvedMinutes: z.number().int(),
    coveredMinutes: z.number().int(),
    billedMinutes: z.number().int(),
    billableAmountCents: z.number().int(),
    /** The pre-billing queue: nothing to invoice, waiting, invoiced, or excluded by an administrator. */
    prebilling: z.enum(['none', 'pending', 'invoiced', 'excluded']),
    invoiceId: uuid.nullable(),
  }),
  retry,
});

export const SLA_ACTIVITIES = [psaSlaPlan, psaSlaEscalate, psaSlaPause, psaSlaResume, psaTicketTriage, psaTicketAutoClose, psaTicketBillingStatus];
