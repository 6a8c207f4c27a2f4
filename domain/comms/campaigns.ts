import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { isUuid, readableQuery, type RequestContext } from '../core/record-service';
import { contacts } from '../core/resources';
import type { CampaignCreate, MessageStatus } from './comms.schemas';
import { ACCEPTED_STATUSES, FAILED_STATUSES, outcomeOf } from './message-status';
import { commsMessage } from './comms.messages';

/**
 * A campaign: one template sent to a list of contacts by the bulkSend
 * workflow. Recipients are fixed when it starts (a snapshot in
 * comms_campaign_recipients); each one's outcome is the status of the
 * message whose idempotency key is `campaign/<id>/<position>`.
 */
export const MAX_CAMPAIGN_RECIPIENTS = 10_000;

export function campaignWorkflowId(tenantId: string, campaignId: string): string {
  return `${tenantId}/comms-campaign/${campaignId}`;
}

export function campaignMessageKey(campaignId: string, position: number): string {
  return `campaign/${campaignId}/${position}`;
}

async function resolveRecipients(ctx: RequestContext, input: CampaignCreate): Promise<string[]> {
  const qb = readableQuery(ctx, contacts);
  if (!qb) throw new ForbiddenError(commsMessage('comms.forbidden-campaign-contacts'));
  qb.clearSelect().select('t.id').orderBy(['t.lastName', 't.id']);
  if (input.contactIds) qb.whereIn('t.id', [...new Set(input.contactIds)]);
  else if (input.filter?.accountIds) qb.whereIn('t.accountId', input.filter.accountIds);
  else if (!input.filter?.all) throw new ValidationError([{ field: 'filter', message: commsMessage('comms.field.give-recipients') }]);
  const ids = (await qb.limit(MAX_CAMPAIGN_RECIPIENTS + 1)).map((r: { id: string }) => r.id);
  if (input.contactIds && ids.length !== new Set(input.contactIds).size) {
    throw new ValidationError([{ field: 'contactIds', message: commsMessage('comms.field.hidden-contacts', { count: new Set(input.contactIds).size - ids.length }) }]);
  }
  if (ids.length > MAX_CAMPAIGN_RECIPIENTS) throw new ValidationError([{ field: 'filter', message: commsMessage('comms.field.too-many-recipients', { max: MAX_CAMPAIGN_RECIPIENTS }) }]);
  if (!ids.length) throw new ValidationError([{ field: 'filter', message: commsMessage('comms.field.no-recipient') }]);
  return ids;
}

export async function createCampaign(ctx: RequestContext, input: CampaignCreate, ratePerMinuteOf: (channel: 'sms' | 'mail') => Promise<number>) {
  if (!ctx.ability.can('create', 'Message')) throw new ForbiddenError(commsMessage('comms.forbidden-send'));
  const template = isUuid(input.templateId) ? await ctx.trx('commsTemplates').where({ id: input.templateId }).first() : undefined;
  if (!template) throw new ValidationError([{ field: 'templateId', message: commsMessage('comms.field.no-such-template') }]);
  const recipients = await resolveRecipients(ctx, input);
  const id = crypto.randomUUID();
  const tenantId = ctx.principal.tenantId;
  const ratePerMinute = await ratePerMinuteOf(template.channel);
  const [campaign] = await ctx.trx('commsCampaigns').insert({
    id, tenantId, name: input.name, channel: template.channel, templateId: template.id, workflowId: campaignWorkflowId(tenantId, id),
    total: recipients.length, ratePerMinute, createdBy: ctx.principal.userId,
  }).returning('*');
  const rows = recipients.map((contactId, i) => ({ tenantId, campaignId: id, position: i + 1, contactId }));
  for (let i = 0; i < rows.length; i += 1000) await ctx.trx('commsCampaignRecipients').insert(rows.slice(i, i + 1000));
  return { campaign, template };
}

/**
 * The next recipients after a position (the workflow reads them page by page).
 * The API starts the workflow inside the transaction that creates the
 * campaign: until that commits, the campaign is invisible here, and the
 * error makes Temporal retry instead of the workflow finding nobody to send to.
 */
export async function campaignBatch(trx: Knex.Transaction, campaignId: string, afterPosition: number, limit: number) {
  if (!(await trx('commsCampaigns').where({ id: campaignId }).first('id'))) {
    throw new Error(`Campaign ${campaignId} is not visible yet (its creation has not committed); retrying.`);
  }
  return trx('commsCampaignRecipients').where({ campaignId }).where('position', '>', afterPosition)
    .orderBy('position').limit(limit).select('position', 'contactId');
}

export async function finishCampaign(trx: Knex.Transaction, campaignId: string): Promise<void> {
  await trx('commsCampaigns').where({ id: campaignId, status: 'running' }).update({ status: 'completed', completedAt: trx.fn.now() });
}

function present(row: Record<string, unknown>) {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v ?? null);
  return {
    id: row.id, name: row.name, channel: row.channel, templateId: row.templateId, workflowId: row.workflowId, status: row.status,
    total: row.total, ratePerMinute: row.ratePerMinute, createdBy: row.createdBy ?? null, createdAt: iso(row.createdAt), completedAt: iso(row.completedAt),
  };
}

export async function listCampaigns(ctx: RequestContext) {
  if (!ctx.ability.can('read', 'Message')) throw new ForbiddenError(commsMessage('comms.forbidden-read'));
  return (await ctx.trx('commsCampaigns').orderBy('createdAt', 'desc').limit(100)).map(present);
}

interface RecipientRow {
  position: number; contactId: string; firstName: string | null; lastName: string | null;
  messageId: string | null; status: MessageStatus | null; recipient: string | null; errorReason: string | null;
}

/** Counts by outcome and, page by page, each recipient's outcome and reason. */
export async function campaignReport(ctx: RequestContext, id: string, page: { afterPosition: number; limit: number }) {
  if (!ctx.ability.can('read', 'Message')) throw new ForbiddenError(commsMessage('comms.forbidden-read'));
  const campaign = isUuid(id) ? await ctx.trx('commsCampaigns').where({ id }).first() : undefined;
  if (!campaign) throw new NotFoundError({ fr: 'campagne', en: 'campaign' });
  const join = (qb: Knex.QueryBuilder) => qb.from('commsCampaignRecipients as r')
    .leftJoin('messages as m', 'm.idempotencyKey', ctx.trx.raw("'campaign/' || r.campaign_id || '/' || r.position"))
    .where('r.campaignId', id);
  const accepted = ACCEPTED_STATUSES.map(() => '?').join(',');
  const failed = FAILED_STATUSES.map(() => '?').join(',');
  const [counts] = await join(ctx.trx.queryBuilder()).select(ctx.trx.raw(`
    count(*) filter (where m.status is null or m.status = 'pending')::int as pending,
    count(*) filter (where m.status in (${accepted}))::int as sent,
    count(*) filter (where m.status = 'refused')::int as refused,
    count(*) filter (where m.status in (${failed}))::int as failed`, [...ACCEPTED_STATUSES, ...FAILED_STATUSES]));
  const rows = await join(ctx.trx.queryBuilder())
    .leftJoin('contacts as c', 'c.id', 'r.contactId')
    .where('r.position', '>', page.afterPosition).orderBy('r.position').limit(page.limit)
    .select('r.position', 'r.contactId', 'c.firstName', 'c.lastName', 'm.id as messageId', 'm.status', 'm.recipient', 'm.errorReason');
  const recipients = (rows as RecipientRow[]).map((r) => ({
    position: r.position, contactId: r.contactId, name: [r.firstName, r.lastName].filter(Boolean).join(' ') || null,
    outcome: outcomeOf(r.status), status: r.status ?? null, recipient: r.recipient ?? null, reason: r.errorReason ?? null, messageId: r.messageId ?? null,
  }));
  const last = recipients[recipients.length - 1];
  return {
    ...present(campaign), counts,
    recipients, nextAfter: recipients.length === page.limit && last ? last.position : null,
  };
}
