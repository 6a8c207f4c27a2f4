import { z } from 'zod';
import type { BulkItemMeta, BulkItemNote } from '../core/bulk-action';
import { requiredText } from '../core/fields';
import type { RequestContext } from '../core/record-service';
import { ConflictError, NotFoundError } from '../errors';
import { renderText } from '../i18n/messages';
import { telecomBulkMessage as b } from './bulk.messages';
import { createDeployment } from './deployments';
import { deploymentsMessage as dm } from './deployments.messages';

/** « Créer un déploiement » / « Commander une SIM » on selected lines: an optional title (no person in it) and, for SIMs, how many per line. */
export const createDeploymentParams = z.object({ title: requiredText(200).optional() }).strict();
export const orderSimParams = z.object({ title: requiredText(200).optional(), quantity: z.number().int().min(1).max(500).default(1) }).strict();

/** What an item needs beyond the line's: launching deployments (« lancer déploiement ») on the accounts. */
export const DEPLOYMENT_PERMISSIONS = ['telecom.deployment.read', 'telecom.deployment.create', 'telecom.line.read', 'core.account.read'];

interface LineRow { id: string; accountId: string; status: string; number: string | null }

/**
 * One line of a « créer un déploiement » run (docs/adr/0043): the selected lines go into one deployment per account,
 * created by the account's first line applied, with every line of that account still pending in the run (an
 * `order-sim` action per line when SIMs are ordered). The deployment's id is kept on each item's outcome, so a later
 * line of the account, a replayed chunk or « relancer » finds it and creates none more. A terminated line is refused
 * with its reason. The deployment stays in study: « Lancer » on it starts its process (which orders the SIMs through
 * the operator port).
 */
export async function lineIntoDeployment(ctx: RequestContext, lineId: string, params: { title?: string; quantity?: number }, meta: BulkItemMeta, orderSim: boolean): Promise<BulkItemNote> {
  const line = (await ctx.trx('telecomLines').where({ id: lineId }).first('id', 'accountId', 'status', 'number')) as LineRow | undefined;
  if (!line) throw new NotFoundError(dm('telecom.deployments.no-such-line', { index: 1 }));
  const kind = orderSim ? 'order-sim' : renderText(b('telecom.bulk.create-deployment'), 'fr');
  if (line.status === 'terminated') throw new ConflictError(dm('telecom.deployments.line-terminated', { number: line.number ?? line.id.slice(0, 8), kind }));
  // One creator per account and run at a time (a retried item may run beside its chunk).
  await ctx.trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`bulk-deployment/${meta.runId}/${line.accountId}`]);
  const made = (await ctx.trx('bulkRunItems as i').join('telecomLines as l', 'l.id', 'i.itemId')
    .where({ 'i.runId': meta.runId, 'i.outcome': 'done', 'l.accountId': line.accountId }).whereRaw("i.reason->>'deploymentId' is not null")
    .distinct(ctx.trx.raw("i.reason->>'deploymentId' as id"))) as Array<{ id: string }>;
  const existing = made.length ? (await ctx.trx('telecomDeployments').whereIn('id', made.map((r) => r.id)).select('id', 'number', 'lineIds')) as Array<{ id: string; number: number; lineIds: string[] }> : [];
  const holding = existing.find((d) => d.lineIds.includes(lineId));
  if (holding) return noteOf(holding);
  const taken = new Set(existing.flatMap((d) => d.lineIds));
  const pending = (await ctx.trx('bulkRunItems as i').join('telecomLines as l', 'l.id', 'i.itemId')
    .where({ 'i.runId': meta.runId, 'i.outcome': 'pending', 'l.accountId': line.accountId }).whereNot('l.status', 'terminated')
    .orderBy('i.position').select('l.id')) as Array<{ id: string }>;
  const lineIds = [...new Set([lineId, ...pending.map((r) => r.id)])].filter((id) => id === lineId || !taken.has(id));
  const title = params.title ?? renderText(b('telecom.bulk.deployment-title', { date: new Date().toISOString().slice(0, 10) }), 'fr');
  const created = await createDeployment(ctx, {
    accountId: line.accountId, title, lineIds, start: false,
    actions: orderSim ? lineIds.map((id) => ({ kind: 'order-sim' as const, lineId: id, params: { quantity: params.quantity ?? 1 } })) : [],
  });
  return noteOf({ id: created.id, number: created.number });
}

const noteOf = (d: { id: string; number: number }): BulkItemNote => ({ note: b('telecom.bulk.in-deployment', { number: d.number }), refs: { deploymentId: d.id } });
