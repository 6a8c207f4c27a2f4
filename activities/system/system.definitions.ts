import { z } from 'zod';
import { defineActivity } from '../registry';

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

export const SYSTEM_ACTIVITIES = [systemEcho, systemRecord];
