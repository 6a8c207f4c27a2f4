import { z } from 'zod';
import type { FormDefinition } from '../process/forms';

/**
 * The task forms of `telecom.study-deploy-bill-check`. They carry only decisions: the study itself (notes, the
 * quote) is written on the deployment from its panel, never in the process's variables.
 */
export const studyForm: FormDefinition = {
  key: 'telecom.study-deploy-bill-check.study',
  title: { fr: 'Étude du déploiement', en: 'Deployment study' },
  schema: z.object({
    decision: z.enum(['deploy', 'abandon']).describe('Décision : déployer (les actions partent chez l’opérateur puis en facturation) ou abandonner'),
  }).strict(),
};

export const fixForm: FormDefinition = {
  key: 'telecom.study-deploy-bill-check.fix',
  title: { fr: 'Corriger le déploiement', en: 'Fix the deployment' },
  schema: z.object({
    outcome: z.enum(['recheck', 'accept']).describe('Après correction : contrôler à nouveau, ou accepter l’écart et terminer'),
  }).strict(),
};

export const DEPLOYMENT_PROCESS_FORMS = [studyForm, fixForm];
