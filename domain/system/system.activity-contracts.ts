import { z } from 'zod';
import { defineActivity } from '../process/activity-definition';

/** General-purpose activities for processes: no business side effect beyond what they say. */
export const systemEcho = defineActivity({
  name: 'system.echo',
  description: { fr: 'Renvoie ses entrées (tests, mise au point)', en: 'Returns its inputs (tests, debugging)' },
  input: z.record(z.string(), z.unknown()),
  output: z.record(z.string(), z.unknown()),
  retry: { maximumAttempts: 3 },
});

export const systemRecord = defineActivity({
  name: 'system.record',
  description: {
    fr: 'Consigne un fait dans le journal du processus, une seule fois même si l\'activité est rejouée',
    en: 'Records a fact in the process journal, exactly once even when the activity is retried',
  },
  input: z.object({ label: z.string().min(1).max(200), data: z.unknown().optional() }).strict(),
  output: z.object({ recorded: z.boolean() }),
});

export const systemRequire = defineActivity({
  name: 'system.require',
  description: {
    fr: 'Vérifie une condition métier ; si elle est fausse, lève l\'erreur BPMN indiquée (à attraper par un événement d\'erreur en bordure)',
    en: 'Checks a business condition; when it is false, raises the given BPMN error (caught by a boundary error event)',
  },
  input: z.object({
    holds: z.boolean(),
    errorCode: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/),
    message: z.string().max(500).optional(),
  }).strict(),
  output: z.object({ holds: z.literal(true) }),
  errors: { '*': { fr: 'Le code d\'erreur donné en entrée', en: 'The error code given as input' } },
});

export const SYSTEM_ACTIVITIES = [systemEcho, systemRecord, systemRequire];
