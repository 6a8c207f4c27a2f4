import type { Knex } from 'knex';
import { z } from 'zod';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { scopeOf } from '../identity/ability';
import { isUuid, type RequestContext } from '../core/record-service';
import { findForm } from '../modules/registry';
import { labelAll, userNames, type HumanLabels, type Locale } from './business-labels';
import { describeFormIn } from './forms';
import { issueMessage } from '../i18n/zod-issues';
import { processMessage } from './process.messages';

const COLUMNS = ['id', 'instanceId', 'processKey', 'businessKey', 'elementId', 'name', 'formKey', 'inlineForm', 'candidateRoles',
  'candidateUsers', 'assignee', 'dueAt', 'priority', 'status', 'data', 'createdAt', 'claimedAt', 'completedAt', 'completedBy', 'version'];

function present(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(COLUMNS.map((c) => [c, row[c] instanceof Date ? (row[c] as Date).toISOString() : row[c] ?? null]));
}

/**
 * Tasks as people read them: the process's title, the business label of its instance
 * (« Mariage Lebrun — contrat n° 12 ») and the assignee's and completer's names (null
 * unless the reader may see users). A few queries for the whole page, none per row.
 */
async function decorate(ctx: RequestContext, rows: Array<Record<string, unknown>>, locale: Locale): Promise<Array<Record<string, unknown> & HumanLabels>> {
  const tasks = rows.map(present);
  if (!tasks.length) return [];
  const instanceIds = [...new Set(tasks.map((t) => String(t.instanceId)))];
  const instances: Array<{ id: string; version: number; variables: Record<string, unknown> | null }> = await ctx.trx('processInstances')
    .whereIn('id', instanceIds).select('id', 'version', 'variables');
  const byId = new Map(instances.map((i) => [i.id, i]));
  const labels = await labelAll(ctx.trx, tasks.map((t) => {
    const instance = byId.get(String(t.instanceId));
    return { processKey: String(t.processKey), businessKey: String(t.businessKey), version: instance?.version ?? null, variables: instance?.variables ?? null };
  }), locale);
  const names = await userNames(ctx.trx, ctx.ability, tasks.flatMap((t) => [t.assignee as string | null, t.completedBy as string | null]));
  return tasks.map((t, i) => ({
    ...t, ...labels[i]!,
    assigneeName: t.assignee ? names.get(String(t.assignee)) ?? null : null,
    completedByName: t.completedBy ? names.get(String(t.completedBy)) ?? null : null,
  }));
}

async function decorateOne(ctx: RequestContext, row: Record<string, unknown>, locale: Locale) {
  return (await decorate(ctx, [row], locale))[0]!;
}

/** A PostgreSQL array literal, bound as one parameter (knex would spread a JavaScript array). */
function pgTextArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

function requireTaskPermission(ctx: RequestContext, action: 'read' | 'update'): void {
  if (!ctx.ability.can(action, 'Task')) throw new ForbiddenError(processMessage('tasks.forbidden-list', { permission: `process.task.${action}` }));
}

/** May see every task of the organisation (managers), not only those offered to them. */
function seesAll(ctx: RequestContext, action: 'read' | 'update'): boolean {
  return scopeOf(ctx.ability, action, 'Task') === null;
}

function isCandidate(ctx: RequestContext, task: Record<string, unknown>): boolean {
  const roles = task.candidateRoles as string[];
  const users = task.candidateUsers as string[];
  return task.assignee === ctx.principal.userId || users.includes(ctx.principal.userId) || roles.some((r) => ctx.principal.roles.includes(r));
}

/** What the caller may act on: assigned to them, or unclaimed and offered to them or their roles. */
function actionable(ctx: RequestContext) {
  const me = ctx.principal.userId;
  return (w: Knex.QueryBuilder) => w.where({ assignee: me })
    .orWhere((c) => c.whereNull('assignee').where((r) => r.whereRaw('candidate_roles && ?::text[]', [pgTextArray(ctx.principal.roles)]).orWhereRaw('? = any(candidate_users)', [me])));
}

export async function listTasks(ctx: RequestContext, query: { assignee?: 'me'; candidate?: 'me'; status: string; processKey?: string; sort: string; limit: number }, locale: Locale = 'fr') {
  requireTaskPermission(ctx, 'read');
  const me = ctx.principal.userId;
  const qb = ctx.trx('tasks').where({ status: query.status }).limit(query.limit);
  if (query.processKey) qb.where({ processKey: query.processKey });
  if (query.assignee === 'me') qb.where({ assignee: me });
  else if (query.candidate === 'me' || !seesAll(ctx, 'read')) qb.where(actionable(ctx));
  const sorts: Record<string, [string, 'asc' | 'desc']> = { dueAt: ['dueAt', 'asc'], '-priority': ['priority', 'desc'], createdAt: ['createdAt', 'asc'], '-createdAt': ['createdAt', 'desc'] };
  const [column, order] = sorts[query.sort]!;
  qb.orderByRaw(`?? ${order} nulls last, ?? desc, ?? asc`, [column, 'priority', 'createdAt']);
  return decorate(ctx, await qb, locale);
}

/**
 * How many open tasks each tab of the task list holds: `todo` (assigned to the caller, or
 * unclaimed and offered to them), `mine` (assigned to them) and, for those who see every
 * task, `all`. One query.
 */
export async function countTasks(ctx: RequestContext, query: { processKey?: string }) {
  requireTaskPermission(ctx, 'read');
  const qb = ctx.trx('tasks').where({ status: 'open' });
  if (query.processKey) qb.where({ processKey: query.processKey });
  const all = seesAll(ctx, 'read');
  if (!all) qb.where(actionable(ctx));
  const row: { todo: string; mine: string; all: string } = await qb.first(
    ctx.trx.raw('count(*) filter (where assignee = ? or (assignee is null and (candidate_roles && ?::text[] or ? = any(candidate_users)))) as todo',
      [ctx.principal.userId, pgTextArray(ctx.principal.roles), ctx.principal.userId]),
    ctx.trx.raw('count(*) filter (where assignee = ?) as mine', [ctx.principal.userId]),
    ctx.trx.raw('count(*) as "all"'),
  );
  return { todo: Number(row.todo), mine: Number(row.mine), ...(all ? { all: Number(row.all) } : {}) };
}

export async function loadTask(ctx: RequestContext, id: string, lock = false) {
  requireTaskPermission(ctx, 'read');
  const qb = isUuid(id) ? ctx.trx('tasks').where({ id }).first() : undefined;
  if (qb && lock) qb.forUpdate();
  const row = qb ? await qb : undefined;
  if (!row || (!isCandidate(ctx, row) && !seesAll(ctx, 'read'))) throw new NotFoundError({ fr: 'tâche', en: 'task' });
  return row as Record<string, unknown>;
}

/**
 * One task, with its registered form (titles and JSON Schema) when it names one: whoever
 * may see the task needs its form, even without access to the process catalogue.
 */
export async function getTask(ctx: RequestContext, id: string, locale: Locale = 'fr') {
  const task = await decorateOne(ctx, await loadTask(ctx, id), locale);
  const form = task.formKey ? findForm(String(task.formKey)) : undefined;
  return { ...task, form: form ? await describeFormIn(ctx.trx, form, (task.businessKey as string | null | undefined) ?? null) : null };
}

function requireOpen(task: Record<string, unknown>): void {
  if (task.status !== 'open') throw new ConflictError(processMessage('tasks.not-open', { status: String(task.status) }));
}

export async function claimTask(ctx: RequestContext, id: string, locale: Locale = 'fr') {
  requireTaskPermission(ctx, 'update');
  const task = await loadTask(ctx, id, true);
  requireOpen(task);
  if (!isCandidate(ctx, task)) throw new ForbiddenError(processMessage('tasks.not-offered'));
  if (task.assignee && task.assignee !== ctx.principal.userId) throw new ConflictError(processMessage('tasks.claimed-by-other'), { assignee: task.assignee });
  const [row] = await ctx.trx('tasks').where({ id }).update({ assignee: ctx.principal.userId, claimedAt: ctx.trx.fn.now(), version: ctx.trx.raw('version + 1') }).returning('*');
  return decorateOne(ctx, row, locale);
}

export async function releaseTask(ctx: RequestContext, id: string, locale: Locale = 'fr') {
  requireTaskPermission(ctx, 'update');
  const task = await loadTask(ctx, id, true);
  requireOpen(task);
  if (task.assignee !== ctx.principal.userId && !seesAll(ctx, 'update')) throw new ForbiddenError(processMessage('tasks.release-forbidden'));
  const [row] = await ctx.trx('tasks').where({ id }).update({ assignee: null, claimedAt: null, version: ctx.trx.raw('version + 1') }).returning('*');
  return decorateOne(ctx, row, locale);
}

export async function reassignTask(ctx: RequestContext, id: string, assignee: string, locale: Locale = 'fr') {
  requireTaskPermission(ctx, 'update');
  if (!seesAll(ctx, 'update')) throw new ForbiddenError(processMessage('tasks.reassign-forbidden'));
  const task = await loadTask(ctx, id, true);
  requireOpen(task);
  const user = await ctx.trx('users').where({ id: assignee, active: true }).first('id');
  if (!user) throw new ValidationError([{ field: 'assignee', message: processMessage('tasks.no-such-assignee') }]);
  const [row] = await ctx.trx('tasks').where({ id }).update({ assignee, claimedAt: ctx.trx.fn.now(), version: ctx.trx.raw('version + 1') }).returning('*');
  return decorateOne(ctx, row, locale);
}

/** Checks the form data against the task's registered form or inline JSON Schema; answers the clean data. */
export function validateTaskData(task: Record<string, unknown>, data: unknown): Record<string, unknown> {
  let schema: z.ZodType = z.record(z.string(), z.unknown());
  if (task.formKey) {
    const form = findForm(String(task.formKey));
    if (!form) throw new ConflictError(processMessage('tasks.form-gone', { form: String(task.formKey) }));
    schema = form.schema;
  } else if (task.inlineForm) {
    schema = z.fromJSONSchema(task.inlineForm as Parameters<typeof z.fromJSONSchema>[0]);
  }
  const result = schema.safeParse(data ?? {});
  if (!result.success) {
    throw new ValidationError(result.error.issues.map((i) => ({
      field: i.code === 'unrecognized_keys' ? i.keys.join(', ') : i.path.join('.') || 'data',
      message: i.code === 'unrecognized_keys' ? processMessage('tasks.not-a-form-field') : issueMessage(i),
    })));
  }
  return result.data as Record<string, unknown>;
}

/** Checks that the caller may complete the task now; the workflow's update validator checks again. */
export async function prepareCompletion(ctx: RequestContext, id: string, data: unknown) {
  requireTaskPermission(ctx, 'update');
  const task = await loadTask(ctx, id, true);
  requireOpen(task);
  if (!isCandidate(ctx, task)) throw new ForbiddenError(processMessage('tasks.not-offered'));
  if (task.assignee && task.assignee !== ctx.principal.userId) throw new ConflictError(processMessage('tasks.claimed-release-first'));
  return { task, data: validateTaskData(task, data) };
}
