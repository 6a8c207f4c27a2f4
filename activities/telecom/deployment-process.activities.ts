import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import { todayInParis } from '../../domain/billing/days';
import { processContext } from '../../domain/core/process-context';
import type { RequestContext } from '../../domain/core/record-service';
import { DomainError } from '../../domain/errors';
import { billedPerService, loadControlFacts } from '../../domain/telecom/control-runs';
import { runControls } from '../../domain/telecom/control-rules';
import { actionIdempotencyKey, compensationsFor } from '../../domain/telecom/deployment-rules';
import {
  deploymentBilling, deploymentCheck, deploymentCompensate, deploymentFacts, deploymentMove, deploymentPollOrder, deploymentSupplier,
} from '../../domain/telecom/deployment-process.activity-contracts';
import {
  actionsOf, applyToLine, billingPointOf, DEPLOYMENT_PROCESS_PERMISSIONS, markAction, noteBillingRefs, productsOf, recordCheck, type ActionToRun,
} from '../../domain/telecom/deployment-steps';
import { moveDeployment } from '../../domain/telecom/deployments';
import type { BilledService, BillingResult } from '../../integrations/billing-systems/billing-system.port';
import type { OperatorOrder } from '../../integrations/operators/operator.port';
import { isPortRefusal } from '../../integrations/port-errors';
import { parseTaskInput, type ServiceTaskMeta } from '../registry';
import { telecomPorts, type TelecomPortsDeps } from './ports';

/** The process's day (its skipped time on the test server). */
function processDay(): string {
  try {
    return todayInParis(new Date(Context.current().info.scheduledTimestampMs));
  } catch {
    return todayInParis();
  }
}

const STAGE: Record<string, number> = { study: 0, supplier: 1, billing: 2, check: 3, fix: 3, done: 4, abandoned: 4 };
const E164 = /^\+[1-9]\d{6,14}$/;

/** A refusal (the vendor's or the domain's) fails the task without retrying: an incident naming it in French. */
function refusal(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: 'TelecomDeploymentRefused', nonRetryable: true, message });
}

/**
 * The service tasks of `telecom.study-deploy-bill-check` (contracts: domain/telecom/deployment-process.activity-contracts.ts):
 * read and write in short tenant transactions, call the vendors between them through `telecomPorts` only (no
 * transaction held), each action with its own idempotency reference. An action done is never sent again.
 */
export function createDeploymentProcessActivities(deps: TelecomPortsDeps) {
  const ports = telecomPorts(deps);
  const inTenant = async <T>(meta: ServiceTaskMeta, fn: (ctx: RequestContext) => Promise<T>): Promise<T> => {
    try {
      return await withTenant({ tenantId: meta.tenantId }, (trx: Knex.Transaction) => fn(processContext(trx, meta.tenantId, meta.workflowId, DEPLOYMENT_PROCESS_PERMISSIONS, meta.actorUserId ?? null)), deps.knex);
    } catch (error) {
      if (error instanceof DomainError) throw refusal(error.message);
      throw error;
    }
  };
  /** A vendor's refusal: the action failed with its reason, then an incident. */
  const failed = async (meta: ServiceTaskMeta, action: ActionToRun, error: unknown): Promise<never> => {
    if (error instanceof ApplicationFailure && error.type === 'TelecomDeploymentRefused') {
      await inTenant(meta, (ctx) => markAction(ctx, action.id, 'failed', { error: error.message }));
      throw error;
    }
    if (!isPortRefusal(error)) throw error;
    await inTenant(meta, (ctx) => markAction(ctx, action.id, 'failed', { error: error.reason.fr }));
    throw refusal(`« ${action.kind} » : ${error.reason.fr}`);
  };
  const reference = (meta: ServiceTaskMeta, action: ActionToRun, step: 'run' | 'compensate') =>
    `${actionIdempotencyKey(meta.tenantId, action.id, step)}${action.attempts ? `:${action.attempts}` : ''}`;

  async function sendSupplier(meta: ServiceTaskMeta, action: ActionToRun): Promise<OperatorOrder> {
    const line = action.line;
    if (!line && action.kind !== 'order-sim') throw refusal(`« ${action.kind} » : ligne introuvable.`);
    const operator = await ports.operator(meta.tenantId, line?.operatorKey ?? String((action.params as Record<string, unknown>).operatorKey ?? 'sandbox'));
    const ref = reference(meta, action, 'run');
    const p = action.params as Record<string, unknown>;
    const operatorLineId = String(line?.operatorRefs.lineId ?? '');
    const products = await inTenant(meta, (ctx) => productsOf(ctx, [String(p.planId ?? line?.planId ?? ''), ...((p.optionIds as string[] | undefined) ?? [])]));
    const code = (id: unknown) => products.get(String(id ?? ''))?.code;
    switch (action.kind) {
      case 'create-line': {
        const productCode = code(p.planId ?? line!.planId);
        if (!productCode) throw refusal(`« ${action.kind} » : forfait sans code produit opérateur.`);
        return operator.createLine({ reference: ref, productCode, optionCodes: ((p.optionIds as string[] | undefined) ?? []).map(code).filter((c): c is string => Boolean(c)), number: E164.test(line!.number) ? line!.number : null });
      }
      case 'modify-line': {
        const productCode = code(p.planId);
        if (!productCode) throw refusal(`« ${action.kind} » : forfait sans code produit opérateur.`);
        return operator.modifyLine({ reference: ref, operatorLineId, productCode });
      }
      case 'change-options': {
        const wanted = ((p.optionIds as string[]) ?? []);
        const current = await inTenant(meta, (ctx) => productsOf(ctx, line!.optionIds));
        const codes = wanted.map(code).filter((c): c is string => Boolean(c));
        const had = line!.optionIds.map((id) => current.get(id)?.code).filter((c): c is string => Boolean(c));
        return operator.changeOptions({ reference: ref, operatorLineId, add: codes.filter((c) => !had.includes(c)), remove: had.filter((c) => !codes.includes(c)) });
      }
      case 'terminate-line': return operator.terminateLine({ reference: ref, operatorLineId, on: (p.on as string | undefined) ?? null });
      case 'order-sim': return operator.orderSim({ reference: ref, operatorLineId: operatorLineId || null, quantity: Number(p.quantity ?? 1) });
      default: throw refusal(`« ${action.kind} » n’est pas une action fournisseur.`);
    }
  }

  async function sendBilling(meta: ServiceTaskMeta, action: ActionToRun): Promise<{ result: BillingResult; systemKey: string }> {
    const p = action.params as Record<string, unknown>;
    const line = action.line;
    const ref = reference(meta, action, 'run');
    const on = processDay();
    const point = await inTenant(meta, async (ctx) => billingPointOf(ctx, String((await ctx.trx('telecomDeploymentActions').where({ id: action.id }).first('deploymentId')).deploymentId), line?.billingSiteId ?? null));
    const systemKey = String(line?.billingRefs.system ?? point.systemKey);
    const billing = await ports.billingSystem(meta.tenantId, systemKey);
    const products = await inTenant(meta, (ctx) => productsOf(ctx, [String(p.planId ?? line?.planId ?? ''), String(p.optionId ?? '')]));
    const serviceId = line?.billingRefs.serviceId ? String(line.billingRefs.serviceId) : null;
    const needService = () => { if (!serviceId) throw refusal(`« ${action.kind} » : la ligne n’a pas encore de service facturé.`); return serviceId; };
    const product = (id: unknown) => {
      const found = products.get(String(id ?? ''));
      if (!found) throw refusal(`« ${action.kind} » : produit sans code dans le catalogue.`);
      return found;
    };
    switch (action.kind) {
      case 'create-service': {
        const plan = product(p.planId ?? line?.planId);
        const result = await billing.createService({
          reference: ref, customerRef: point.customerRef, productCode: plan.code, label: plan.name, monthlyPriceCents: line?.salePriceCents || plan.salePriceCents,
          startOn: on, lineNumber: line && E164.test(line.number) ? line.number : null, operatorLineId: line?.operatorRefs.lineId ? String(line.operatorRefs.lineId) : null,
        });
        return { result, systemKey };
      }
      case 'change-subscription': {
        const plan = product(p.planId);
        return { result: await billing.changeSubscription({ reference: ref, serviceId: needService(), productCode: plan.code, label: plan.name, monthlyPriceCents: plan.salePriceCents, on }), systemKey };
      }
      case 'add-option': {
        const option = product(p.optionId);
        return { result: await billing.addOption({ reference: ref, serviceId: needService(), productCode: option.code, label: option.name, monthlyPriceCents: option.salePriceCents, on }), systemKey };
      }
      case 'add-hardware':
        return { result: await billing.addHardware({ reference: ref, customerRef: point.customerRef, serviceId, productCode: 'HARDWARE', label: String(p.label), unitPriceCents: Number(p.amountCents), quantity: Number(p.quantity ?? 1), on }), systemKey };
      case 'add-fee':
        return { result: await billing.addOneOffFee({ reference: ref, customerRef: point.customerRef, serviceId, label: String(p.label), amountCents: Number(p.amountCents), on }), systemKey };
      default: throw refusal(`« ${action.kind} » n’est pas une action de facturation.`);
    }
  }

  /** Records an operator order's state on its action (done: its line follows). */
  async function settle(meta: ServiceTaskMeta, action: ActionToRun, order: OperatorOrder): Promise<'pending' | 'completed'> {
    if (order.status === 'refused') {
      await inTenant(meta, (ctx) => markAction(ctx, action.id, 'failed', { refs: { orderId: order.orderId }, error: order.reason?.fr ?? 'Refusée par l’opérateur' }));
      throw refusal(`« ${action.kind} » : ${order.reason?.fr ?? 'refusée par l’opérateur'}`);
    }
    await inTenant(meta, async (ctx) => {
      const refs = { orderId: order.orderId, ...(order.operatorLineId ? { operatorLineId: order.operatorLineId } : {}), ...(order.iccids.length ? { iccids: order.iccids } : {}) };
      if (order.status === 'completed') {
        await applyToLine(ctx, action, order);
        await markAction(ctx, action.id, 'done', { refs });
      } else await markAction(ctx, action.id, 'waiting', { refs });
    });
    return order.status;
  }

  return {
    async 'telecom.deployment.facts'(raw: unknown, meta: ServiceTaskMeta) {
      const { deploymentId } = parseTaskInput(deploymentFacts.input, raw);
      return inTenant(meta, async (ctx) => {
        const row = await ctx.trx('telecomDeployments').where({ id: deploymentId }).first('status');
        if (!row) throw refusal('Déploiement introuvable.');
        const actions = await actionsOf(ctx, deploymentId);
        return { status: row.status, stage: STAGE[row.status as string] ?? 0, supplierActions: actions.filter((a) => a.side === 'supplier').length, billingActions: actions.filter((a) => a.side === 'billing').length };
      });
    },

    async 'telecom.deployment.move'(raw: unknown, meta: ServiceTaskMeta) {
      const { deploymentId, status } = parseTaskInput(deploymentMove.input, raw);
      const extra = status === 'done' ? { completedAt: new Date() } : status === 'abandoned' ? { abandonedAt: new Date() } : {};
      return inTenant(meta, (ctx) => moveDeployment(ctx, deploymentId, status, extra));
    },

    async 'telecom.deployment.supplier'(raw: unknown, meta: ServiceTaskMeta) {
      const { deploymentId } = parseTaskInput(deploymentSupplier.input, raw);
      const actions = await inTenant(meta, (ctx) => actionsOf(ctx, deploymentId, 'supplier'));
      const waitingOrders: string[] = [];
      let done = 0;
      for (const action of actions) {
        if (action.status === 'done' || action.status === 'compensated') { done += 1; continue; }
        if (action.status === 'waiting' && action.externalRefs.orderId) { waitingOrders.push(String(action.externalRefs.orderId)); continue; }
        await inTenant(meta, (ctx) => markAction(ctx, action.id, 'sent'));
        let order: OperatorOrder;
        try {
          order = await sendSupplier(meta, action);
        } catch (error) {
          return failed(meta, action, error);
        }
        if (await settle(meta, action, order) === 'pending') waitingOrders.push(order.orderId);
        else done += 1;
      }
      return { done, waitingOrders };
    },

    async 'telecom.deployment.poll-order'(raw: unknown, meta: ServiceTaskMeta) {
      const { deploymentId, orderId } = parseTaskInput(deploymentPollOrder.input, raw);
      const action = (await inTenant(meta, (ctx) => actionsOf(ctx, deploymentId, 'supplier'))).find((a) => a.externalRefs.orderId === orderId);
      if (!action) throw refusal(`Commande ${orderId} inconnue de ce déploiement.`);
      if (action.status === 'done' || action.status === 'compensated') return { status: 'completed' as const };
      const operator = await ports.operator(meta.tenantId, action.line?.operatorKey ?? 'sandbox');
      let order: OperatorOrder;
      try {
        order = await operator.getOrder(orderId);
      } catch (error) {
        return failed(meta, action, error);
      }
      return { status: await settle(meta, action, order) };
    },

    async 'telecom.deployment.billing'(raw: unknown, meta: ServiceTaskMeta) {
      const { deploymentId } = parseTaskInput(deploymentBilling.input, raw);
      let done = 0;
      for (const listed of await inTenant(meta, (ctx) => actionsOf(ctx, deploymentId, 'billing'))) {
        if (listed.status === 'done' || listed.status === 'compensated') { done += 1; continue; }
        // Read again: an earlier action (create-service) may have given the line its service id.
        const action = (await inTenant(meta, (ctx) => actionsOf(ctx, deploymentId, 'billing'))).find((a) => a.id === listed.id)!;
        await inTenant(meta, (ctx) => markAction(ctx, action.id, 'sent'));
        let sent: { result: BillingResult; systemKey: string };
        try {
          sent = await sendBilling(meta, action);
        } catch (error) {
          return failed(meta, action, error);
        }
        await inTenant(meta, async (ctx) => {
          if (action.kind === 'create-service' && action.lineId) await noteBillingRefs(ctx, action.lineId, { system: sent.systemKey, serviceId: sent.result.serviceId });
          await markAction(ctx, action.id, 'done', { refs: { serviceId: sent.result.serviceId, system: sent.systemKey } });
        });
        done += 1;
      }
      return { done };
    },

    async 'telecom.deployment.check'(raw: unknown, meta: ServiceTaskMeta) {
      const { deploymentId } = parseTaskInput(deploymentCheck.input, raw);
      const actions = await inTenant(meta, (ctx) => actionsOf(ctx, deploymentId));
      const problems: Array<{ lineId: string | null; kind: string; code: string }> = [];
      const period = processDay().slice(0, 7);
      // What each billing system the lines use billed this month (asked once per system).
      const systems = [...new Set(actions.flatMap((a) => [a.line?.billingRefs.system, a.externalRefs.system]).filter((s): s is string => typeof s === 'string'))];
      const billed: BilledService[] = [];
      for (const system of systems) billed.push(...await (await ports.billingSystem(meta.tenantId, system)).listBilledServices(period));
      const statusOf = new Map(billed.map((b) => [b.serviceId, b.status]));
      for (const a of actions) {
        if (a.status !== 'done') { problems.push({ lineId: a.lineId, kind: a.kind, code: `action-${a.status}` }); continue; }
        if (a.kind === 'create-line' && a.line && a.line.status !== 'active') problems.push({ lineId: a.lineId, kind: a.kind, code: 'line-not-active' });
        if (a.kind === 'create-service' && a.externalRefs.serviceId && statusOf.get(String(a.externalRefs.serviceId)) !== 'active') problems.push({ lineId: a.lineId, kind: a.kind, code: 'service-not-billed' });
      }
      return inTenant(meta, async (ctx) => {
        // The billing control's two V1 controls (terminated but still billed, purchase-price gap) on the deployment's lines only.
        const dep = await ctx.trx('telecomDeployments').where({ id: deploymentId }).first('lineIds');
        const concerned = new Set<string>([...((dep?.lineIds as string[]) ?? []), ...actions.map((a) => a.lineId).filter((id): id is string => Boolean(id))]);
        const facts = await loadControlFacts(ctx.trx, period, systems.length ? billedPerService(billed, period) : null);
        for (const f of runControls({ ...facts, lines: facts.lines.filter((l) => concerned.has(l.id)) })) problems.push({ lineId: f.lineId, kind: f.kind, code: f.kind });
        return recordCheck(ctx, deploymentId, problems);
      });
    },

    async 'telecom.deployment.compensate'(raw: unknown, meta: ServiceTaskMeta) {
      const { deploymentId, side } = parseTaskInput(deploymentCompensate.input, raw);
      const todo = compensationsFor(await inTenant(meta, (ctx) => actionsOf(ctx, deploymentId, side)), side);
      for (const action of todo) {
        const ref = `${actionIdempotencyKey(meta.tenantId, action.id, 'compensate')}`;
        try {
          if (action.compensation === 'terminate-line') {
            const operator = await ports.operator(meta.tenantId, action.line?.operatorKey ?? 'sandbox');
            const operatorLineId = String(action.externalRefs.operatorLineId ?? action.line?.operatorRefs.lineId ?? '');
            const order = operatorLineId ? await operator.terminateLine({ reference: ref, operatorLineId, on: null }) : null;
            await inTenant(meta, async (ctx) => {
              if (action.lineId && action.line && action.line.status !== 'terminated' && action.line.status !== 'pending') await applyToLine(ctx, { ...action, kind: 'terminate-line', params: {} }, { operatorLineId: null, iccids: [] });
              await markAction(ctx, action.id, 'compensated', { refs: order ? { undoOrderId: order.orderId } : {} });
            });
          } else {
            const system = String(action.externalRefs.system ?? 'cfast');
            const billing = await ports.billingSystem(meta.tenantId, system);
            await billing.cancelService({ reference: ref, serviceId: String(action.externalRefs.serviceId), on: processDay() });
            await inTenant(meta, (ctx) => markAction(ctx, action.id, 'compensated'));
          }
        } catch (error) {
          if (isPortRefusal(error)) throw refusal(`Compensation de « ${action.kind} » : ${error.reason.fr}`);
          throw error;
        }
      }
      return { compensated: todo.length };
    },
  };
}
