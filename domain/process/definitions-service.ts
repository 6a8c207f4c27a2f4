import type { Knex } from 'knex';
import type { DecisionPlan } from '../../kernel/process/decision-table';
import type { Plan } from '../../kernel/process/plan';
import type { RequestContext } from '../core/record-service';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../errors';
import type { DefinitionProblem } from './bpmn-model';
import { compileDefinition } from './definition-compiler';
import { lintReport } from './definition-linter';
import { MAX_DEFINITION_BYTES, parseDefinition } from './definition-parser';
import { loadDecisionsForDeploy } from './decisions-service';
import { DefinitionTooLargeError } from './definition-errors';
import { namedDecisionIds } from './element-settings';
import { chooseProcess } from './relais-lint-rules';
import type { Message } from '../i18n/messages';
import { processMessage } from './process.messages';

/** What a save or a deploy answers. */
export interface DefinitionSummary {
  id: string;
  key: string;
  /** null for a draft. */
  version: number | null;
  status: 'draft' | 'deployed';
  name: string | null;
  deployedAt: string | null;
}

/** One key in the list: its latest deployed version, how many there are, and whether a draft waits. */
export interface DefinitionListItem {
  key: string;
  name: string | null;
  latestVersion: number | null;
  versions: number;
  hasDraft: boolean;
  deployedAt: string | null;
  deployedBy: string | null;
  draftSavedAt: string | null;
  /** Set while the key is retired: it starts no new instance. */
  retiredAt: string | null;
  retiredBy: string | null;
}

export interface DefinitionVersion extends DefinitionSummary {
  deployedBy: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A stored version: a number, the latest deployed one, or the draft. */
export type VersionRef = number | 'latest' | 'draft';

export { DefinitionTooLargeError } from './definition-errors';

/** The key is retired: nothing starts it until it is reactivated. */
export class ProcessRetiredError extends ConflictError {
  /** `doing`: starting an instance (the default) or deploying a version. */
  constructor(key: string, retiredAt: Date | string, doing: 'start' | 'deploy' = 'start') {
    const at = new Date(retiredAt).toISOString();
    super(processMessage('definitions.retired', { key, retiredAt: at, doing }), { retiredAt: at });
  }
}

/** The definition cannot be stored as it is: every problem, each on its element. */
export class DefinitionProblemsError extends UnprocessableError {
  constructor(problems: DefinitionProblem[], what: 'deployed' | 'saved') {
    super(processMessage('definitions.has-problems', { what, count: problems.length, shown: problems.slice(0, 3) }), { problems });
  }
}

const table = (trx: Knex | Knex.Transaction) => trx('processDefinitions');
const SUMMARY = ['id', 'key', 'version', 'status', 'name', 'deployedAt'] as const;

function iso(value: unknown): string | null {
  return value instanceof Date ? value.toISOString() : (value as string | null) ?? null;
}

function summary(row: Record<string, unknown>): DefinitionSummary {
  return {
    id: row.id as string, key: row.key as string, version: (row.version as number | null) ?? null,
    status: row.status as DefinitionSummary['status'], name: (row.name as string | null) ?? null, deployedAt: iso(row.deployedAt),
  };
}

function mayRead(ctx: RequestContext): void {
  if (!ctx.ability.can('read', 'ProcessDefinition')) {
    throw new ForbiddenError(processMessage('definitions.forbidden-read'));
  }
}

function mayWrite(ctx: RequestContext, action: 'create' | 'update'): void {
  if (!ctx.ability.can(action, 'ProcessDefinition')) {
    throw new ForbiddenError(processMessage(action === 'create' ? 'definitions.forbidden-create' : 'definitions.forbidden-update'));
  }
}

/** Serialises saves and deploys of one key of one tenant until the transaction ends. */
async function lockKey(trx: Knex.Transaction, tenantId: string, key: string): Promise<void> {
  await trx.raw("select pg_advisory_xact_lock(hashtext('process_definitions'), hashtext(? || '/' || ?))", [tenantId, key]);
}

async function tenantRoleKeys(trx: Knex.Transaction): Promise<string[]> {
  return (await trx('roles').select('key').orderBy('key')).map((r: { key: string }) => r.key);
}

/**
 * Parses, refuses what cannot be read, and answers the process, every lint
 * problem (error), every warning and the deployed decisions its business rule
 * tasks name (latest versions, to embed; a decision not deployed is a problem).
 */
async function examine(ctx: RequestContext, xml: string, what: 'deployed' | 'saved') {
  const parsed = await parseDefinition(xml, { maxBytes: MAX_DEFINITION_BYTES });
  if (!parsed.ok) {
    if (parsed.tooLarge) throw new DefinitionTooLargeError(parsed.problems);
    throw new DefinitionProblemsError(parsed.problems, what);
  }
  const decisions: Record<string, DecisionPlan> = await loadDecisionsForDeploy(ctx.trx, namedDecisionIds(parsed.definitions));
  const { errors: problems, warnings } = await lintReport(parsed.definitions, { roleKeys: await tenantRoleKeys(ctx.trx), decisionIds: Object.keys(decisions) });
  const process = chooseProcess(parsed.definitions);
  const keyProblems = problems.filter((p) => p.rule === 'relais/single-process');
  if (!process || keyProblems.length) {
    throw new DefinitionProblemsError(keyProblems.length ? keyProblems : [{ elementId: null, rule: 'relais/single-process', message: processMessage('definitions.no-process') }], what);
  }
  return { definitions: parsed.definitions, key: process.id!, name: typeof process.name === 'string' && process.name.trim() ? process.name.trim() : null, problems, warnings, decisions };
}

async function keyExists(trx: Knex.Transaction, key: string): Promise<boolean> {
  return !!(await table(trx).where({ key }).first('id'));
}

/**
 * Saves the modeler's work as the draft of its key (replacing the previous
 * draft). The file must be readable BPMN with one process; lint problems do not
 * stop a draft and are answered, with the warnings, so that the modeler can show them.
 */
export async function saveDraft(ctx: RequestContext, xml: string): Promise<DefinitionSummary & { problems: DefinitionProblem[]; warnings: DefinitionProblem[] }> {
  if (!ctx.ability.can('create', 'ProcessDefinition') && !ctx.ability.can('update', 'ProcessDefinition')) mayWrite(ctx, 'create');
  const { key, name, problems, warnings } = await examine(ctx, xml, 'saved');
  await lockKey(ctx.trx, ctx.principal.tenantId, key);
  mayWrite(ctx, (await keyExists(ctx.trx, key)) ? 'update' : 'create');
  const draft = await table(ctx.trx).where({ key, status: 'draft' }).first('id');
  const [row] = draft
    ? await table(ctx.trx).where({ id: draft.id }).update({ name, xml, updatedAt: ctx.trx.fn.now() }).returning([...SUMMARY])
    : await table(ctx.trx).insert({ tenantId: ctx.principal.tenantId, key, status: 'draft', name, xml, createdBy: ctx.principal.userId }).returning([...SUMMARY]);
  return { ...summary(row), problems, warnings };
}

/**
 * Deploys a definition as the next version of its key: parse, lint (every
 * error refuses it, 422; warnings, what Relais will ignore, are answered),
 * compile (embedding the latest version of each decision its business rule
 * tasks evaluate), then store XML and plan. The version is
 * taken under a per-key lock, so concurrent deploys never share one. The
 * key's draft, now deployed, is removed.
 */
export async function deploy(ctx: RequestContext, xml: string): Promise<DefinitionSummary & { warnings: DefinitionProblem[] }> {
  if (!ctx.ability.can('create', 'ProcessDefinition') && !ctx.ability.can('update', 'ProcessDefinition')) mayWrite(ctx, 'create');
  const { definitions, key, name, problems, warnings, decisions } = await examine(ctx, xml, 'deployed');
  if (problems.length) throw new DefinitionProblemsError(problems, 'deployed');
  const plan = compileDefinition(definitions, 0, decisions);
  await lockKey(ctx.trx, ctx.principal.tenantId, key);
  mayWrite(ctx, (await keyExists(ctx.trx, key)) ? 'update' : 'create');
  const retired = await retirementOf(ctx.trx, key);
  if (retired) throw new ProcessRetiredError(key, retired.retiredAt, 'deploy');
  const latest = await table(ctx.trx).where({ key }).max('version as max').first();
  const version = Number(latest?.max ?? 0) + 1;
  const [row] = await table(ctx.trx).insert({
    tenantId: ctx.principal.tenantId, key, version, status: 'deployed', name, xml, plan: JSON.stringify({ ...plan, version }),
    deployedBy: ctx.principal.userId, deployedAt: ctx.trx.fn.now(), createdBy: ctx.principal.userId,
  }).returning([...SUMMARY]);
  await table(ctx.trx).where({ key, status: 'draft' }).delete();
  return { ...summary(row), warnings };
}

/** Every key of the tenant, sorted by key. */
export async function listDefinitions(ctx: RequestContext): Promise<DefinitionListItem[]> {
  mayRead(ctx);
  const rows: Array<Record<string, unknown>> = await table(ctx.trx)
    .select('key', 'version', 'status', 'name', 'deployedAt', 'deployedBy', 'updatedAt', 'retiredAt', 'retiredBy')
    .orderBy([{ column: 'key' }, { column: 'version', order: 'desc', nulls: 'last' }]);
  const byKey = new Map<string, DefinitionListItem>();
  for (const row of rows) {
    const key = row.key as string;
    let item = byKey.get(key);
    if (!item) {
      item = { key, name: null, latestVersion: null, versions: 0, hasDraft: false, deployedAt: null, deployedBy: null, draftSavedAt: null, retiredAt: null, retiredBy: null };
      byKey.set(key, item);
    }
    if (row.status === 'draft') {
      item.hasDraft = true;
      item.draftSavedAt = iso(row.updatedAt);
      item.name ??= (row.name as string | null) ?? null;
      continue;
    }
    item.versions += 1;
    if (item.latestVersion === null) {
      // Rows come newest version first: the first deployed row names the key.
      item.latestVersion = row.version as number;
      item.name = (row.name as string | null) ?? null;
      item.deployedAt = iso(row.deployedAt);
      item.deployedBy = (row.deployedBy as string | null) ?? null;
      item.retiredAt = iso(row.retiredAt);
      item.retiredBy = (row.retiredBy as string | null) ?? null;
    }
  }
  return [...byKey.values()];
}

/** The draft (first, if any) and every deployed version of a key, newest first. */
export async function listVersions(ctx: RequestContext, key: string): Promise<DefinitionVersion[]> {
  mayRead(ctx);
  const rows: Array<Record<string, unknown>> = await table(ctx.trx).where({ key })
    .select(...SUMMARY, 'deployedBy', 'createdBy', 'createdAt', 'updatedAt')
    .orderBy([{ column: 'version', order: 'desc', nulls: 'first' }]);
  if (rows.length === 0) throw new NotFoundError(processMessage('definitions.not-found', { key, version: 'any' }));
  return rows.map((row) => ({
    ...summary(row), deployedBy: (row.deployedBy as string | null) ?? null, createdBy: (row.createdBy as string | null) ?? null,
    createdAt: iso(row.createdAt)!, updatedAt: iso(row.updatedAt)!,
  }));
}

function byRef(query: Knex.QueryBuilder, version: VersionRef): Knex.QueryBuilder {
  if (version === 'draft') return query.where({ status: 'draft' });
  if (version === 'latest') return query.where({ status: 'deployed' }).orderBy('version', 'desc');
  return query.where({ version });
}

function describe(key: string, version: VersionRef): Message {
  return processMessage('definitions.not-found', { key, version });
}

/** The BPMN XML of a version, the latest one or the draft. */
export async function getXml(ctx: RequestContext, key: string, version: VersionRef): Promise<string> {
  mayRead(ctx);
  const row = await byRef(table(ctx.trx).where({ key }), version).first('xml');
  if (!row) throw new NotFoundError(describe(key, version));
  return row.xml as string;
}

/** The compiled plan of a version for the API (permission checked; 404 when missing). */
export async function readPlan(ctx: RequestContext, key: string, version: number | 'latest'): Promise<Plan> {
  mayRead(ctx);
  const plan = await getPlan(ctx.trx, key, version);
  if (!plan) throw new NotFoundError(describe(key, version));
  return plan;
}

/**
 * The latest deployed plans whose process starts on this message (a message
 * start event), with that event's id. RLS keeps the lookup in the tenant.
 */
export async function plansStartedBy(trx: Knex | Knex.Transaction, messageName: string): Promise<Array<{ plan: Plan; startAt: string }>> {
  // A retired key starts on no message.
  const rows: Array<{ plan: Plan }> = await table(trx).where({ status: 'deployed' }).whereNull('retiredAt')
    .whereRaw('version = (select max(d.version) from process_definitions d where d.key = process_definitions.key and d.status = ?)', ['deployed'])
    .select('plan');
  return startEventsOf(rows, (trigger) => trigger.type === 'message' && trigger.messageName === messageName);
}

/**
 * The latest deployed, not retired, plans whose process starts on this signal
 * (a signal start event at the root), with that event's id. RLS keeps the lookup in the tenant.
 */
export async function plansStartedBySignal(trx: Knex | Knex.Transaction, signalName: string): Promise<Array<{ plan: Plan; startAt: string }>> {
  const rows: Array<{ plan: Plan }> = await table(trx).where({ status: 'deployed' }).whereNull('retiredAt')
    .whereRaw('version = (select max(d.version) from process_definitions d where d.key = process_definitions.key and d.status = ?)', ['deployed'])
    .select('plan');
  return startEventsOf(rows, (trigger) => trigger.type === 'signal' && trigger.signalName === signalName);
}

type StartTrigger = Extract<Plan['nodes'][string], { kind: 'startEvent' }>['trigger'];

function startEventsOf(rows: Array<{ plan: Plan }>, starts: (trigger: StartTrigger) => boolean): Array<{ plan: Plan; startAt: string }> {
  const found: Array<{ plan: Plan; startAt: string }> = [];
  for (const { plan } of rows) {
    for (const id of plan.root.startNodeIds) {
      const node = plan.nodes[id];
      if (node?.kind === 'startEvent' && starts(node.trigger)) found.push({ plan, startAt: id });
    }
  }
  return found;
}

/**
 * The compiled plan of a deployed version of a key (by default the latest),
 * or undefined. No permission check: for the engine and for code that has
 * checked already. `trx` must be scoped to the tenant (withTenant): row-level
 * security keeps other tenants' definitions out.
 */
export async function getPlan(trx: Knex | Knex.Transaction, key: string, version: number | 'latest' = 'latest'): Promise<Plan | undefined> {
  const row = await byRef(table(trx).where({ key }), version).first('plan');
  return row ? (row.plan as Plan) : undefined;
}

/** When and by whom a key was retired, or null while it may start instances. No permission check (the engine uses it). */
export async function retirementOf(trx: Knex | Knex.Transaction, key: string): Promise<{ retiredAt: Date; retiredBy: string | null } | null> {
  const row = await table(trx).where({ key, status: 'deployed' }).whereNotNull('retiredAt').first('retiredAt', 'retiredBy');
  return row ? { retiredAt: row.retiredAt as Date, retiredBy: (row.retiredBy as string | null) ?? null } : null;
}

/** What a retire or a reactivate answers. */
export interface RetirementState { key: string; retired: boolean; retiredAt: string | null; retiredBy: string | null }

async function requireDeployedKey(ctx: RequestContext, key: string): Promise<void> {
  if (await table(ctx.trx).where({ key, status: 'deployed' }).first('id')) return;
  if (await keyExists(ctx.trx, key)) throw new ConflictError(processMessage('definitions.only-draft', { key }));
  throw new NotFoundError(processMessage('definitions.not-found', { key, version: 'any' }));
}

/**
 * Retires a key: no new instance starts (API, message start events, timer
 * starts, call activities); running instances continue. Retiring a retired
 * key changes nothing.
 */
export async function retire(ctx: RequestContext, key: string): Promise<RetirementState> {
  mayWrite(ctx, 'update');
  await lockKey(ctx.trx, ctx.principal.tenantId, key);
  await requireDeployedKey(ctx, key);
  const already = await retirementOf(ctx.trx, key);
  if (!already) await table(ctx.trx).where({ key }).update({ retiredAt: ctx.trx.fn.now(), retiredBy: ctx.principal.userId });
  const now = already ?? (await retirementOf(ctx.trx, key))!;
  return { key, retired: true, retiredAt: iso(now.retiredAt), retiredBy: now.retiredBy };
}

/** Lets a retired key start instances again (its latest deployed version). */
export async function reactivate(ctx: RequestContext, key: string): Promise<RetirementState & { latestVersion: number }> {
  mayWrite(ctx, 'update');
  await lockKey(ctx.trx, ctx.principal.tenantId, key);
  await requireDeployedKey(ctx, key);
  await table(ctx.trx).where({ key }).update({ retiredAt: null, retiredBy: null });
  const latest = await table(ctx.trx).where({ key, status: 'deployed' }).max('version as max').first();
  return { key, retired: false, retiredAt: null, retiredBy: null, latestVersion: Number(latest?.max) };
}

/**
 * Deletes the draft of a key (the modeler's unsaved work). Deployed versions
 * are never deleted: instances ran them and their history names them.
 */
export async function deleteDraft(ctx: RequestContext, key: string): Promise<void> {
  if (!ctx.ability.can('delete', 'ProcessDefinition') && !ctx.ability.can('update', 'ProcessDefinition')) {
    throw new ForbiddenError(processMessage('definitions.forbidden-delete-draft'));
  }
  await lockKey(ctx.trx, ctx.principal.tenantId, key);
  const deleted = await table(ctx.trx).where({ key, status: 'draft' }).delete();
  if (!deleted) throw new NotFoundError(describe(key, 'draft'));
}

/** A deployed version cannot be deleted: the answer says what to do instead. */
export async function refuseVersionDelete(ctx: RequestContext, key: string, version: number): Promise<never> {
  mayRead(ctx);
  if (!(await table(ctx.trx).where({ key, version }).first('id'))) throw new NotFoundError(describe(key, version));
  throw new ConflictError(processMessage('definitions.version-kept', { key, version }));
}
