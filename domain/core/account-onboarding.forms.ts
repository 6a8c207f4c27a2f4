import { z } from 'zod';
import { fieldIssue } from '../i18n/zod-issues';
import type { FormDefinition } from '../process/forms';
import { accountOwnerCandidates } from './account-onboarding';
import { optionalText, uuid } from './fields';

/** The task forms of `core.account-onboarding` (domain/core/account-onboarding.ts). */
export const appointOwnerForm: FormDefinition = {
  key: 'core.account-onboarding.appoint-owner',
  title: { fr: 'Désigner le responsable du compte', en: 'Name the account owner' },
  schema: z.object({ ownerId: uuid.describe('Responsable du compte') }).strict(),
  // The organisation's collaborators who may own an account, by name.
  choices: { ownerId: async (trx) => (await accountOwnerCandidates(trx)).map((u) => ({ value: u.id, title: u.displayName })) },
};

export const completeRecordsForm: FormDefinition = {
  key: 'core.account-onboarding.complete-records',
  title: { fr: 'Compléter contacts et sites', en: 'Complete contacts and sites' },
  schema: z.object({
    recordsCompleted: z.boolean().refine((v) => v, fieldIssue('field.must-confirm')).describe('Contacts, sites et site de facturation saisis sur la fiche du compte'),
    onboardingNotes: optionalText(2_000).describe('Notes'),
  }).strict(),
};

export const satisfactionCheckForm: FormDefinition = {
  key: 'core.account-onboarding.satisfaction',
  title: { fr: 'Point de satisfaction à J+30', en: 'Satisfaction check after 30 days' },
  schema: z.object({
    satisfaction: z.number().int().min(1).max(5).describe('Satisfaction du client (1 à 5)'),
    followUpNeeded: z.boolean().optional().describe('Une action de suivi est nécessaire'),
    satisfactionNotes: optionalText(2_000).describe('Ce que le client a dit'),
  }).strict(),
};

export const ACCOUNT_ONBOARDING_FORMS = [appointOwnerForm, completeRecordsForm, satisfactionCheckForm];
