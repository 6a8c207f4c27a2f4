import { z } from 'zod';
import { defineActivity } from '../process/activity-definition';
import { IDENTITY_METHODS, REQUEST_KINDS, REQUEST_STATUSES } from './request-rules';

/**
 * The service tasks of `gdpr.rights-request` (workflows/gdpr/rights-request.bpmn). Each acts on one request
 * (its id: nothing personal travels through the engine but what the officer types in a task) through the
 * register's write path (domain/gdpr/requests.ts) and may run again with the same effect.
 */
const uuid = z.string().uuid();
const instant = z.string().datetime({ offset: true });
const retry = { maximumAttempts: 5 };

export const gdprRequestPlan = defineActivity({
  name: 'gdpr.request.plan',
  description: {
    fr: 'Lit la demande, la passe en vérification d’identité et fixe ses échéances : rappel 7 jours avant, réponse due un mois après la réception',
    en: 'Reads the request, moves it to identity verification and sets its dates: a reminder 7 days before, the answer due a month after receipt',
  },
  input: z.object({ requestId: uuid }).strict(),
  output: z.object({
    number: z.number().int(),
    kind: z.enum(REQUEST_KINDS),
    status: z.enum(REQUEST_STATUSES),
    /** Still waiting for its answer. */
    open: z.boolean(),
    /** The identity is verified already (a signed-in person filing about themselves). */
    verified: z.boolean(),
    /** Access and portability: the export is prepared before the answer. */
    needsExport: z.boolean(),
    reminderAt: instant, dueAt: instant,
  }),
  retry,
});

export const gdprRequestVerify = defineActivity({
  name: 'gdpr.request.verify',
  description: { fr: 'Enregistre la vérification de l’identité du demandeur (la demande passe en cours)', en: 'Records the requester’s identity check (the request moves in progress)' },
  input: z.object({ requestId: uuid, method: z.enum(IDENTITY_METHODS) }).strict(),
  output: z.object({ verified: z.boolean() }),
  retry,
});

export const gdprRequestPrepareExport = defineActivity({
  name: 'gdpr.request.prepare-export',
  description: {
    fr: 'Rassemble tout ce que l’organisation détient sur la personne (toutes les activités) et compte les tables et les lignes de l’export',
    en: 'Gathers everything the organisation holds about the person (every activity) and counts the export’s tables and rows',
  },
  input: z.object({ requestId: uuid }).strict(),
  output: z.object({ tables: z.number().int(), rows: z.number().int() }),
  retry,
  timeoutMs: 120_000,
});

export const gdprRequestAnswer = defineActivity({
  name: 'gdpr.request.answer',
  description: { fr: 'Enregistre la réponse (ou le refus motivé) sur la demande', en: 'Records the answer (or the reasoned refusal) on the request' },
  input: z.object({
    requestId: uuid, outcome: z.enum(['answered', 'refused']), answer: z.string().min(1).max(8000), refusalReason: z.string().max(2000).nullable().optional(),
  }).strict(),
  output: z.object({ status: z.enum(REQUEST_STATUSES) }),
  retry,
});

export const gdprRequestDeadline = defineActivity({
  name: 'gdpr.request.deadline',
  description: {
    fr: 'Relit l’échéance de la demande quand un rappel sonne : close, prolongée (nouvelles dates) ou toujours due',
    en: 'Reads the request’s deadline again when a reminder fires: closed, extended (new dates) or still due',
  },
  input: z.object({ requestId: uuid, step: z.enum(['reminder', 'due']), firedFor: instant }).strict(),
  output: z.object({
    /** `closed`: answered meanwhile; `later`: the deadline was extended, wait for the new date; `due`: remind now. */
    outcome: z.enum(['closed', 'later', 'due']),
    reminderAt: instant, dueAt: instant,
  }),
  retry,
});

export const REQUEST_ACTIVITIES = [gdprRequestPlan, gdprRequestVerify, gdprRequestPrepareExport, gdprRequestAnswer, gdprRequestDeadline];
