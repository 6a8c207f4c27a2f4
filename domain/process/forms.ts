import { z } from 'zod';
import { EVENTS_FORMS } from '../events/forms';

/**
 * Registered task forms (DESIGN §6): a user task names one by key; the UI renders it
 * with the generic form renderer and the API validates the data with the same schema.
 * Verticals add theirs here.
 */
export interface FormDefinition {
  key: string;
  title: { fr: string; en: string };
  schema: z.ZodObject;
}

export const approvalForm: FormDefinition = {
  key: 'core.approval',
  title: { fr: 'Décision', en: 'Decision' },
  schema: z.object({
    approved: z.boolean().describe('Approuvé'),
    comment: z.string().trim().max(2000).optional().describe('Commentaire'),
  }).strict(),
};

export const FORM_REGISTRY: Record<string, FormDefinition> = Object.fromEntries(
  [approvalForm, ...EVENTS_FORMS].map((form) => [form.key, form]),
);

export function findForm(key: string): FormDefinition | undefined {
  return FORM_REGISTRY[key];
}
