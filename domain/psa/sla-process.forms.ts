import { z } from 'zod';
import type { FormChoice, FormDefinition } from '../process/forms';

/** The task forms of `psa.ticket-to-invoice` (workflows/psa/ticket-to-invoice.bpmn). */

const optionalId = z.string().uuid().nullable().optional();
const PRIORITIES: Record<string, string> = { low: 'Basse', normal: 'Normale', high: 'Haute', critical: 'Critique' };

/** « Trier le ticket »: whoever triages puts it in a queue or a team and names its technician; the priority may change (its targets with it). */
export const triageForm: FormDefinition = {
  key: 'psa.ticket-to-invoice.triage',
  title: { fr: 'Trier le ticket', en: 'Triage the ticket' },
  schema: z.object({
    queueId: optionalId.describe('File'),
    teamId: optionalId.describe('Équipe'),
    assigneeId: optionalId.describe('Technicien'),
    priority: z.enum(['low', 'normal', 'high', 'critical']).nullable().optional().describe('Priorité'),
  }).strict(),
  choices: {
    queueId: async (trx): Promise<FormChoice[]> => (await trx('psaQueues').orderBy('name').select('id', 'name')).map((q: { id: string; name: string }) => ({ value: q.id, title: q.name })),
    teamId: async (trx): Promise<FormChoice[]> => (await trx('planningTeams').orderBy('name').select('id', 'name')).map((t: { id: string; name: string }) => ({ value: t.id, title: t.name })),
    assigneeId: async (trx): Promise<FormChoice[]> => (await trx('users').where({ active: true }).whereNot({ type: 'client' }).orderBy('displayName').select('id', 'displayName'))
      .map((u: { id: string; displayName: string }) => ({ value: u.id, title: u.displayName })),
    priority: async (): Promise<FormChoice[]> => Object.entries(PRIORITIES).map(([value, title]) => ({ value, title })),
  },
};

export const SLA_PROCESS_FORMS = [triageForm];
