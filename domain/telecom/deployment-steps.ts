import { appendHistoryAs, type RequestContext } from '../core/record-service';
import type { ActionSide, ActionStatus, DeploymentAction } from './deployment.schema';
import { deploymentActions, moveDeployment } from './deployments';
import { addLineOptions, changeLinePlan, setLineOptions, setLineStatus } from './line-actions';

/**
 * What the process's steps write on a deployment (docs/adr/0044-telecom-deployments.md): an action's state and the
 * vendor's references, and what a completed action changes on its line — through the line's one write path
 * (line-actions.ts), so the fleet, its prices and its history follow the deployment.
 */
type Row = Record<string, unknown>;

/** The permissions a deployment's process acts with. */
export const DEPLOYMENT_PROCESS_PERMISSIONS = [
  'telecom.deployment.read', 'telecom.deployment.update', 'telecom.line.read', 'telecom.line.update', 'core.account.read', 'billing.quote.read',
];

/** An action as a step needs it: with its line's operator, numbers, references, plan and prices. */
export interface ActionToRun extends DeploymentAction {
  line: {
    operatorKey: string; number: string; planId: string | null; optionIds: string[]; status: string; salePriceCents: number;
    operatorRefs: Row; billingRefs: Row; billingSiteId: string | null;
  } | null;
}

export async function actionsOf(ctx: RequestContext, deploymentId: string, side?: ActionSide): Promise<ActionToRun[]> {
  const actions = (await deploymentActions(ctx, deploymentId)).filter((a) => !side || a.side === side);
  const ids = [...new Set(actions.map((a) => a.lineId).filter((id): id is string => Boolean(id)))];
  const lines: Row[] = ids.length
    ? await ctx.trx('telecomLines').whereIn('id', ids).select('id', 'operatorKey', 'number', 'planId', 'optionIds', 'status', 'salePriceCents', 'operatorRefs', 'billingRefs', 'billingSiteId')
    : [];
  const byId = new Map(lines.map((l) => [String(l.id), l]));
  return actions.map((a) => {
    const l = a.lineId ? byId.get(a.lineId) : undefined;
    return {
      ...a,
      line: l ? {
        operatorKey: String(l.operatorKey), number: String(l.number), planId: (l.planId as string | null) ?? null, optionIds: (l.optionIds as string[]) ?? [],
        status: String(l.status), salePriceCents: Number(l.salePriceCents), operatorRefs: (l.operatorRefs as Row) ?? {}, billingRefs: (l.billingRefs as Row) ?? {},
        billingSiteId: (l.billingSiteId as string | null) ?? null,
      } : null,
    };
  });
}

/** The operator product codes, sale prices and names of catalogue items (plans, options). */
export async function productsOf(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, { code: string; name: string; salePriceCents: number }>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (!unique.length) return new Map();
  const rows: Row[] = await ctx.trx('catalogueItems as c').join('telecomOffers as o', 'o.catalogueItemId', 'c.id').whereIn('c.id', unique)
    .select('c.id', 'c.name', 'c.unitPriceCents', 'o.operatorProductCode');
  return new Map(rows.map((r) => [String(r.id), { code: String(r.operatorProductCode), name: String(r.name), salePriceCents: Number(r.unitPriceCents) }]));
}

/** Where a line (else the account) is billed: its billing site's reference in a billing system, else the account's SoftWhere id. */
export async function billingPointOf(ctx: RequestContext, deploymentId: string, billingSiteId: string | null): Promise<{ systemKey: string; customerRef: string }> {
  const dep = await ctx.trx('telecomDeployments').where({ id: deploymentId }).first('accountId');
  const refs = ctx.trx('telecomBillingSiteRefs as r').join('billingSites as b', 'b.id', 'r.billingSiteId').where('b.accountId', dep.accountId);
  const ref: Row | undefined = billingSiteId ? await refs.clone().where('r.billingSiteId', billingSiteId).first('r.system', 'r.reference') : undefined;
  const any: Row | undefined = ref ?? await refs.clone().whereNot('r.system', 'pennylane').orderBy('r.reference').first('r.system', 'r.reference');
  if (any) return { systemKey: String(any.system), customerRef: String(any.reference) };
  const profile = await ctx.trx('telecomAccountProfiles').where({ accountId: dep.accountId }).first('softwhereId');
  return { systemKey: 'cfast', customerRef: String(profile?.softwhereId ?? dep.accountId) };
}

/** Notes an action's new state (and the vendor's references, merged), once: the same state again changes nothing. */
export async function markAction(ctx: RequestContext, actionId: string, status: ActionStatus, patch: { refs?: Row; error?: string | null } = {}): Promise<void> {
  const row = await ctx.trx('telecomDeploymentActions').where({ id: actionId }).forUpdate().first('status', 'externalRefs', 'deploymentId', 'kind', 'position', 'attempts');
  if (!row) return;
  const refs = { ...(row.externalRefs as Row), ...(patch.refs ?? {}) };
  await ctx.trx('telecomDeploymentActions').where({ id: actionId }).update({
    status, externalRefs: JSON.stringify(refs),
    ...(patch.error !== undefined ? { error: patch.error } : status === 'done' || status === 'compensated' ? { error: null } : {}),
    attempts: status === 'failed' ? Number(row.attempts) + 1 : row.attempts,
    ...(status === 'done' ? { doneAt: ctx.trx.fn.now() } : {}), ...(status === 'compensated' ? { compensatedAt: ctx.trx.fn.now() } : {}),
  });
  if (row.status !== status) {
    await appendHistoryAs(ctx, {
      recordType: 'telecom-deployment', recordId: String(row.deploymentId), action: 'update',
      changes: { [`actions.${Number(row.position) + 1}.${String(row.kind)}`]: { before: row.status, after: status } },
    });
  }
}

/** What a completed supplier action changes on its line: activated with the operator's ids, new plan, options, terminated. */
export async function applyToLine(ctx: RequestContext, action: ActionToRun, order: { operatorLineId: string | null; iccids: string[] }): Promise<void> {
  if (!action.lineId || !action.line) return;
  const p = action.params as Row;
  switch (action.kind) {
    case 'create-line': {
      const refs = { ...action.line.operatorRefs, ...(order.operatorLineId ? { lineId: order.operatorLineId } : {}), ...(order.iccids[0] ? { iccid: order.iccids[0] } : {}) };
      await ctx.trx('telecomLines').where({ id: action.lineId }).update({ operatorRefs: JSON.stringify(refs) });
      if (p.planId && p.planId !== action.line.planId) await changeLinePlan(ctx, action.lineId, { planId: String(p.planId) });
      if (Array.isArray(p.optionIds) && p.optionIds.length) await addLineOptions(ctx, action.lineId, { optionIds: p.optionIds as string[] });
      if (action.line.status === 'pending') await setLineStatus(ctx, action.lineId, { status: 'active' });
      return;
    }
    case 'modify-line': await changeLinePlan(ctx, action.lineId, { planId: String(p.planId) }); return;
    case 'change-options': await setLineOptions(ctx, action.lineId, { optionIds: (p.optionIds as string[]) ?? [] }); return;
    case 'terminate-line': if (action.line.status !== 'terminated') await setLineStatus(ctx, action.lineId, { status: 'terminated', ...(p.on ? { on: String(p.on) } : {}) }); return;
    default:
  }
}

/** The line's reference in the billing system, kept on the line (what billing and the control read next). */
export async function noteBillingRefs(ctx: RequestContext, lineId: string, refs: { system: string; serviceId: string }): Promise<void> {
  await ctx.trx('telecomLines').where({ id: lineId }).update({ billingRefs: JSON.stringify(refs) });
}

/** Records the check's outcome and moves the deployment to « contrôle » (nothing to fix) or « correction ». */
export async function recordCheck(ctx: RequestContext, deploymentId: string, problems: Array<{ lineId: string | null; kind: string; code: string }>): Promise<{ ok: boolean; problems: number }> {
  await ctx.trx('telecomDeployments').where({ id: deploymentId }).update({ checkOutcome: JSON.stringify({ ok: problems.length === 0, problems, checkedAt: new Date().toISOString() }) });
  await moveDeployment(ctx, deploymentId, problems.length ? 'fix' : 'check');
  return { ok: problems.length === 0, problems: problems.length };
}
