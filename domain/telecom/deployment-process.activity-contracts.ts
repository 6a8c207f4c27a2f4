import { z } from 'zod';
import { defineActivity } from '../process/activity-definition';
import { DEPLOYMENT_STATUSES } from './deployment.schema';

/**
 * The service tasks of `telecom.study-deploy-bill-check` (workflows/telecom/study-deploy-bill-check.bpmn), implemented
 * in activities/telecom/deployment-process.activities.ts. Only ids, statuses and counts go through Temporal. Each
 * may run again with the same effect: every vendor call carries the action's idempotency key, and an action already
 * done (or compensated) is not sent again.
 */
const uuid = z.string().uuid();
const retry = { maximumAttempts: 5 };
const portRetry = { maximumAttempts: 6, initialIntervalMs: 2_000, backoffCoefficient: 2, maximumIntervalMs: 5 * 60_000 };
const input = z.object({ deploymentId: uuid }).strict();

export const deploymentFacts = defineActivity({
  name: 'telecom.deployment.facts',
  description: { fr: 'Lit où en est le déploiement : son statut et ses actions de chaque côté', en: 'Reads where the deployment stands: its status and its actions on each side' },
  input,
  output: z.object({
    status: z.enum(DEPLOYMENT_STATUSES),
    /** 0 study, 1 supplier, 2 billing, 3 check/fix, 4 finished: where the process takes the deployment up. */
    stage: z.number().int().min(0).max(4),
    supplierActions: z.number().int(),
    billingActions: z.number().int(),
  }),
  retry,
});

export const deploymentMove = defineActivity({
  name: 'telecom.deployment.move',
  description: { fr: 'Fait avancer le statut du déploiement (s’il n’y est pas déjà)', en: 'Moves the deployment\'s status on (unless it is there already)' },
  input: z.object({ deploymentId: uuid, status: z.enum(DEPLOYMENT_STATUSES) }).strict(),
  output: z.object({ status: z.enum(DEPLOYMENT_STATUSES), moved: z.boolean() }),
  retry,
});

export const deploymentSupplier = defineActivity({
  name: 'telecom.deployment.supplier',
  description: {
    fr: 'Passe les actions fournisseur à l’opérateur (créer, modifier, résilier une ligne, commander des SIM, changer les options)',
    en: 'Sends the supplier actions to the operator (create, modify, terminate a line, order SIMs, change options)',
  },
  input,
  output: z.object({ done: z.number().int(), waitingOrders: z.array(z.string()) }),
  retry: portRetry,
  timeoutMs: 120_000,
});

export const deploymentPollOrder = defineActivity({
  name: 'telecom.deployment.poll-order',
  description: { fr: 'Relève l’état d’une commande opérateur en attente et l’inscrit sur son action', en: 'Reads a waiting operator order\'s state and records it on its action' },
  input: z.object({ deploymentId: uuid, orderId: z.string().min(1).max(200) }).strict(),
  output: z.object({ status: z.enum(['pending', 'completed']) }),
  retry: portRetry,
});

export const deploymentBilling = defineActivity({
  name: 'telecom.deployment.billing',
  description: {
    fr: 'Passe les actions de facturation au système de facturation (créer un service, changer un abonnement, ajouter une option, du matériel, des frais)',
    en: 'Sends the billing actions to the billing system (create a service, change a subscription, add an option, hardware, fees)',
  },
  input,
  output: z.object({ done: z.number().int() }),
  retry: portRetry,
  timeoutMs: 120_000,
});

export const deploymentCheck = defineActivity({
  name: 'telecom.deployment.check',
  description: {
    fr: 'Contrôle les lignes du déploiement : ce qui a été commandé est actif chez l’opérateur et facturé, ce qui a été résilié ne l’est plus',
    en: 'Checks the deployment\'s lines: what was ordered is active at the operator and billed, what was terminated is billed no more',
  },
  input,
  output: z.object({ ok: z.boolean(), problems: z.number().int() }),
  retry: portRetry,
});

export const deploymentCompensate = defineActivity({
  name: 'telecom.deployment.compensate',
  description: {
    fr: 'Défait un côté du déploiement, du plus récent au plus ancien : résilie les lignes créées, annule ce qui a été facturé',
    en: 'Undoes one side of the deployment, most recent first: terminates the lines created, cancels what was billed',
  },
  input: z.object({ deploymentId: uuid, side: z.enum(['supplier', 'billing']) }).strict(),
  output: z.object({ compensated: z.number().int() }),
  retry: portRetry,
});

export const DEPLOYMENT_PROCESS_ACTIVITIES = [
  deploymentFacts, deploymentMove, deploymentSupplier, deploymentPollOrder, deploymentBilling, deploymentCheck, deploymentCompensate,
];
