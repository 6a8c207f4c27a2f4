import { z } from 'zod';
import { defineActivity } from '../process/activity-definition';
import { MISSION_STATUSES } from './mission.schema';

/**
 * The service tasks of `audits.audit-to-anonymise` (workflows/audits/audit-to-anonymise.bpmn), implemented
 * in activities/audits/process.activities.ts. Only ids, statuses and dates go through Temporal: nothing
 * about a person. Each may run again with the same effect (a retry, a replay).
 */
const uuid = z.string().uuid();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const instant = z.string().datetime({ offset: true });
const retry = { maximumAttempts: 5 };
const status = z.enum(MISSION_STATUSES);

export const auditsMissionFacts = defineActivity({
  name: 'audits.mission.facts',
  description: { fr: 'Lit où en est la mission : son statut, son responsable, ses sites', en: 'Reads where the mission stands: its status, its lead, its sites' },
  input: z.object({ missionId: uuid }).strict(),
  output: z.object({
    status,
    /** 0 new … 6 anonymised: where the process takes the mission up. */
    stage: z.number().int().min(0).max(6),
    leadId: uuid.nullable(),
    sites: z.array(uuid),
    /** The first day on site at 8 am (Paris): the mission's first on-site day, else its start, else now. */
    onSiteAt: instant,
  }),
  retry,
});

export const auditsMissionAdvance = defineActivity({
  name: 'audits.mission.advance',
  description: { fr: 'Fait avancer le statut de la mission (s’il n’y est pas déjà)', en: 'Moves the mission\'s status on (unless it is there already)' },
  input: z.object({ missionId: uuid, status }).strict(),
  output: z.object({ status, moved: z.boolean() }),
  retry,
});

export const auditsReportDeliver = defineActivity({
  name: 'audits.report.deliver',
  description: {
    fr: 'Livre le rapport au client : un lien de téléchargement sécurisé qui expire, envoyé par e-mail ; la mission passe « Livrée »',
    en: 'Delivers the report to the client: a secure download link that expires, mailed; the mission becomes "Delivered"',
  },
  input: z.object({ missionId: uuid, linkDays: z.number().int().min(1).max(90).default(14) }).strict(),
  output: z.object({ deliveryId: uuid, expiresAt: instant, deliveredAt: instant, mailed: z.boolean(), messageId: uuid.nullable() }),
  retry: { maximumAttempts: 8, initialIntervalMs: 5_000, backoffCoefficient: 2, maximumIntervalMs: 10 * 60_000 },
  timeoutMs: 60_000,
});

export const auditsMissionInvoice = defineActivity({
  name: 'audits.mission.invoice',
  description: { fr: 'Facture la mission : la facture finale de son devis accepté, émise par la facturation', en: 'Invoices the mission: the final invoice of its accepted quote, issued by billing' },
  input: z.object({ missionId: uuid }).strict(),
  output: z.object({ outcome: z.enum(['issued', 'already-issued', 'no-quote', 'quote-not-accepted']), invoiceId: uuid.nullable() }),
  retry,
});

export const auditsAnonymisationPlan = defineActivity({
  name: 'audits.anonymisation.plan',
  description: {
    fr: 'Fixe le jour d’anonymisation : la livraison plus la durée de conservation (ou le report demandé)',
    en: 'Sets the anonymisation day: the delivery plus the retention (or the postponement asked for)',
  },
  input: z.object({ missionId: uuid, retentionDays: z.number().int().min(1).max(3650).nullable().optional() }).strict(),
  output: z.object({ anonymiseOn: day, anonymiseAt: instant, retentionDays: z.number().int(), postponed: z.boolean() }),
  retry,
});

export const auditsMissionAnonymise = defineActivity({
  name: 'audits.mission.anonymise',
  description: {
    fr: 'Anonymise la mission : matériel retiré, identités pseudonymisées (clé séquestrée), adresses réduites à la ville, statistiques gardées',
    en: 'Anonymises the mission: hardware removed, identities pseudonymised (escrowed key), addresses reduced to the town, statistics kept',
  },
  input: z.object({ missionId: uuid }).strict(),
  output: z.object({ anonymised: z.boolean(), tables: z.number().int(), keyDestroyOn: day, keyDestroyAt: instant }),
  retry,
  timeoutMs: 120_000,
});

export const auditsAnonymisationDestroyKey = defineActivity({
  name: 'audits.anonymisation.destroy-key',
  description: { fr: 'Détruit la clé de ré-identification séquestrée, à la fin de sa conservation', en: 'Destroys the escrowed re-identification key at the end of its retention' },
  input: z.object({ missionId: uuid }).strict(),
  output: z.object({ destroyed: z.boolean() }),
  retry,
});

export const AUDIT_PROCESS_ACTIVITIES = [
  auditsMissionFacts, auditsMissionAdvance, auditsReportDeliver, auditsMissionInvoice, auditsAnonymisationPlan, auditsMissionAnonymise, auditsAnonymisationDestroyKey,
];
