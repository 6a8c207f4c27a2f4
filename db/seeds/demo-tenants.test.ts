import { accountCreate } from '../../domain/core/account.schema';
import { billingSiteCreate } from '../../domain/core/billing-site.schema';
import { contactCreate } from '../../domain/core/contact.schema';
import { siteCreate } from '../../domain/core/site.schema';
import { DEMO_TENANTS, type DemoAccount } from './demo-tenants';

/** Luhn, as INSEE keys SIREN and SIRET numbers. */
function luhn(digits: string): boolean {
  let total = 0;
  for (const [i, ch] of [...digits].reverse().entries()) {
    let d = Number(ch) * (i % 2 ? 2 : 1);
    if (d > 9) d -= 9;
    total += d;
  }
  return total % 10 === 0;
}

const ACCOUNT_ID = '00000000-0000-4000-8000-000000000000';
/** A prospect whose onboarding is under way: a client just arrived, with what the first call gave. */
const justArrived = (a: DemoAccount) => Boolean(a.onboarding) && a.status === 'prospect';
const others = DEMO_TENANTS.filter((t) => t.slug !== 'epic-events');
const accounts: Array<[string, DemoAccount]> = others.flatMap((t) => t.accounts.map((a) => [`${t.slug} ${a.name}`, a] as [string, DemoAccount]));

describe('demo organisations seed data', () => {
  it.each(accounts)('%s passes the API\'s own validation, with E.164 phones and keyed SIREN, SIRET and VAT numbers', (_name, a) => {
    const { contacts, sites, billingSites, unowned: _unowned, onboarding: _onboarding, ...fields } = a;
    const parsed = accountCreate.parse(fields);
    // Phones are already stored as the API would store them.
    expect(parsed.phone ?? null).toBe(a.phone ?? null);
    if (a.siren) {
      expect(luhn(a.siren)).toBe(true);
      expect(a.siret?.startsWith(a.siren)).toBe(true);
      expect(luhn(a.siret!)).toBe(true);
    }
    if (a.vatNumber) expect(a.vatNumber).toBe(`FR${String((12 + 3 * (Number(a.siren) % 97)) % 97).padStart(2, '0')}${a.siren}`);
    for (const c of contacts) {
      const { assign, mailConsent: _consent, ...contact } = c;
      const stored = contactCreate.parse({ accountId: ACCOUNT_ID, ...contact });
      expect([stored.phone ?? null, stored.mobile ?? null]).toEqual([c.phone ?? null, c.mobile ?? null]);
      for (const target of assign ?? []) {
        if (target.site) expect(sites.map((s) => s.name)).toContain(target.site);
        if (target.billingSite) expect((billingSites ?? []).map((b) => b.name).concat(`${a.name} — facturation`)).toContain(target.billingSite);
      }
    }
    for (const { billingSite, ...site } of sites) {
      expect(siteCreate.parse({ accountId: ACCOUNT_ID, ...site }).phone ?? null).toBe(site.phone ?? null);
      if (billingSite) expect((billingSites ?? []).map((b) => b.name)).toContain(billingSite);
    }
    for (const { billingContact, ...billing } of billingSites ?? []) {
      billingSiteCreate.parse({ accountId: ACCOUNT_ID, ...billing });
      if (billingContact) expect(contacts.map((c) => `${c.firstName} ${c.lastName}`)).toContain(billingContact);
    }
    // A client just arrived (its onboarding under way) has what was known on the first call; the others are complete.
    if (justArrived(a)) return;
    expect(contacts.length).toBeGreaterThanOrEqual(2);
    expect(fields.email && fields.addressLine1 && fields.postalCode && fields.phone).toBeTruthy();
  });

  it('gives each organisation but Epic Events onboardings waiting for a manager, for an owner and for the check at J+30', () => {
    for (const t of DEMO_TENANTS) {
      const steps = t.accounts.filter((a) => a.onboarding).map((a) => {
        if (a.unowned) return 'appoint-owner';
        const reachable = a.contacts.some((c) => c.email || c.phone || c.mobile);
        return reachable && a.sites.length ? 'satisfaction' : 'complete-records';
      });
      if (t.slug === 'epic-events') expect(steps).toEqual([]);
      else expect([...new Set(steps)].sort()).toEqual(['appoint-owner', 'complete-records', 'satisfaction']);
      // The check at J+30 follows a welcome mail: a contact of that account consented to mail.
      for (const a of t.accounts.filter((x) => x.onboarding && !justArrived(x))) expect(a.contacts.some((c) => c.mailConsent && c.email)).toBe(true);
    }
  });

  it('gives SoftWhere one multi-site client (Transports Morvan, three sites) beside single-site ones', () => {
    const softwhere = DEMO_TENANTS.find((t) => t.slug === 'softwhere')!;
    expect(softwhere.accounts.filter((a) => !justArrived(a)).map((a) => [a.name, a.sites.length])).toEqual([['Boulangerie Le Fournil', 1], ['Transports Morvan', 3], ['Cabinet Avocats Kerlann', 1]]);
  });
});
