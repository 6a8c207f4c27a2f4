import { z } from 'zod';
import { defineActivity } from '../process/activity-definition';

/**
 * Polling the operators for the orders still waiting (ADR 0042): a service task may name it; each order
 * that ended is told to the engine once (`telecom.operator-order-completed`, correlated on its id).
 */
export const operatorOrdersPoll = defineActivity({
  name: 'telecom.operator-orders.poll',
  description: {
    fr: 'Relève auprès des opérateurs les commandes en attente ; chaque commande terminée est signalée une fois au moteur',
    en: 'Asks the operators about the waiting orders; each order that ended is told to the engine once',
  },
  input: z.object({}).strict(),
  output: z.object({ polled: z.number().int(), ended: z.number().int(), skipped: z.number().int() }),
  retry: { maximumAttempts: 3 },
  timeoutMs: 300_000,
});
