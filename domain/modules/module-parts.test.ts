import { mergeModuleParts, withPartGrants } from './module-parts';

describe('mergeModuleParts', () => {
  type Key = 'a' | 'b';
  const seeded: string[] = [];
  const merged = mergeModuleParts<Key>([
    {
      resources: { 'x.one': 'One' }, grants: { a: [{ permission: 'x.one.read', scope: 'all' }] },
      personalData: { activities: [], tables: { t1: { id: { personal: false } } } } as never,
      seedDemo: async () => { seeded.push('first'); },
      consentSubjectsFor: async (_trx, contactId) => [{ kind: 'user', id: `user-of-${contactId}` }],
    },
    {
      resources: { 'x.two': 'Two' }, grants: { a: [{ permission: 'x.two.read', scope: 'own' }], b: [] },
      personalData: { activities: [], tables: { t2: { id: { personal: false } } } } as never,
      seedDemo: async () => { seeded.push('second'); },
      consentSubjectsFor: async (_trx, contactId) => [{ kind: 'contact', id: `parent-of-${contactId}` }],
    },
  ]);

  it('unites the parts’ catalogues and personal data, and gives each role every part’s grants', () => {
    expect(merged.resources).toEqual({ 'x.one': 'One', 'x.two': 'Two' });
    expect(Object.keys((merged.personalData as unknown as { tables: object }).tables)).toEqual(['t1', 't2']);
    expect(merged.grantsOf('a').map((g) => g.permission)).toEqual(['x.one.read', 'x.two.read']);
    const role = withPartGrants<Key>(merged.grantsOf)({ key: 'b', labelFr: 'B', labelEn: 'B', userType: 'internal', grants: [{ permission: 'y.read', scope: 'all' }] });
    expect(role.grants).toEqual([{ permission: 'y.read', scope: 'all' }]);
  });

  it('answers every part’s consent subjects for a contact, together', async () => {
    expect(await merged.consentSubjectsFor!({} as never, 'c1')).toEqual([{ kind: 'user', id: 'user-of-c1' }, { kind: 'contact', id: 'parent-of-c1' }]);
  });

  it('runs the demo seeds in the parts’ order', async () => {
    await merged.seedDemo!({} as never, { tenantId: 't', slug: 's', userIds: {} });
    expect(seeded).toEqual(['first', 'second']);
  });
});
