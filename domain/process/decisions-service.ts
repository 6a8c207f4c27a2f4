import type { Knex } from 'knex';
import { FeelError } from '../../kernel/process/feel';
import { traceDecision, type DecisionPlan, type DecisionTrace } from '../../kernel/process/decision-table';
import type { RequestContext } from '../core/record-service';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../errors';
import type { DefinitionProblem } from './bpmn-model';
import { DefinitionTooLargeError } from './definition-errors';
import { compileDmn } from './dmn-compiler';
import { decisionMessage } from './decision.messages';
import { feelFailure } from './feel-failure';
import { processMessage } from './process.messages';

/** One decision of a deployed file. */
export interface DecisionSummary {
  decisionId: string;
  name: string | null;
  /** The file's key (its <definitions> id). */
  key: string;
  version: number;
  kind: DecisionPlan['kind'];
  hitPolicy: string | null;
  /** The decisions it reads, directly. */
  requiredDecisions: string[];
  deployedAt: string;
}

/** What a deploy answers. */
export interface DecisionDeployment {
  id: string;
  key: string;
  name: string | null;
  version: number;
  deployedAt: string;
  decisions: DecisionSummary[];
}

export interface DecisionListItem extends DecisionSummary {
  /** How many versions of the decision exist. */
  versions: number;
}

/** The file cannot be deployed as it is: every problem, each on its element. */
export class DecisionProblemsError extends UnprocessableError {
  constructor(problems: DefinitionProblem[]) {
    super(processMessage('definitions.has-problems', { what: 'decision', count: problems.length, shown: problems.slice(0, 3) }), { problems });
  }
}

const files = (trx: Knex | Knex.Transaction) => trx('decisionRequirements');
const decisions = (trx: Knex | Knex.Transaction) => trx('decisionDefinitions');

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

function summary(row: Record<string, unknown>): DecisionSummary {
  const plan = row.plan as DecisionPlan;
  return {
    decisionId: row.decisionId as string, name: (row.name as string | null) ?? null, key: row.requirementsKey as string, version: row.version as number,
    kind: plan.kind, hitPolicy: plan.kind === 'decisionTable' ? plan.hitPolicy : null,
    requiredDecisions: (plan.requiredDecisions ?? []).map((d) => d.id), deployedAt: iso(row.deployedAt),
  };
}

function mayRead(ctx: RequestContext): void {
  if (!ctx.ability.can('read', 'ProcessDefinition')) {
    throw new ForbiddenError(processMessage('decisions.forbidden-read'));
  }
}

/**
 * Deploys a DMN file as the next version of its key (the <definitions> id):
 * compiled first (any problem refuses it, 422; over 1 MB, 413), then stored
 * with one row per decision. Deploys of a tenant are serialised, so versions
 * are never shared and a decision id cannot be taken by two files at once:
 * a decision id belongs to the file that first deployed it.
 */
export async function deployDecisions(ctx: RequestContext, xml: string): Promise<DecisionDeployment> {
  if (!ctx.ability.can('create', 'ProcessDefinition') && !ctx.ability.can('update', 'ProcessDefinition')) {
    throw new ForbiddenError(processMessage('decisions.forbidden-create'));
  }
  const compiled = await compileDmn(xml);
  if (compiled.tooLarge) throw new DefinitionTooLargeError(compiled.problems);
  if (compiled.problems.length || !compiled.key) throw new DecisionProblemsError(compiled.problems);
  const key = compiled.key;
  const { trx } = ctx;

  await trx.raw("select pg_advisory_xact_lock(hashtext('decision_definitions'), hashtext(?))", [ctx.principal.tenantId]);
  const ids = Object.keys(compiled.decisions);
  const taken: Array<{ decisionId: string; requirementsKey: string }> = await decisions(trx).whereIn('decisionId', ids).whereNot('requirementsKey', key)
    .distinct('decisionId', 'requirementsKey').orderBy('decisionId');
  if (taken.length) {
    throw new DecisionProblemsError(taken.map((t) => ({
      elementId: t.decisionId, rule: 'dmn/decision-id-taken',
      message: decisionMessage('dmn.decision-taken', { decisionId: t.decisionId, requirementsKey: t.requirementsKey }),
    })));
  }
  const latest = await files(trx).where({ key }).max('version as max').first();
  const version = Number(latest?.max ?? 0) + 1;
  const [file] = await files(trx).insert({
    tenantId: ctx.principal.tenantId, key, version, name: compiled.name, xml, deployedBy: ctx.principal.userId,
  }).returning(['id', 'deployedAt']);
  const rows = await decisions(trx).insert(Object.values(compiled.decisions).map((plan) => ({
    tenantId: ctx.principal.tenantId, requirementsId: file.id, requirementsKey: key, decisionId: plan.id, version,
    name: plan.name ?? null, plan: JSON.stringify(plan), deployedAt: file.deployedAt,
  }))).returning(['decisionId', 'name', 'requirementsKey', 'version', 'plan', 'deployedAt']);
  return { id: file.id, key, name: compiled.name, version, deployedAt: iso(file.deployedAt), decisions: rows.map(summary) };
}

/** Every decision of the tenant at its latest version, by id. */
export async function listDecisions(ctx: RequestContext): Promise<DecisionListItem[]> {
  mayRead(ctx);
  const rows: Array<Record<string, unknown>> = await decisions(ctx.trx)
    .select('decisionId', 'name', 'requirementsKey', 'version', 'plan', 'deployedAt', ctx.trx.raw('count(*) over (partition by decision_id)::int as versions'))
    .orderBy([{ column: 'decisionId' }, { column: 'version', order: 'desc' }]);
  const latest = new Map<string, DecisionListItem>();
  for (const row of rows) {
    if (!latest.has(row.decisionId as string)) latest.set(row.decisionId as string, { ...summary(row), versions: row.versions as number });
  }
  return [...latest.values()];
}

async function latestRow(trx: Knex.Transaction, decisionId: string, version: number | 'latest'): Promise<Record<string, unknown> | undefined> {
  const query = decisions(trx).where({ decisionId }).select('decisionId', 'name', 'requirementsKey', 'version', 'plan', 'deployedAt');
  return version === 'latest' ? query.orderBy('version', 'desc').first() : query.where({ version }).first();
}

/** A decision's version (the latest by default) with its compiled plan. */
export async function getDecision(ctx: RequestContext, decisionId: string, version: number | 'latest' = 'latest'): Promise<DecisionSummary & { plan: DecisionPlan }> {
  mayRead(ctx);
  const row = await latestRow(ctx.trx, decisionId, version);
  if (!row) throw new NotFoundError(processMessage('decisions.not-found', { decisionId, version: version === 'latest' ? null : version }));
  return { ...summary(row), plan: row.plan as DecisionPlan };
}

/**
 * Evaluates the latest version of a decision over the given variables, to
 * test a table before a process uses it: the result and, for each decision
 * evaluated (required ones first), the rules that matched. A decision that
 * cannot give a result (two rules of a UNIQUE table match, a FEEL error) is
 * a 422 saying why.
 */
export async function evaluateDeployedDecision(ctx: RequestContext, decisionId: string, variables: Record<string, unknown>): Promise<{ decisionId: string; version: number; result: unknown; decisions: DecisionTrace[] }> {
  const { plan, version } = await getDecision(ctx, decisionId);
  try {
    return { decisionId, version, ...traceDecision(plan, variables) };
  } catch (error) {
    if (error instanceof FeelError) throw new UnprocessableError(feelFailure(error), { decisionId, version });
    throw error;
  }
}

/**
 * For the BPMN compiler: the latest deployed version of each decision a
 * process's business rule tasks call (required decisions are embedded in
 * each plan), read in the deploy's transaction so the plan embeds them and
 * the workflow reads nothing. Decisions not deployed are absent from the
 * answer: the caller reports them as problems on its tasks.
 */
export async function loadDecisionsForDeploy(trx: Knex.Transaction, decisionIds: string[]): Promise<Record<string, DecisionPlan>> {
  const ids = [...new Set(decisionIds)];
  if (ids.length === 0) return {};
  const rows: Array<{ decisionId: string; plan: DecisionPlan }> = await decisions(trx).whereIn('decisionId', ids)
    .distinctOn('decisionId').select('decisionId', 'plan').orderBy([{ column: 'decisionId' }, { column: 'version', order: 'desc' }]);
  return Object.fromEntries(rows.map((r) => [r.decisionId, r.plan]));
}
