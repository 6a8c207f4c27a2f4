import { z } from 'zod';
import { optionalText } from '../core/fields';
import type { FormChoice, FormDefinition } from '../process/forms';

/** The task forms of `billing.invoice-dunning` (domain/billing/dunning.ts). */

/** A field chosen among fixed values, each shown by its French title (the task list draws a select of titles). */
function choiceOf<K extends string>(titles: Record<K, string>, label: string) {
  const values = Object.keys(titles) as [K, ...K[]];
  return {
    field: z.enum(values).describe(label),
    choices: async (): Promise<FormChoice[]> => values.map((value) => ({ value, title: titles[value] })),
  };
}

const deliveredBy = choiceOf({
  post: 'Envoyée par courrier',
  hand: 'Remise en main propre',
  portal: 'Déposée sur la plateforme du client (Chorus Pro…)',
  other: 'Autre moyen',
}, 'Comment la facture a été transmise');

/** No address to mail the invoice to: someone sends it another way and says how. */
export const deliverByHandForm: FormDefinition = {
  key: 'billing.invoice-dunning.deliver-by-hand',
  title: { fr: 'Transmettre la facture au client', en: 'Deliver the invoice to the client' },
  schema: z.object({ deliveredBy: deliveredBy.field, deliveryNotes: optionalText(2_000).describe('Précisions') }).strict(),
  choices: { deliveredBy: deliveredBy.choices },
};

const decision = choiceOf({
  'formal-notice-sent': 'Mise en demeure envoyée (lettre recommandée avec accusé de réception)',
  'payment-plan': 'Échéancier de paiement accordé au client',
  collection: 'Dossier transmis au recouvrement ou au contentieux',
  'written-off': 'Créance abandonnée (passée en perte)',
}, 'Suite donnée');

/** 45 days after the due date (by default): the administrative or accounting staff decide what comes next. */
export const formalNoticeForm: FormDefinition = {
  key: 'billing.invoice-dunning.formal-notice',
  title: { fr: 'Mise en demeure', en: 'Formal notice' },
  schema: z.object({
    decision: decision.field,
    registeredLetterNumber: optionalText(60).describe('Numéro du recommandé'),
    decisionNotes: optionalText(2_000).describe('Notes'),
  }).strict(),
  choices: { decision: decision.choices },
};

export const DUNNING_FORMS = [deliverByHandForm, formalNoticeForm];
