import { ACCOUNT_FINANCE_FIELDS } from '../core/account.schema';
import { buildAbility, canOn, readableFieldSet, readableFields, scopeOf, type Grant, type OwnershipFacts, type Principal } from './ability';

/** CASL rules built from a principal's grants: record scopes, field-level permissions, and the SQL-ready scope. */
describe('ability', () => {
  const ME = 'user-me';
  const OTHER = 'user-other';
  const principal = (grants: Grant[], extra: Partial<Principal> = {}): Principal =>
    ({ userId: ME, tenantId: 'tenant-1', type: 'internal', accountId: null, roles: ['test'], grants, ...extra });
  const facts = (f: Partial<OwnershipFacts>): OwnershipFacts => ({ accountId: 'acc-1', ownerId: null, supportUserId: null, ...f });
  const mine = facts({ ownerId: ME });
  const supported = facts({ ownerId: OTHER, supportUserId: ME });
  const theirs = facts({ ownerId: OTHER, supportUserId: OTHER });

  describe('canOn', () => {
    it('"own" allows the records whose account the user owns, and no other', () => {
      const ability = buildAbility(principal([{ permission: 'core.account.update', scope: 'own' }]));
      expect(canOn(ability, 'update', 'Account', mine)).toBe(true);
      expect(canOn(ability, 'update', 'Account', supported)).toBe(false);
      expect(canOn(ability, 'update', 'Account', theirs)).toBe(false);
    });

    it('"own" for a client user covers the records of their own company only, never another company they are named owner or support of', () => {
      const ability = buildAbility(principal([{ permission: 'core.contact.read', scope: 'own' }, { permission: 'core.site.read', scope: 'assigned' }], { type: 'client', accountId: 'acc-client' }));
      expect(canOn(ability, 'read', 'Contact', facts({ accountId: 'acc-client', ownerId: OTHER }))).toBe(true);
      expect(canOn(ability, 'read', 'Contact', facts({ accountId: 'acc-elsewhere', ownerId: OTHER }))).toBe(false);
      expect(canOn(ability, 'read', 'Contact', facts({ accountId: 'acc-elsewhere', ownerId: ME, supportUserId: ME }))).toBe(false);
      expect(canOn(ability, 'read', 'Site', facts({ accountId: 'acc-elsewhere', supportUserId: ME }))).toBe(false);
      expect(canOn(ability, 'read', 'Site', facts({ accountId: 'acc-client' }))).toBe(true);
    });

    it('a client user without a company reads nothing under "own"', () => {
      const ability = buildAbility(principal([{ permission: 'core.account.read', scope: 'own' }], { type: 'client', accountId: null }));
      expect(scopeOf(ability, 'read', 'Account')).toEqual([]);
      expect(canOn(ability, 'read', 'Account', mine)).toBe(false);
    });

    it('"own" for catalogue items means created by the user', () => {
      const ability = buildAbility(principal([{ permission: 'core.catalogue.update', scope: 'own' }]));
      expect(canOn(ability, 'update', 'CatalogueItem', { accountId: null, ownerId: null, supportUserId: null, createdBy: ME })).toBe(true);
      expect(canOn(ability, 'update', 'CatalogueItem', { accountId: null, ownerId: null, supportUserId: null, createdBy: OTHER })).toBe(false);
    });

    it('"assigned" allows the records of the accounts the user supports, not those they own', () => {
      const ability = buildAbility(principal([{ permission: 'core.site.read', scope: 'assigned' }]));
      expect(canOn(ability, 'read', 'Site', supported)).toBe(true);
      expect(canOn(ability, 'read', 'Site', mine)).toBe(false);
      expect(canOn(ability, 'read', 'Site', theirs)).toBe(false);
    });

    it('"all" allows every record, and only the granted action on the granted subject', () => {
      const ability = buildAbility(principal([{ permission: 'core.account.read', scope: 'all' }]));
      for (const f of [mine, supported, theirs]) expect(canOn(ability, 'read', 'Account', f)).toBe(true);
      expect(canOn(ability, 'delete', 'Account', theirs)).toBe(false);
      expect(canOn(ability, 'read', 'Contact', theirs)).toBe(false);
    });

    it('ignores permissions it does not know', () => {
      const ability = buildAbility(principal([{ permission: 'core.account.obliterate', scope: 'all' }, { permission: 'nothing', scope: 'all' }]));
      expect(ability.rules).toHaveLength(ability.rules.filter((r) => r.inverted).length);
      expect(canOn(ability, 'read', 'Account', theirs)).toBe(false);
    });
  });

  describe('readableFields', () => {
    const account = { id: 'acc-1', name: 'Boulangerie', status: 'active', paymentTermsDays: 30, creditLimitCents: 500_000, notes: 'n' };
    const readAll: Grant = { permission: 'core.account.read', scope: 'all' };

    it('leaves out the finance fields without core.account.finance.read', () => {
      const out = readableFields(buildAbility(principal([readAll])), 'Account', account, theirs);
      expect(out).toEqual({ id: 'acc-1', name: 'Boulangerie', status: 'active', notes: 'n' });
      for (const field of ACCOUNT_FINANCE_FIELDS) expect(out).not.toHaveProperty(field);
    });

    it('keeps them with core.account.finance.read on all', () => {
      const ability = buildAbility(principal([readAll, { permission: 'core.account.finance.read', scope: 'all' }]));
      expect(readableFields(ability, 'Account', account, theirs)).toEqual(account);
    });

    it('keeps them on own accounts only when the finance grant is scoped to own', () => {
      const ability = buildAbility(principal([readAll, { permission: 'core.account.finance.read', scope: 'own' }]));
      expect(readableFields(ability, 'Account', account, mine)).toEqual(account);
      expect(readableFields(ability, 'Account', account, theirs)).not.toHaveProperty('creditLimitCents');
    });

    it('gives, from its cache, the same fields as readableFields for every combination of grants and facts', () => {
      const all = Object.keys(account);
      const grantSets: Grant[][] = [[readAll], [{ permission: 'core.account.read', scope: 'own' }, { permission: 'core.account.finance.read', scope: 'own' }],
        [readAll, { permission: 'core.account.finance.read', scope: 'assigned' }], [readAll, { permission: 'core.account.finance.read', scope: 'all' }]];
      for (const grants of grantSets) {
        const ability = buildAbility(principal(grants));
        // Twice each: the second answer comes from the cache.
        for (const f of [mine, supported, theirs, mine, supported, theirs]) {
          expect([...readableFieldSet(ability, 'Account', f, all)].sort()).toEqual(Object.keys(readableFields(ability, 'Account', account, f)).sort());
        }
      }
    });
  });

  describe('scopeOf', () => {
    it('is null (every row) for "all"', () => {
      expect(scopeOf(buildAbility(principal([{ permission: 'core.account.read', scope: 'all' }])), 'read', 'Account')).toBeNull();
    });

    it('is null when one role grants "all" and another "own"', () => {
      const ability = buildAbility(principal([{ permission: 'core.account.read', scope: 'own' }, { permission: 'core.account.read', scope: 'all' }]));
      expect(scopeOf(ability, 'read', 'Account')).toBeNull();
    });

    it('lists the ownership conditions for "own" and "assigned"', () => {
      expect(scopeOf(buildAbility(principal([{ permission: 'core.account.read', scope: 'own' }])), 'read', 'Account')).toEqual([{ ownerId: ME }]);
      const client = buildAbility(principal([{ permission: 'core.account.read', scope: 'own' }], { type: 'client', accountId: 'acc-client' }));
      expect(scopeOf(client, 'read', 'Account')).toEqual([{ accountId: 'acc-client' }]);
      expect(scopeOf(buildAbility(principal([{ permission: 'core.account.read', scope: 'assigned' }])), 'read', 'Account')).toEqual([{ supportUserId: ME }]);
    });

    it('is empty (no row) without a grant, and field-level grants do not open rows', () => {
      expect(scopeOf(buildAbility(principal([])), 'read', 'Account')).toEqual([]);
      const fieldsOnly = buildAbility(principal([{ permission: 'core.account.finance.read', scope: 'all' }]));
      expect(scopeOf(fieldsOnly, 'read', 'Account')).toEqual([]);
      expect(scopeOf(buildAbility(principal([{ permission: 'core.account.read', scope: 'all' }])), 'update', 'Account')).toEqual([]);
    });
  });
});
