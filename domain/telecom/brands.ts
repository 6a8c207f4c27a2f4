import type { Knex } from 'knex';
import type { RequestContext } from '../core/record-service';
import { ForbiddenError, NotFoundError, ruleViolation, StaleVersionError, versionMatches, type ExpectedVersion } from '../errors';
import { audit } from '../identity/audit-log';
import { brandsMessage as m } from './brands.messages';
import type { BrandingUpdate, BrandMember, BrandView } from './branding.schema';

/**
 * White-label brands (spec 002 §11, ADR 0046): each brand's logo, colours, mail sender and mail templates,
 * and its users. Read by who may read brands (`telecom.brand`), changed by who may update them; a partner's own
 * brand (for its screens' colours and logo) is read by anyone bound to it. Changes go to the audit log: who
 * belongs to a brand decides which clients they see.
 */
export const BRAND_SUBJECT = 'TelecomBrand';
export const MAX_LOGO_BYTES = 256 * 1024;
const NOT_FOUND = { fr: 'marque blanche', en: 'white-label brand' };

type Row = Record<string, unknown>;

function dataUrl(row: Row): string | null {
  const logo = row.logo as Buffer | null;
  return logo && row.logoContentType ? `data:${String(row.logoContentType)};base64,${logo.toString('base64')}` : null;
}

function present(row: Row, members?: BrandMember[]): BrandView {
  return {
    id: row.id as string, key: row.key as string, name: row.name as string, active: Boolean(row.active),
    branding: {
      primaryColor: (row.primaryColor as string | null) ?? null, secondaryColor: (row.secondaryColor as string | null) ?? null,
      mailSenderName: (row.mailSenderName as string | null) ?? null, mailTemplates: (row.mailTemplates as Record<string, string> | null) ?? {},
      logo: dataUrl(row), version: Number(row.brandingVersion ?? 0),
    },
    ...(members ? { members } : {}),
  };
}

function brandsQuery(trx: Knex.Transaction): Knex.QueryBuilder {
  return trx('telecomBrands as b').leftJoin('telecomBrandBrandings as g', 'g.brandId', 'b.id')
    .select('b.id', 'b.key', 'b.name', 'b.active', 'g.primaryColor', 'g.secondaryColor', 'g.mailSenderName', 'g.mailTemplates', 'g.logo', 'g.logoContentType', 'g.version as brandingVersion')
    .orderBy(['b.name', 'b.id']);
}

async function membersOf(trx: Knex.Transaction, brandIds: string[]): Promise<Map<string, BrandMember[]>> {
  const rows = brandIds.length ? await trx('telecomBrandUsers as m').join('users as u', 'u.id', 'm.userId').whereIn('m.brandId', brandIds)
    .orderBy('u.displayName').select('m.brandId', 'u.id', 'u.displayName', 'u.email', 'u.type') : [];
  const out = new Map<string, BrandMember[]>();
  for (const r of rows) out.set(r.brandId, [...(out.get(r.brandId) ?? []), { id: r.id, name: r.displayName, email: r.email, type: r.type }]);
  return out;
}

function mayRead(ctx: RequestContext): void {
  if (!ctx.ability.can('read', BRAND_SUBJECT)) throw new ForbiddenError(m('telecom.brands.read-forbidden'));
}
function mayUpdate(ctx: RequestContext): void {
  if (!ctx.ability.can('update', BRAND_SUBJECT)) throw new ForbiddenError(m('telecom.brands.update-forbidden'));
}

/** Every brand of the organisation with its branding; with its users for who administers brands. */
export async function listBrands(ctx: RequestContext): Promise<BrandView[]> {
  mayRead(ctx);
  const rows: Row[] = await brandsQuery(ctx.trx);
  const members = ctx.ability.can('update', BRAND_SUBJECT) ? await membersOf(ctx.trx, rows.map((r) => r.id as string)) : null;
  return rows.map((r) => present(r, members ? members.get(r.id as string) ?? [] : undefined));
}

async function oneBrand(ctx: RequestContext, id: string): Promise<BrandView> {
  const row = await brandsQuery(ctx.trx).where('b.id', id).first();
  if (!row) throw new NotFoundError(NOT_FOUND);
  const members = ctx.ability.can('update', BRAND_SUBJECT) ? (await membersOf(ctx.trx, [id])).get(id) ?? [] : undefined;
  return present(row, members);
}

export async function getBrand(ctx: RequestContext, id: string): Promise<BrandView> {
  mayRead(ctx);
  return oneBrand(ctx, id);
}

/** The brand the current user belongs to (its first, by name), for its screens' colours and logo; null when none. */
export async function myBrand(ctx: RequestContext): Promise<BrandView | null> {
  const row = await brandsQuery(ctx.trx).join('telecomBrandUsers as m', 'm.brandId', 'b.id').where('m.userId', ctx.principal.userId).first();
  return row ? present(row) : null;
}

async function lockBranding(ctx: RequestContext, brandId: string, expected: ExpectedVersion): Promise<void> {
  const brand = await ctx.trx('telecomBrands').where({ id: brandId }).first('id');
  if (!brand) throw new NotFoundError(NOT_FOUND);
  await ctx.trx('telecomBrandBrandings').insert({ brandId, tenantId: ctx.principal.tenantId, version: 0 }).onConflict('brandId').ignore();
  const current = await ctx.trx('telecomBrandBrandings').where({ brandId }).forUpdate().first('version');
  if (!versionMatches(expected, current.version)) throw new StaleVersionError(current.version);
}

async function saveBranding(ctx: RequestContext, brandId: string, values: Row, action: string, details: Row): Promise<BrandView> {
  await ctx.trx('telecomBrandBrandings').where({ brandId }).update({ ...values, updatedBy: ctx.principal.userId, version: ctx.trx.raw('version + 1') });
  await audit(ctx.trx, { tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action, targetType: 'telecom-brand', targetId: brandId, details });
  return oneBrand(ctx, brandId);
}

/** Sets the brand's colours, mail sender and mail templates (If-Match on the branding's version). */
export async function updateBranding(ctx: RequestContext, brandId: string, expected: ExpectedVersion, input: BrandingUpdate): Promise<BrandView> {
  mayUpdate(ctx);
  if (input.mailTemplates) {
    const ids = [...new Set(Object.values(input.mailTemplates))];
    const found = ids.length ? await ctx.trx('commsTemplates').whereIn('id', ids).count<{ count: string }[]>('id as count') : [{ count: '0' }];
    if (Number(found[0]!.count) !== ids.length) throw ruleViolation('mailTemplates', m('telecom.brands.unknown-template'));
  }
  await lockBranding(ctx, brandId, expected);
  const values: Row = {};
  if (input.primaryColor !== undefined) values.primaryColor = input.primaryColor;
  if (input.secondaryColor !== undefined) values.secondaryColor = input.secondaryColor;
  if (input.mailSenderName !== undefined) values.mailSenderName = input.mailSenderName || null;
  if (input.mailTemplates !== undefined) values.mailTemplates = JSON.stringify(input.mailTemplates);
  return saveBranding(ctx, brandId, values, 'telecom.brand.branding', { fields: Object.keys(values) });
}

/** What an image's first bytes say it is (the declared type is not trusted). */
export function imageType(bytes: Buffer): 'image/png' | 'image/jpeg' | 'image/webp' | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

/** Replaces the brand's logo (PNG, JPEG or WebP, 256 KB at most), or takes it off with null. */
export async function setBrandLogo(ctx: RequestContext, brandId: string, expected: ExpectedVersion, file: Buffer | null): Promise<BrandView> {
  mayUpdate(ctx);
  const type = file ? imageType(file) : null;
  if (file && file.length > MAX_LOGO_BYTES) throw ruleViolation('file', m('telecom.brands.logo-size'));
  if (file && !type) throw ruleViolation('file', m('telecom.brands.logo-type'));
  await lockBranding(ctx, brandId, expected);
  return saveBranding(ctx, brandId, { logo: file, logoContentType: type }, 'telecom.brand.logo', { bytes: file?.length ?? 0 });
}

/** Sets who belongs to the brand: partner or reseller users of the organisation only. */
export async function setBrandMembers(ctx: RequestContext, brandId: string, userIds: readonly string[]): Promise<BrandView> {
  mayUpdate(ctx);
  const brand = await ctx.trx('telecomBrands').where({ id: brandId }).first('id');
  if (!brand) throw new NotFoundError(NOT_FOUND);
  const ids = [...new Set(userIds)];
  const users = ids.length ? await ctx.trx('users').whereIn('id', ids).whereIn('type', ['partner', 'reseller']).select('id') : [];
  if (users.length !== ids.length) throw ruleViolation('userIds', m('telecom.brands.member-not-partner'));
  const before: string[] = (await ctx.trx('telecomBrandUsers').where({ brandId }).select('userId')).map((r: { userId: string }) => r.userId);
  await ctx.trx('telecomBrandUsers').where({ brandId }).whereNotIn('userId', ids).delete();
  if (ids.length) {
    await ctx.trx('telecomBrandUsers').insert(ids.map((userId) => ({ userId, brandId, tenantId: ctx.principal.tenantId, createdBy: ctx.principal.userId }))).onConflict(['userId', 'brandId']).ignore();
  }
  await audit(ctx.trx, {
    tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: 'telecom.brand.members', targetType: 'telecom-brand', targetId: brandId,
    details: { added: ids.filter((i) => !before.includes(i)), removed: before.filter((i) => !ids.includes(i)) },
  });
  return oneBrand(ctx, brandId);
}
