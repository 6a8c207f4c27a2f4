import type { RequestContext } from '../core/record-service';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../errors';
import { audit } from '../identity/audit-log';
import type { ConsentTextInput } from './consent.schemas';
import { consentMessage } from './consent.messages';
import { findPurpose } from './consent-purposes';

/**
 * The organisation's texts of consent, versioned per purpose (docs/adr/0024): each new text is the purpose's
 * next version and becomes its current one. A text some entry of the ledger names is the proof of what the
 * person read: it no longer changes nor goes (409); the data protection officer publishes a new version.
 */
type Row = Record<string, unknown>;

function present(r: Row) {
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v ?? null);
  return {
    id: String(r.id), purpose: String(r.purpose), version: Number(r.version), title: String(r.title), body: String(r.body),
    createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt), used: Boolean(r.used),
  };
}

function need(ctx: RequestContext, action: 'read' | 'create' | 'update' | 'delete'): void {
  if (!ctx.ability.can(action, 'ConsentText')) throw new ForbiddenError(consentMessage('gdpr.consent.forbidden-texts'));
}

function withUse(ctx: RequestContext) {
  return ctx.trx('gdprConsentTexts as t')
    .select('t.*', ctx.trx.raw('exists (select 1 from gdpr_consent_entries e where e.text_id = t.id) as used'));
}

export async function listConsentTexts(ctx: RequestContext, purpose?: string) {
  need(ctx, 'read');
  const q = withUse(ctx).orderBy([{ column: 't.purpose' }, { column: 't.version', order: 'desc' }]);
  if (purpose) q.where('t.purpose', purpose);
  return (await q).map(present);
}

export async function getConsentText(ctx: RequestContext, id: string) {
  need(ctx, 'read');
  const row = await withUse(ctx).where('t.id', id).first();
  if (!row) throw new NotFoundError({ fr: 'texte de consentement', en: 'consent text' });
  return present(row);
}

export async function createConsentText(ctx: RequestContext, input: ConsentTextInput) {
  need(ctx, 'create');
  const tenant = await ctx.trx('tenants').first('verticals');
  if (!findPurpose((tenant?.verticals as string[]) ?? [], input.purpose)) {
    throw new UnprocessableError(consentMessage('gdpr.consent.unknown-purpose', { purpose: input.purpose }));
  }
  // One writer at a time per organisation and purpose: the version numbers follow each other.
  await ctx.trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`gdpr-consent-text/${ctx.principal.tenantId}/${input.purpose}`]);
  const last = await ctx.trx('gdprConsentTexts').where({ purpose: input.purpose }).max('version as v').first();
  const [row] = await ctx.trx('gdprConsentTexts').insert({
    tenantId: ctx.principal.tenantId, purpose: input.purpose, version: Number(last?.v ?? 0) + 1, title: input.title, body: input.body, createdBy: ctx.principal.userId,
  }).returning('id');
  await audit(ctx.trx, { tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: 'gdpr.consent-text.create', targetType: 'consent-text', targetId: row.id, details: { purpose: input.purpose } });
  return getConsentText(ctx, row.id);
}

async function unused(ctx: RequestContext, id: string) {
  const current = await getConsentText(ctx, id);
  await ctx.trx('gdprConsentTexts').where({ id }).forUpdate().first('id');
  if (current.used || await ctx.trx('gdprConsentEntries').where({ textId: id }).first('id')) throw new ConflictError(consentMessage('gdpr.consent.text-used'));
  return current;
}

export async function updateConsentText(ctx: RequestContext, id: string, input: Omit<ConsentTextInput, 'purpose'>) {
  need(ctx, 'update');
  await unused(ctx, id);
  await ctx.trx('gdprConsentTexts').where({ id }).update({ title: input.title, body: input.body, updatedAt: ctx.trx.fn.now() });
  await audit(ctx.trx, { tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: 'gdpr.consent-text.update', targetType: 'consent-text', targetId: id, details: {} });
  return getConsentText(ctx, id);
}

export async function deleteConsentText(ctx: RequestContext, id: string): Promise<void> {
  need(ctx, 'delete');
  await unused(ctx, id);
  await ctx.trx('gdprConsentTexts').where({ id }).delete();
  await audit(ctx.trx, { tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: 'gdpr.consent-text.delete', targetType: 'consent-text', targetId: id, details: {} });
}
