import { z } from 'zod';
import { optionalText, requiredText } from '../core/fields';
import type { FormChoice, FormDefinition } from '../process/forms';
import { IDENTITY_METHODS, type IdentityMethod } from './request-rules';

/** The task forms of `gdpr.rights-request` (workflows/gdpr/rights-request.bpmn). */
const METHOD_TITLES: Record<IdentityMethod, string> = {
  'signed-in': 'Connecté à son compte',
  'id-document': 'Pièce d’identité (vue puis non conservée)',
  'known-address': 'Réponse depuis une adresse déjà connue',
  'in-person': 'En personne',
  other: 'Autre moyen',
};
const OUTCOME_TITLES = { answered: 'Demande satisfaite', refused: 'Demande refusée (motif à donner)' } as const;
const titled = (titles: Record<string, string>) => async (): Promise<FormChoice[]> => Object.entries(titles).map(([value, title]) => ({ value, title }));

export const verifyIdentityForm: FormDefinition = {
  key: 'gdpr.rights-request.verify',
  title: { fr: 'Vérifier l’identité du demandeur', en: 'Verify the requester’s identity' },
  schema: z.object({
    method: z.enum(IDENTITY_METHODS).describe('Moyen de vérification'),
    identityNote: optionalText(1000).describe('Précisions (ne pas recopier de numéro de pièce)'),
  }).strict(),
  choices: { method: titled(METHOD_TITLES) },
};

export const answerRequestForm: FormDefinition = {
  key: 'gdpr.rights-request.answer',
  title: { fr: 'Répondre à la demande', en: 'Answer the request' },
  schema: z.object({
    outcome: z.enum(['answered', 'refused']).describe('Suite donnée'),
    answer: requiredText(8000).describe('Réponse envoyée à la personne'),
    refusalReason: optionalText(2000).describe('Motif du refus (et droit de saisir la CNIL)'),
  }).strict(),
  choices: { outcome: titled(OUTCOME_TITLES) },
};

export const deadlineReminderForm: FormDefinition = {
  key: 'gdpr.rights-request.reminder',
  title: { fr: 'Échéance d’une demande d’exercice des droits', en: 'A rights request’s deadline' },
  schema: z.object({ reminderNote: optionalText(1000).describe('Note') }).strict(),
};

export const REQUEST_FORMS = [verifyIdentityForm, answerRequestForm, deadlineReminderForm];
