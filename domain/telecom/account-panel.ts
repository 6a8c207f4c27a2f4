import type { RequestContext } from '../core/record-service';
import { NotFoundError } from '../errors';
import { canOn, type OwnershipFacts } from '../identity/ability';
import { accountSections, monthlyTotals, siteLayout } from './account-view';
import type { AccountPanel } from './account-panel.schema';

const NOT_FOUND = { fr: 'compte', en: 'account' };

/**
 * The telecom blocks of an account's side panel (spec 002 §4, §10.3, ADR 0046): its summary, financial summary,
 * sites with their fleets and line counts, billing sites with their billing contact and references in the
 * billing systems — each section only for the roles that may read it (account-view.ts), left out of the answer
 * otherwise. A brand-bound partner reads only its brands' accounts (row-level security): another answers 404.
 */
export async function accountPanel(ctx: RequestContext, accountId: string): Promise<AccountPanel> {
  const { trx } = ctx;
  const account = await trx('accounts').where({ id: accountId }).first('id', 'name', 'number', 'status', 'ownerId', 'supportUserId', 'currency');
  const facts: OwnershipFacts = account ? { accountId: account.id, ownerId: account.ownerId ?? null, supportUserId: account.supportUserId ?? null } : { accountId: null, ownerId: null, supportUserId: null };
  if (!account || !canOn(ctx.ability, 'read', 'Account', facts)) throw new NotFoundError(NOT_FOUND);
  const sections = accountSections(ctx.ability, facts, ctx.principal.grants);

  const [profile, owner] = await Promise.all([
    trx('telecomAccountProfiles as p').leftJoin('telecomBrands as b', 'b.id', 'p.brandId').where('p.accountId', accountId)
      .first('p.softwhereId', 'p.externalRefs', 'p.version as profileVersion', 'b.id as brandId', 'b.name as brandName', 'b.key as brandKey'),
    account.ownerId ? trx('users').where({ id: account.ownerId }).first('id', 'displayName') : undefined,
  ]);
  const panel: AccountPanel = {
    accountId,
    sections: [...sections].sort(),
    summary: {
      name: account.name, number: account.number, status: account.status,
      softwhereId: profile?.softwhereId ?? null,
      profileVersion: profile ? Number(profile.profileVersion) : null,
      brand: profile?.brandId ? { id: profile.brandId, key: profile.brandKey, name: profile.brandName } : null,
      salesperson: owner ? { id: owner.id, name: owner.displayName } : null,
      ...(sections.has('externalRefs') ? { externalRefs: (profile?.externalRefs as Record<string, string> | undefined) ?? {} } : {}),
    },
  };

  if (sections.has('finance')) {
    const rows = await trx('telecomLines').where({ accountId }).groupBy('status')
      .select('status', trx.raw('coalesce(sum(sale_price_cents), 0)::bigint as sale'), trx.raw('sum(purchase_price_cents)::bigint as purchase'));
    const totals = monthlyTotals(rows.map((r: { status: string; sale: string; purchase: string | null }) => ({
      status: r.status, salePriceCents: Number(r.sale), purchasePriceCents: r.purchase === null ? null : Number(r.purchase),
    })));
    panel.finance = {
      currency: account.currency ?? 'EUR', monthlySaleCents: totals.saleCents,
      ...(sections.has('margin') ? { monthlyPurchaseCents: totals.purchaseCents, monthlyMarginCents: totals.marginCents } : {}),
    };
  }

  if (sections.has('sites')) {
    const [sites, fleets] = await Promise.all([
      trx('sites').where({ accountId }).orderBy(['name', 'id']).select('id', 'name', 'city'),
      trx('telecomFleets as f').leftJoin('telecomLines as l', function join() { this.on('l.fleetId', 'f.id').andOnVal('l.status', '<>', 'terminated'); })
        .where('f.accountId', accountId).groupBy('f.id').orderBy(['f.name', 'f.id'])
        .select('f.id', 'f.name', 'f.type', 'f.operatorKey', 'f.siteId', trx.raw('count(l.id)::int as line_count')),
    ]);
    const fleetsOf = (siteId: string | null) => fleets.filter((f: { siteId: string | null }) => f.siteId === siteId)
      .map((f: { id: string; name: string; type: string; operatorKey: string; lineCount: number }) => ({ id: f.id, name: f.name, type: f.type, operatorKey: f.operatorKey, lineCount: Number(f.lineCount) }));
    const items = sites.map((s: { id: string; name: string; city: string | null }) => {
      const own = fleetsOf(s.id);
      return { id: s.id, name: s.name, city: s.city ?? null, lineCount: own.reduce((n, f) => n + f.lineCount, 0), fleets: own };
    });
    const unsited = fleetsOf(null);
    panel.sites = { layout: siteLayout(sites.length), items, unsitedFleets: unsited, lineCount: fleets.reduce((n: number, f: { lineCount: number }) => n + Number(f.lineCount), 0) };
  }

  if (sections.has('billingSites')) {
    const [billingSites, refs] = await Promise.all([
      trx('billingSites as b').leftJoin('contacts as c', 'c.id', 'b.billingContactId').where('b.accountId', accountId).orderBy(['b.name', 'b.id'])
        .select('b.id', 'b.name', 'b.externalRef', 'b.billingEmail', 'c.id as contactId', 'c.firstName', 'c.lastName'),
      trx('telecomBillingSiteRefs as r').join('billingSites as b', 'b.id', 'r.billingSiteId').where('b.accountId', accountId).orderBy(['r.system'])
        .select('r.billingSiteId', 'r.system', 'r.reference'),
    ]);
    panel.billingSites = billingSites.map((b: Record<string, string | null>) => ({
      id: b.id!, name: b.name!, externalRef: b.externalRef, billingEmail: b.billingEmail,
      billingContact: b.contactId ? { id: b.contactId, name: [b.firstName, b.lastName].filter(Boolean).join(' ') } : null,
      references: refs.filter((r: { billingSiteId: string }) => r.billingSiteId === b.id).map((r: { system: string; reference: string }) => ({ system: r.system, reference: r.reference })),
    }));
  }
  return panel;
}
