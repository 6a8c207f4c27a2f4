import { z } from 'zod';
import { optionalText, requiredText } from '../core/fields';
import { DEFAULT_LOCALE } from '../i18n/messages';
import type { FormChoice, FormDefinition } from '../process/forms';
import { assessmentProblems } from './breach-rules';
import { breachMessage } from './breach.messages';
import { prepareNotification } from './breach-notification';
import { notifyingOrganisation } from './breach-organisation';
import { breachOf } from './breaches';

/** The task forms of `gdpr.breach-response` (workflows/gdpr/breach-response.bpmn), pre-filled from the breach. */

function choiceOf<K extends string>(titles: Record<K, string>, label: string) {
  const values = Object.keys(titles) as [K, ...K[]];
  return {
    field: z.enum(values).describe(label),
    choices: async (): Promise<FormChoice[]> => values.map((value) => ({ value, title: titles[value] })),
  };
}

const riskLevel = choiceOf({
  none: 'Aucun risque pour les personnes',
  risk: 'Risque pour les personnes',
  high: 'Risque élevé pour les personnes',
}, 'Niveau de risque');
const authorityDecision = choiceOf({
  notify: 'Notifier la CNIL',
  'not-required': 'Ne pas notifier (violation non susceptible d’engendrer un risque)',
}, 'Notification à la CNIL');
const peopleDecision = choiceOf({
  inform: 'Informer les personnes concernées',
  'not-required': 'Ne pas informer les personnes',
}, 'Information des personnes');

async function breachRow(trx: Parameters<NonNullable<FormDefinition['prefill']>>[0], breachId: string) {
  return /^[0-9a-f-]{36}$/i.test(breachId) ? trx('gdprBreaches').where({ id: breachId }).first() : undefined;
}

/** The data protection officer assesses the breach: risk level, the CNIL's notification and the people's information, with reasons. */
export const assessBreachForm: FormDefinition = {
  key: 'gdpr.breach-response.assess',
  title: { fr: 'Évaluer la violation de données', en: 'Assess the data breach' },
  schema: z.object({
    riskLevel: riskLevel.field,
    authorityDecision: authorityDecision.field,
    authorityReason: optionalText(4000).describe('Justification si la CNIL n’est pas notifiée (art. 33.5)'),
    peopleDecision: peopleDecision.field.nullable().optional().describe('Information des personnes'),
    peopleReason: optionalText(4000).describe('Justification si les personnes ne sont pas informées (art. 34.3)'),
  }).strict().superRefine((v, ctx) => {
    // The register's rules (art. 33.5, 34.3), refused when the task is completed rather than failing the process after it.
    const problems = assessmentProblems({
      riskLevel: v.riskLevel, authorityDecision: v.authorityDecision, authorityReason: v.authorityReason ?? null, peopleDecision: v.peopleDecision ?? null, peopleReason: v.peopleReason ?? null,
    });
    for (const p of problems) ctx.addIssue({ code: 'custom', path: [p.field], message: breachMessage(p.code).render(DEFAULT_LOCALE) });
  }),
  choices: { riskLevel: riskLevel.choices, authorityDecision: authorityDecision.choices, peopleDecision: peopleDecision.choices },
  prefill: async (trx, breachId) => {
    const row = await breachRow(trx, breachId);
    if (!row) return {};
    return { riskLevel: row.riskLevel, authorityDecision: row.authorityDecision, authorityReason: row.authorityReason, peopleDecision: row.peopleDecision, peopleReason: row.peopleReason };
  },
};

/** Notify the CNIL through its online form: the prepared content to copy, then the reference the CNIL gave. */
export const notifyAuthorityForm: FormDefinition = {
  key: 'gdpr.breach-response.notify-authority',
  title: { fr: 'Notifier la CNIL', en: 'Notify the CNIL' },
  schema: z.object({
    notificationText: optionalText(20_000).describe('Contenu préparé à reporter dans le formulaire en ligne de la CNIL'),
    reference: requiredText(100).describe('Numéro de la notification donné par la CNIL'),
    notifiedAt: z.string().datetime({ offset: true }).describe('Date de la notification'),
    late: z.boolean().optional().describe('Notification faite plus de 72 heures après la découverte'),
    delayReason: optionalText(4000).describe('Motifs du retard (notification après 72 heures)'),
  }).strict().superRefine((v, ctx) => {
    if (v.late && !v.delayReason?.trim()) ctx.addIssue({ code: 'custom', path: ['delayReason'], message: breachMessage('gdpr.breach.late-reason-required').render(DEFAULT_LOCALE) });
  }),
  prefill: async (trx, breachId) => {
    const row = await breachRow(trx, breachId);
    if (!row) return {};
    const now = new Date();
    const org = await notifyingOrganisation(trx, String(row.tenantId));
    const prepared = prepareNotification(breachOf(row, now), org, now);
    return { notificationText: prepared.text, late: prepared.late };
  },
};

export const BREACH_FORMS = [assessBreachForm, notifyAuthorityForm];
