import { ValidationError } from '../errors';
import { appendHistory } from './history';
import { loadFor, type RequestContext } from './record-service';
import { contacts } from './resources';
import type { ContactAssignmentCreate } from './contact.schema';
import { coreMessage } from '../i18n/core.messages';

const COLUMNS = ['id', 'contactId', 'purpose', 'siteId', 'billingSiteId', 'createdAt'];

function present(row: Record<string, unknown>) {
  return Object.fromEntries(COLUMNS.map((c) => [c, row[c] instanceof Date ? (row[c] as Date).toISOString() : row[c] ?? null]));
}

export async function listAssignments(ctx: RequestContext, contactId: string) {
  await loadFor(ctx, contacts, contactId, 'read');
  const rows = await ctx.trx('contactAssignments').where({ contactId }).orderBy('createdAt');
  return rows.map(present);
}

/** Assigns a contact of an account to one of that account's sites, its billing, support… (spec 002 §4.3). */
export async function assignContact(ctx: RequestContext, contactId: string, input: ContactAssignmentCreate) {
  const contact = await loadFor(ctx, contacts, contactId, 'update');
  if (input.siteId) {
    const site = await ctx.trx('sites').where({ id: input.siteId, accountId: contact.accountId }).first('id');
    if (!site) throw new ValidationError([{ field: 'siteId', message: coreMessage('field.contact-account', { what: 'site' }) }]);
  }
  if (input.billingSiteId) {
    const billing = await ctx.trx('billingSites').where({ id: input.billingSiteId, accountId: contact.accountId }).first('id');
    if (!billing) throw new ValidationError([{ field: 'billingSiteId', message: coreMessage('field.contact-account', { what: 'billing site' }) }]);
  }
  const [row] = await ctx.trx('contactAssignments')
    .insert({ tenantId: ctx.principal.tenantId, contactId, purpose: input.purpose, siteId: input.siteId ?? null, billingSiteId: input.billingSiteId ?? null })
    .returning('*');
  await recordOnBoth(ctx, 'assign', String(contact.accountId), row);
  return present(row);
}

/**
 * An assignment given or withdrawn is on the contact's timeline and on its account's, where the
 * panel shows it (« a retiré l'affectation de Jean Dupont — Site : Dépôt Vannes »).
 */
async function recordOnBoth(ctx: RequestContext, action: 'assign' | 'unassign', accountId: string, row: Record<string, unknown>): Promise<void> {
  const what = { purpose: row.purpose, siteId: row.siteId ?? null, billingSiteId: row.billingSiteId ?? null };
  const entry = { action, actorUserId: ctx.principal.userId, requestId: ctx.requestId };
  await appendHistory(ctx.trx, ctx.principal.tenantId, { ...entry, recordType: 'contact', recordId: String(row.contactId), changes: what });
  await appendHistory(ctx.trx, ctx.principal.tenantId, { ...entry, recordType: 'account', recordId: accountId, changes: { contactId: row.contactId, ...what } });
}

export async function unassignContact(ctx: RequestContext, contactId: string, assignmentId: string) {
  const contact = await loadFor(ctx, contacts, contactId, 'update');
  const removed = await ctx.trx('contactAssignments').where({ id: assignmentId, contactId }).delete().returning('*');
  if (!removed.length) throw new ValidationError([{ field: 'assignmentId', message: coreMessage('field.not-an-assignment') }]);
  await recordOnBoth(ctx, 'unassign', String(contact.accountId), removed[0]);
}
