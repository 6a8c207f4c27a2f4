import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';

/**
 * The first half of the MSP's mail intake: which organisation an address reaches, and storing a
 * received mail durably before the server acknowledges it (db/migrations/20261214001070_psa_mail_intake.ts).
 *
 * An organisation's intake address is `<anything>@<its slug>.<RELAIS_MAIL_DOMAIN>` (by default
 * `support@msp.relais.local`): the subdomain names the organisation, so no per-organisation setting
 * is needed and a client's mail can never reach another organisation. An MSP keeps its own public
 * address (support@its-domain.fr) by forwarding it there. Only organisations with the psa vertical
 * take mail.
 */
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The slug an address names under `mailDomain`, or null when it is not an intake address. */
export function slugOfIntakeAddress(address: string, mailDomain: string): string | null {
  const at = address.lastIndexOf('@');
  if (at <= 0) return null;
  const host = address.slice(at + 1).trim().toLowerCase().replace(/\.$/, '');
  const suffix = `.${mailDomain.toLowerCase()}`;
  if (!host.endsWith(suffix)) return null;
  const slug = host.slice(0, -suffix.length);
  return SLUG.test(slug) ? slug : null;
}

/** The address an organisation's clients write to (and reply to: outgoing ticket mail sets it as Reply-To). */
export function intakeAddressOf(slug: string, mailDomain: string): string {
  return `support@${slug}.${mailDomain.toLowerCase()}`;
}

/** The organisation (with the psa vertical) an address reaches; null for none. */
export async function tenantOfIntakeAddress(knex: Knex, address: string, mailDomain: string): Promise<string | null> {
  const slug = slugOfIntakeAddress(address, mailDomain);
  if (!slug) return null;
  const { rows } = await knex.raw<{ rows: Array<{ id: string | null }> }>('select psa_mail_intake_tenant(?) as id', [slug]);
  return rows[0]?.id ?? null;
}

/** The header block of a raw message, unfolded (RFC 5322 §2.2.3). */
function headerBlock(raw: Buffer): string {
  const text = raw.subarray(0, Math.min(raw.length, 256 * 1024)).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return (end >= 0 ? text.slice(0, end) : text).replace(/\r?\n[ \t]+/g, ' ');
}

/** A header's first value in the raw message, or null. */
export function rawHeader(raw: Buffer, name: string): string | null {
  const wanted = `${name.toLowerCase()}:`;
  const line = headerBlock(raw).split(/\r?\n/).find((l) => l.toLowerCase().startsWith(wanted));
  return line ? line.slice(wanted.length).trim() : null;
}

/**
 * The identity of a mail for idempotency: its Message-ID (`<…>`) when it has a sensible one, else a
 * digest of its bytes (the same mail delivered twice is the same bytes).
 */
export function messageIdOf(raw: Buffer): string {
  const header = rawHeader(raw, 'message-id');
  const found = header?.match(/<[^<>\s]{3,400}>/)?.[0];
  return found ?? `<${crypto.createHash('sha256').update(raw).digest('hex')}@relais.inbound>`;
}

export interface StoredMail {
  tenantId: string;
  id: string;
  /** false: this Message-ID was already stored for that organisation (a duplicate delivery). */
  created: boolean;
}

/**
 * Stores a mail for each organisation its recipients reach (one row per organisation and Message-ID),
 * each in its own committed transaction. Resolves only once every row is written: the caller may then
 * acknowledge the mail. A repeated delivery writes nothing and answers the rows already there.
 */
export async function storeInboundMail(knex: Knex, mail: { mailFrom: string | null; recipients: readonly string[]; raw: Buffer }, mailDomain: string): Promise<StoredMail[]> {
  const byTenant = new Map<string, string>();
  for (const recipient of mail.recipients) {
    const tenantId = await tenantOfIntakeAddress(knex, recipient, mailDomain);
    if (tenantId && !byTenant.has(tenantId)) byTenant.set(tenantId, recipient.toLowerCase());
  }
  const messageId = messageIdOf(mail.raw);
  const stored: StoredMail[] = [];
  for (const [tenantId, recipient] of byTenant) {
    stored.push(await withTenant({ tenantId }, async (trx) => {
      const [row] = await trx('psaInboundMails').insert({
        tenantId, messageId, envelopeFrom: mail.mailFrom?.toLowerCase() ?? null, envelopeTo: recipient, raw: mail.raw, sizeBytes: mail.raw.length,
      }).onConflict(['tenantId', 'messageId']).ignore().returning('id');
      if (row) return { tenantId, id: row.id as string, created: true };
      const existing = await trx('psaInboundMails').where({ messageId }).first('id');
      return { tenantId, id: existing.id as string, created: false };
    }, knex));
  }
  return stored;
}
