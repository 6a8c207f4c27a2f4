import { z } from 'zod';
import type { FormDefinition } from '../process/forms';

/**
 * The task forms of `audits.audit-to-anonymise` (workflows/audits/audit-to-anonymise.bpmn). They carry
 * only confirmations: what the mission lead plans and what the auditors capture is written on the mission
 * (planning, capture API), never in the process's variables (nothing personal reaches Temporal).
 */
export const planMissionForm: FormDefinition = {
  key: 'audits.audit-to-anonymise.plan',
  title: { fr: 'Planifier la mission', en: 'Plan the mission' },
  schema: z.object({
    planned: z.literal(true).describe('Dates, sites et auditeurs sont fixés sur la mission'),
  }).strict(),
};

export const captureSiteForm: FormDefinition = {
  key: 'audits.audit-to-anonymise.capture',
  title: { fr: 'Relevés sur site', en: 'On-site capture' },
  schema: z.object({
    captured: z.literal(true).describe('Inventaire, contrôles, observations et constats du site sont saisis'),
  }).strict(),
};

export const AUDIT_PROCESS_FORMS = [planMissionForm, captureSiteForm];
