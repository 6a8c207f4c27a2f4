import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { isUuid } from '../core/record-service';
import type { BusinessLabelResolver } from '../modules/vertical-module';
import { bufferMessage } from '../process/message-buffer';
import { deliverToSubscriber } from '../process/message-delivery';
import { deploymentsMessage as m } from './deployments.messages';

/** The shipped process of deployments (workflows/telecom/study-deploy-bill-check.bpmn, docs/adr/0044-telecom-deployments.md). */
export const STUDY_DEPLOY_BILL_CHECK = 'telecom.study-deploy-bill-check';
export const DEPLOYMENT_PROCESS_FILE = path.resolve(__dirname, '../../workflows/telecom/study-deploy-bill-check.bpmn');
/** « Abandonner »: the instance compensates what was done, in reverse, then ends. Correlated on the deployment's id. */
export const DEPLOYMENT_ABANDONED = 'telecom.deployment-abandoned';

/** One instance per deployment: its id is the business key and the only variable. */
export function deploymentProcessVariables(deploymentId: string) {
  return { deploymentId };
}

/** Tells the deployment's instance (buffered a week when it does not wait yet). */
export async function tellDeploymentProcess(trx: Knex.Transaction, temporal: () => Promise<Client>, tenantId: string, deploymentId: string, name: string): Promise<{ delivered: boolean }> {
  const message = { name, correlationKey: deploymentId, variables: {} };
  if (await deliverToSubscriber(trx, temporal, tenantId, message)) return { delivered: true };
  await bufferMessage(trx, { tenantId, ...message, receivedBy: null }, 7 * 86_400_000);
  return { delivered: false };
}

/** « Déploiement n° 12 — Migration mobile (Boulangerie Le Fournil) ». */
export const deploymentProcessLabel: BusinessLabelResolver = async (trx, instances, locale) => {
  const idOf = (i: (typeof instances)[number]) => (isUuid(i.variables?.deploymentId) ? i.variables!.deploymentId as string : isUuid(i.businessKey) ? i.businessKey : null);
  const ids = [...new Set(instances.map(idOf).filter((id): id is string => id !== null))];
  if (!ids.length) return new Map();
  const rows: Array<{ id: string; number: number; title: string; account: string }> = await trx('telecomDeployments as t').join('accounts as a', 'a.id', 't.accountId')
    .whereIn('t.id', ids).select('t.id', 't.number', 't.title', 'a.name as account');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const labels = new Map<string, string>();
  for (const instance of instances) {
    const row = byId.get(idOf(instance) ?? '');
    if (row) labels.set(instance.businessKey, m('telecom.deployments.label', { number: row.number, title: row.title, account: row.account }).render(locale));
  }
  return labels;
};
