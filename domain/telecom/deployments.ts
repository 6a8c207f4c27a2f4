import type { FilterFn, RecordResource } from '../core/record-resource';
import { containsUnaccented } from '../core/resources';
import { appendHistoryAs, createRecord, loadFor, present, type RequestContext } from '../core/record-service';
import { numberFor } from '../core/tenant-counter';
import { ConflictError, ValidationError } from '../errors';
import { coreMessage } from '../i18n/core.messages';
import { planActions, type LineFacts } from './deployment-rules';
import {
  deployment, deploymentCreate, deploymentUpdate, DEPLOYMENT_STATUSES, type DeploymentAction, type DeploymentCreate, type DeploymentRecord,
} from './deployment.schema';
import { deploymentsMessage as m } from './deployments.messages';

/**
 * Deployments (`telecom.deployment`, spec 002 §6, docs/adr/0044-telecom-deployments.md) on the generic record
 * service: list (filters `status`, `accountId`, `lineId`), read, change the title/study/quote, delete while in study
 * and not started, history. `createDeployment` is the one way to create one with its actions (the API, the bulk
 * action « créer un déploiement », the billing control's fixes); the status moves only by its process.
 */
type Row = Record<string, unknown>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const statusFilter: FilterFn = (qb, value) => {
  const wanted = value.split(',').map((v) => v.trim()).filter(Boolean);
  if (!wanted.length || wanted.some((v) => !(DEPLOYMENT_STATUSES as readonly string[]).includes(v))) throw new ValidationError([{ field: 'status', message: m('telecom.deployments.status-filter') }]);
  qb.whereIn('t.status', wanted);
};
const uuidFilter = (field: string, match: (qb: Parameters<FilterFn>[0], id: string) => void): FilterFn => (qb, value) => {
  if (!UUID.test(value)) throw new ValidationError([{ field, message: coreMessage('field.uuid') }]);
  match(qb, value);
};

async function checkQuote(ctx: { trx: RequestContext['trx'] }, merged: Row): Promise<void> {
  if (merged.quoteId && !(await ctx.trx('billingQuotes').where({ id: merged.quoteId, accountId: merged.accountId }).first('id'))) {
    throw new ValidationError([{ field: 'quoteId', message: m('telecom.deployments.no-such-quote') }]);
  }
}

export const telecomDeployments: RecordResource = {
  key: 'telecom.deployment', subject: 'TelecomDeployment', recordType: 'telecom-deployment', label: 'Le déploiement', table: 'telecom_deployments',
  // The record router creates through createDeployment (api/telecom/deployments.router.ts); this schema serves the generic paths.
  createSchema: deploymentCreate as never, updateSchema: deploymentUpdate, outputSchema: deployment,
  accountLink: 'accountId',
  ownership: {
    joins: (qb) => { qb.join('accounts as a', 'a.id', 't.accountId').leftJoin('billing_quotes as q', 'q.id', 't.quoteId').select('a.name as accountName', 'q.number as quoteNumber'); },
    owner: 'a.ownerId', support: 'a.supportUserId', account: 't.accountId',
  },
  filters: {
    status: statusFilter,
    accountId: uuidFilter('accountId', (qb, id) => qb.where('t.accountId', id)),
    lineId: uuidFilter('lineId', (qb, id) => qb.whereRaw('?::uuid = any(t.line_ids)', [id])),
  },
  sorts: {
    number: { column: 'number', direction: 'asc' }, '-number': { column: 'number', direction: 'desc' },
    createdAt: { column: 'createdAt', direction: 'asc' }, '-createdAt': { column: 'createdAt', direction: 'desc' },
    updatedAt: { column: 'updatedAt', direction: 'asc' }, '-updatedAt': { column: 'updatedAt', direction: 'desc' },
  },
  defaultSort: '-number',
  quickSearch: containsUnaccented("f_unaccent(lower(t.title || ' ' || a.name))"),
  async prepareCreate({ trx, principal, number }, data) {
    await checkQuote({ trx }, data);
    return { ...data, number: await numberFor(trx, principal.tenantId, 'telecom-deployment', number) };
  },
  async prepareUpdate({ trx, current }, patch) {
    if ('status' in patch) throw new ValidationError([{ field: 'status', message: m('telecom.deployments.status-by-process') }]);
    if (current.status === 'done' || current.status === 'abandoned') throw new ConflictError(m('telecom.deployments.finished', { number: Number(current.number), status: String(current.status) }));
    await checkQuote({ trx }, { ...current, ...patch });
    return patch;
  },
  async prepareDelete({ trx, current }) {
    const started = await trx('processInstances').where({ processKey: 'telecom.study-deploy-bill-check', businessKey: current.id }).first('id');
    if (current.status !== 'study' || started) throw new ConflictError(m('telecom.deployments.in-use', { number: Number(current.number) }));
  },
};

/** The lines the rules need, read in the caller's organisation (row-level security keeps other tenants' out). */
async function lineFacts(ctx: RequestContext, ids: readonly string[]): Promise<Map<string, LineFacts>> {
  const valid = ids.filter((id) => UUID.test(id));
  if (!valid.length) return new Map();
  const rows: LineFacts[] = await ctx.trx('telecomLines').whereIn('id', valid).select('id', 'accountId', 'status', 'number');
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Creates a deployment with its actions, in the caller's transaction: the account must be visible and the caller
 * allowed to launch deployments on it (`telecom.deployment.create`, « lancer déploiement »); every line named must
 * be one of the account's; each action's params are checked for its kind; actions are ordered supplier first,
 * then billing. Refusals are a 400 naming each field, nothing written. History: the deployment's creation.
 * Starting its process is the caller's (`startDeploymentProcess`, after the commit).
 */
export async function createDeployment(ctx: RequestContext, input: DeploymentCreate): Promise<DeploymentRecord & { actions: DeploymentAction[] }> {
  const data = deploymentCreate.parse(input);
  const lines = await lineFacts(ctx, [...data.lineIds, ...data.actions.map((a) => a.lineId).filter((id): id is string => Boolean(id))]);
  const planned = planActions(data.accountId, data.lineIds, data.actions, lines);
  if ('problems' in planned) throw new ValidationError(planned.problems);
  const created = await createRecord(ctx, telecomDeployments, {
    accountId: data.accountId, title: data.title, studyNotes: data.studyNotes ?? null, quoteId: data.quoteId ?? null, lineIds: planned.lineIds,
  });
  if (planned.actions.length) {
    await ctx.trx('telecomDeploymentActions').insert(planned.actions.map((a) => ({
      tenantId: ctx.principal.tenantId, deploymentId: created.id, position: a.position, side: a.side, kind: a.kind, lineId: a.lineId,
      params: JSON.stringify(a.params), createdBy: ctx.principal.userId ?? null,
    })));
  }
  return { ...(created as DeploymentRecord), actions: await deploymentActions(ctx, String(created.id)) };
}

/** A deployment's actions in their order, with their line's number. */
export async function deploymentActions(ctx: RequestContext, deploymentId: string): Promise<DeploymentAction[]> {
  const rows: Row[] = await ctx.trx('telecomDeploymentActions as x').leftJoin('telecomLines as l', 'l.id', 'x.lineId')
    .where('x.deploymentId', deploymentId).orderBy('x.position')
    .select('x.id', 'x.position', 'x.side', 'x.kind', 'x.lineId', 'l.number as lineNumber', 'x.params', 'x.status', 'x.externalRefs', 'x.error', 'x.attempts', 'x.doneAt', 'x.compensatedAt');
  return rows.map((r) => ({
    ...r, doneAt: r.doneAt ? new Date(r.doneAt as string).toISOString() : null, compensatedAt: r.compensatedAt ? new Date(r.compensatedAt as string).toISOString() : null,
  }) as DeploymentAction);
}

/** One deployment as its panel reads it: the record (read scope checked) and its actions. */
export async function deploymentWithActions(ctx: RequestContext, id: string): Promise<Row & { id: string; version: number; actions: DeploymentAction[] }> {
  const row = await loadFor(ctx, telecomDeployments, id, 'read');
  return { ...present(ctx, telecomDeployments, row), id, version: Number(row.version), actions: await deploymentActions(ctx, id) };
}

/** Moves a deployment's status (the process's steps), once: moving it where it is changes nothing. History notes it. */
export async function moveDeployment(ctx: RequestContext, id: string, status: DeploymentRecord['status'], extra: Row = {}): Promise<{ status: string; moved: boolean }> {
  const current = await ctx.trx('telecomDeployments').where({ id }).forUpdate().first('status', 'version');
  if (!current) throw new ValidationError([{ field: 'deploymentId', message: coreMessage('field.uuid') }]);
  if (current.status === status || current.status === 'done' || current.status === 'abandoned') return { status: current.status, moved: false };
  await ctx.trx('telecomDeployments').where({ id }).update({ status, ...extra, version: Number(current.version) + 1 });
  await appendHistoryAs(ctx, { recordType: 'telecom-deployment', recordId: id, action: 'update', changes: { status: { before: current.status, after: status } } });
  return { status, moved: true };
}
