import type { RequestContext } from '../core/record-service';
import { appendHistoryAs } from '../core/record-service';
import { ForbiddenError, NotFoundError, ruleViolation, StaleVersionError, versionMatches, type ExpectedVersion } from '../errors';
import { canOn, type OwnershipFacts } from '../identity/ability';
import { brandsMessage as m } from './brands.messages';

/**
 * Which white-label brand a client belongs to (spec 002 §11, ADR 0046), changed inline from the account panel:
 * by who may change the account, with the telecom profile's version (If-Match: a stale one answers 412), to an
 * active brand of the organisation or to none (SoftWhere's own). The account's timeline keeps the change. The
 * brand decides which partners see the client (row-level security).
 */
export async function setAccountBrand(ctx: RequestContext, accountId: string, expected: ExpectedVersion, brandId: string | null): Promise<{ brandId: string | null; version: number }> {
  const account = await ctx.trx('accounts').where({ id: accountId }).first('id', 'ownerId', 'supportUserId');
  const facts: OwnershipFacts = { accountId, ownerId: account?.ownerId ?? null, supportUserId: account?.supportUserId ?? null };
  if (!account || !canOn(ctx.ability, 'read', 'Account', facts)) throw new NotFoundError({ fr: 'compte', en: 'account' });
  if (!canOn(ctx.ability, 'update', 'Account', facts)) throw new ForbiddenError(m('telecom.brands.account-brand-forbidden'));
  const profile = await ctx.trx('telecomAccountProfiles').where({ accountId }).forUpdate().first('brandId', 'version');
  if (!profile) throw ruleViolation('brandId', m('telecom.brands.no-profile'));
  if (!versionMatches(expected, profile.version)) throw new StaleVersionError(profile.version);
  if (brandId && !(await ctx.trx('telecomBrands').where({ id: brandId, active: true }).first('id'))) throw ruleViolation('brandId', m('telecom.brands.unknown-brand'));
  if ((profile.brandId ?? null) === brandId) return { brandId, version: Number(profile.version) };
  const [row] = await ctx.trx('telecomAccountProfiles').where({ accountId })
    .update({ brandId, version: ctx.trx.raw('version + 1') }).returning(['brandId', 'version']);
  await appendHistoryAs(ctx, { recordType: 'account', recordId: accountId, action: 'update', changes: { brandId: { before: profile.brandId ?? null, after: brandId } } });
  return { brandId: row.brandId ?? null, version: Number(row.version) };
}
