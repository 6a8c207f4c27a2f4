import { accounts, billingSites } from '../core/resources';
import { appendHistoryAs, loadFor, type RequestContext } from '../core/record-service';
import { diffRecords } from '../core/history';
import { StaleVersionError, ValidationError, versionMatches, type ExpectedVersion } from '../errors';
import type { AccountProfile } from './account-profile.schema';
import type { BillingSiteRef } from './billing-site-ref.schema';
import { hierarchyMessage as m } from './hierarchy.messages';

/**
 * The telecom side of an account (spec 002 §4.2: SoftWhere id, brand, external references) and a billing site's
 * references in the billing systems (§4.5: CFAST billing point, Pennylane…): written by who may update the
 * account or the billing site, noted on the account's and the billing site's timelines.
 */
type Row = Record<string, unknown>;

function profileOf(row: Row | undefined, accountId: string): AccountProfile | null {
  if (!row) return null;
  return { accountId, softwhereId: String(row.softwhereId), brandId: (row.brandId as string | null) ?? null, externalRefs: (row.externalRefs as Record<string, string>) ?? {}, version: Number(row.version) };
}

export async function getAccountProfile(ctx: RequestContext, accountId: string): Promise<AccountProfile | null> {
  await loadFor(ctx, accounts, accountId, 'read');
  return profileOf(await ctx.trx('telecomAccountProfiles').where({ accountId }).first(), accountId);
}

/** Creates or replaces the profile (If-Match on its version once it exists; `*` or none for a new one). */
export async function putAccountProfile(ctx: RequestContext, accountId: string, expected: ExpectedVersion | undefined,
  input: { softwhereId: string; brandId?: string | null; externalRefs?: Record<string, string> }): Promise<AccountProfile> {
  await loadFor(ctx, accounts, accountId, 'update', true);
  const current = await ctx.trx('telecomAccountProfiles').where({ accountId }).forUpdate().first();
  if (current && !versionMatches(expected, current.version)) throw new StaleVersionError(profileOf(current, accountId));
  if (input.brandId && !await ctx.trx('telecomBrands').where({ id: input.brandId }).first('id')) {
    throw new ValidationError([{ field: 'brandId', message: m('telecom.hierarchy.no-such-brand') }]);
  }
  if (await ctx.trx('telecomAccountProfiles').where({ softwhereId: input.softwhereId }).whereNot({ accountId }).first('accountId')) {
    throw new ValidationError([{ field: 'softwhereId', message: m('telecom.hierarchy.softwhere-id-taken') }]);
  }
  const values = { softwhereId: input.softwhereId, brandId: input.brandId ?? null, externalRefs: JSON.stringify(input.externalRefs ?? current?.externalRefs ?? {}) };
  if (current) await ctx.trx('telecomAccountProfiles').where({ accountId }).update({ ...values, version: Number(current.version) + 1 });
  else await ctx.trx('telecomAccountProfiles').insert({ ...values, accountId, tenantId: ctx.principal.tenantId, createdBy: ctx.principal.userId });
  const after = profileOf(await ctx.trx('telecomAccountProfiles').where({ accountId }).first(), accountId)!;
  const before = profileOf(current, accountId);
  const changes = diffRecords(before && { softwhereId: before.softwhereId, brandId: before.brandId, externalRefs: before.externalRefs },
    { softwhereId: after.softwhereId, brandId: after.brandId, externalRefs: after.externalRefs });
  if (Object.keys(changes).length) await appendHistoryAs(ctx, { recordType: 'account', recordId: accountId, action: 'update', changes });
  return after;
}

/** Sets a billing site's reference in one billing system (its CFAST billing point…); an empty reference removes it. */
export async function setBillingSiteRef(ctx: RequestContext, billingSiteId: string, system: string, reference: string | null): Promise<BillingSiteRef[]> {
  await loadFor(ctx, billingSites, billingSiteId, 'update', true);
  const before = await ctx.trx('telecomBillingSiteRefs').where({ billingSiteId, system }).first('reference');
  if (reference) {
    const taken = await ctx.trx('telecomBillingSiteRefs').where({ system, reference }).whereNot({ billingSiteId }).first('id');
    if (taken) throw new ValidationError([{ field: 'reference', message: m('telecom.hierarchy.billing-ref-taken') }]);
    await ctx.trx('telecomBillingSiteRefs').insert({ tenantId: ctx.principal.tenantId, billingSiteId, system, reference, createdBy: ctx.principal.userId })
      .onConflict(['tenantId', 'billingSiteId', 'system']).merge({ reference, updatedAt: ctx.trx.fn.now() });
  } else {
    await ctx.trx('telecomBillingSiteRefs').where({ billingSiteId, system }).delete();
  }
  if ((before?.reference ?? null) !== reference) {
    await appendHistoryAs(ctx, { recordType: 'billing-site', recordId: billingSiteId, action: 'update', changes: { [`ref.${system}`]: { before: before?.reference ?? null, after: reference } } });
  }
  return billingSiteRefs(ctx, billingSiteId);
}

export async function billingSiteRefs(ctx: RequestContext, billingSiteId: string): Promise<BillingSiteRef[]> {
  await loadFor(ctx, billingSites, billingSiteId, 'read');
  return ctx.trx('telecomBillingSiteRefs').where({ billingSiteId }).orderBy('system').select('id', 'billingSiteId', 'system', 'reference');
}
