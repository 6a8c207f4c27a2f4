import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { env } from '../../config/env';
import { loadFor, type RequestContext } from '../core/record-service';
import { DomainError, NotFoundError } from '../errors';
import type { Locale } from '../i18n/messages';
import { anonymisationMessage as m } from './anonymisation.messages';
import { auditMissions } from './missions';

/**
 * The report's delivery (issue 16, docs/adr/0039-audit-anonymisation.md): a download link for the client,
 * `GET /api/v1/audits/deliveries/{token}`, valid until `expires_at` (410 after). The token is 32 random-looking
 * bytes; only its SHA-256 is stored. It is derived (HMAC) from the platform's secret and the delivering task's
 * idempotency key, so a retried task mails the same link and the row is written once.
 */
const DAY = 86_400_000;

export const tokenHash = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

export function deliveryToken(tenantId: string, idempotencyKey: string, secret = env().RELAIS_SECRET_KEY ?? ''): string {
  if (secret.length < 32) throw new Error('RELAIS_SECRET_KEY is not set: delivery links need it.');
  const key = Buffer.from(crypto.hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from(tenantId, 'utf8'), 'relais audit delivery v1', 32));
  return crypto.createHmac('sha256', key).update(idempotencyKey).digest('base64url');
}

export interface PreparedDelivery {
  deliveryId: string;
  expiresAt: Date;
  recipient: { email: string; contactId: string } | null;
  title: string;
  firm: string;
  locale: Locale;
}

/** The client's contact the report goes to: a contact of the mission's account with an e-mail (the one assigned to communications first). */
async function recipientOf(trx: Knex.Transaction, accountId: string): Promise<{ email: string; contactId: string } | null> {
  const contact = await trx('contacts as c').where('c.accountId', accountId).whereNotNull('c.email')
    .orderByRaw("(exists (select 1 from contact_assignments a where a.contact_id = c.id and a.purpose = 'communications')) desc, c.created_at, c.id")
    .first('c.id', 'c.email');
  return contact ? { email: String(contact.email), contactId: String(contact.id) } : null;
}

/** Writes the link (once per mission: a second delivery answers the first) and sets `delivered_at` at the process's instant, if not set — never moved after. */
export async function prepareDelivery(ctx: RequestContext, missionId: string, token: string, linkDays: number, now: Date): Promise<PreparedDelivery> {
  const mission = await loadFor(ctx, auditMissions, missionId, 'read', true);
  const recipient = await recipientOf(ctx.trx, String(mission.accountId));
  const tenant: { name: string; locale: string } = await ctx.trx('tenants').first('name', 'locale');
  await ctx.trx('auditDeliveries').insert({
    tenantId: ctx.principal.tenantId, missionId, tokenSha256: tokenHash(token), recipient: recipient?.email ?? null, expiresAt: new Date(now.getTime() + linkDays * DAY),
  }).onConflict(['tenantId', 'missionId']).ignore();
  const row = await ctx.trx('auditDeliveries').where({ missionId }).first('id', 'expiresAt');
  await ctx.trx('auditMissions').where({ id: missionId }).whereNull('deliveredAt').update({ deliveredAt: now });
  return { deliveryId: String(row.id), expiresAt: row.expiresAt as Date, recipient, title: String(mission.title), firm: tenant.name, locale: tenant.locale === 'en' ? 'en' : 'fr' };
}

export async function noteDeliveryMail(trx: Knex.Transaction, deliveryId: string, messageId: string): Promise<void> {
  await trx('auditDeliveries').where({ id: deliveryId }).whereNull('messageId').update({ messageId });
}

export class LinkGone extends DomainError {
  constructor() {
    super(m('audits.delivery.expired'), 410, 'link-expired');
  }
}

/** The link a token opens, before the organisation is known (a security-definer lookup by the hash): 404 unknown, 410 expired. */
export async function deliveryByToken(knex: Knex, token: string, now: Date): Promise<{ tenantId: string; missionId: string }> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new NotFoundError(m('audits.delivery.unknown'));
  const { rows } = await knex.raw<{ rows: Array<{ tenant_id: string; mission_id: string; expires_at: Date }> }>('select * from audit_delivery_by_token(?)', [tokenHash(token)]);
  const row = rows[0];
  if (!row) throw new NotFoundError(m('audits.delivery.unknown'));
  if (row.expires_at.getTime() <= now.getTime()) throw new LinkGone();
  return { tenantId: row.tenant_id, missionId: row.mission_id };
}

/** Counts a download (the firm sees the report was fetched). */
export async function noteDownload(trx: Knex.Transaction, missionId: string, now: Date): Promise<void> {
  await trx('auditDeliveries').where({ missionId }).increment('downloads', 1).update({ lastDownloadedAt: now });
}
