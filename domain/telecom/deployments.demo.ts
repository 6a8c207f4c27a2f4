import type { Knex } from 'knex';
import { numberFor } from '../core/tenant-counter';
import { requestProcessStart } from '../process/start-requests';
import { STUDY_DEPLOY_BILL_CHECK, deploymentProcessVariables } from './deployment-process';
import type { ActionKind, ActionStatus, DeploymentStatus } from './deployment.schema';
import { sideOf } from './deployment-rules';

/**
 * The demo's deployments (softwhere, after the hierarchy's accounts and lines): a dozen at every step — in study (their
 * process started by the API's start requests, so « Étude » waits in the task list), at the operator, in billing, to
 * fix after the check, done, abandoned with their compensations. Set-based, idempotent (nothing when some exist).
 */
interface Plan {
  title: string;
  status: DeploymentStatus;
  actions: Array<[ActionKind, ActionStatus, string?]>;
}
const PLANS: Plan[] = [
  { title: 'Ouverture de 3 lignes mobiles', status: 'study', actions: [['create-line', 'pending'], ['create-service', 'pending'], ['add-fee', 'pending']] },
  { title: 'Migration vers le forfait Pro 100 Go', status: 'study', actions: [['modify-line', 'pending'], ['change-subscription', 'pending']] },
  { title: 'Renouvellement des SIM', status: 'study', actions: [['order-sim', 'pending'], ['add-hardware', 'pending']] },
  { title: 'Portabilité de la ligne fixe', status: 'supplier', actions: [['create-line', 'waiting'], ['create-service', 'pending']] },
  { title: 'Options internationales', status: 'supplier', actions: [['change-options', 'sent'], ['add-option', 'pending']] },
  { title: 'Nouveau site : accès fibre', status: 'billing', actions: [['create-line', 'done'], ['create-service', 'done'], ['add-fee', 'pending']] },
  { title: 'Résiliation des lignes inutilisées', status: 'fix', actions: [['terminate-line', 'done'], ['change-subscription', 'failed', 'Le service est déjà résilié dans CFAST.']] },
  { title: 'Changement de forfait (équipe commerciale)', status: 'check', actions: [['modify-line', 'done'], ['change-subscription', 'done']] },
  { title: 'Ouverture ligne directeur', status: 'done', actions: [['create-line', 'done'], ['create-service', 'done']] },
  { title: 'Ajout option data', status: 'done', actions: [['change-options', 'done'], ['add-option', 'done']] },
  { title: 'Box 4G de secours', status: 'done', actions: [['create-line', 'done'], ['create-service', 'done'], ['add-hardware', 'done']] },
  { title: 'Ouverture annulée par le client', status: 'abandoned', actions: [['create-line', 'compensated'], ['create-service', 'compensated']] },
];
const PARAMS: Partial<Record<ActionKind, Record<string, unknown>>> = {
  'add-fee': { label: 'Frais de mise en service', amountCents: 4_900 },
  'add-hardware': { label: 'Routeur 4G', amountCents: 12_900, quantity: 1 },
  'order-sim': { quantity: 3 },
};

export async function seedDeploymentsDemo(admin: Knex, tenant: { tenantId: string; slug: string; userIds: Record<string, string> }): Promise<void> {
  if (tenant.slug !== 'softwhere') return;
  const { tenantId } = tenant;
  if (await admin('telecomDeployments').where({ tenantId }).first('id')) return;
  // One line per deployment, of distinct accounts where there are enough.
  const lines: Array<{ id: string; accountId: string; planId: string | null; status: string }> = await admin('telecomLines')
    .where({ tenantId }).whereNot('status', 'terminated').distinctOn('accountId').orderBy(['accountId', 'number']).limit(PLANS.length).select('id', 'accountId', 'planId', 'status');
  if (!lines.length) return;
  const manager = tenant.userIds.manager ?? null;
  for (const [i, plan] of PLANS.entries()) {
    const line = lines[i % lines.length]!;
    await admin.transaction(async (trx) => {
      const [dep] = await trx('telecomDeployments').insert({
        tenantId, number: await numberFor(trx, tenantId, 'telecom-deployment'), accountId: line.accountId, title: plan.title, status: plan.status,
        lineIds: [line.id], createdBy: manager,
        ...(plan.status === 'done' ? { completedAt: trx.fn.now(), checkOutcome: JSON.stringify({ ok: true, problems: [] }) } : {}),
        ...(plan.status === 'abandoned' ? { abandonedAt: trx.fn.now(), abandonReason: 'Le client a renoncé après l’étude.' } : {}),
        ...(plan.status === 'fix' ? { checkOutcome: JSON.stringify({ ok: false, problems: [{ lineId: line.id, kind: 'change-subscription', code: 'action-failed' }] }) } : {}),
      }).returning('id');
      const ordered = [...plan.actions.filter(([k]) => sideOf(k) === 'supplier'), ...plan.actions.filter(([k]) => sideOf(k) === 'billing')];
      await trx('telecomDeploymentActions').insert(ordered.map(([kind, status, error], position) => ({
        tenantId, deploymentId: dep.id, position, side: sideOf(kind), kind, status, error: error ?? null,
        lineId: ['order-sim', 'add-fee', 'add-hardware'].includes(kind) ? null : line.id,
        params: JSON.stringify(PARAMS[kind] ?? (['modify-line', 'change-subscription'].includes(kind) && line.planId ? { planId: line.planId } : kind === 'change-options' ? { optionIds: [] } : {})),
        externalRefs: JSON.stringify(status === 'waiting' ? { orderId: `demo-order-${position}` } : {}),
        doneAt: status === 'done' ? trx.fn.now() : null, compensatedAt: status === 'compensated' ? trx.fn.now() : null, createdBy: manager,
      })));
      // The deployments in study wait for their study task (started by the API when it starts).
      if (plan.status === 'study') await requestProcessStart(trx as unknown as Knex, tenantId, { processKey: STUDY_DEPLOY_BILL_CHECK, businessKey: String(dep.id), variables: deploymentProcessVariables(String(dep.id)) });
    });
  }
}
