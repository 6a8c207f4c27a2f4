import { personalDataDeclaration, p, type PersonalDataDeclaration } from './personal-data';
import { rulesFrom } from './retention-rules';

const ACTIVITY = {
  key: 'core.customers', name: { fr: 'Clients', en: 'Customers' }, purpose: { fr: 'Clients', en: 'Customers' }, legalBasis: 'contract' as const,
  dataSubjects: [{ fr: 'Prospects', en: 'Prospects' }], recipients: [{ fr: 'Interne', en: 'Internal' }],
  retention: { duration: 'P3Y', from: { fr: 'après le dernier contact', en: 'after the last contact' } },
};
const declaration: PersonalDataDeclaration = {
  activities: [ACTIVITY],
  tables: {
    accounts: { activity: 'core.customers', personal: { name: p.erase('identity') }, notPersonal: ['id', 'status', 'updated_at'], retention: { clock: 't.updated_at', scope: "t.status = 'prospect'" } },
    contacts: { activity: 'core.customers', personal: { email: p.erase('contact') }, notPersonal: ['id', 'account_id', 'updated_at'], retention: { clock: 't.updated_at' } },
    tenant_counters: { activity: 'core.customers', notPersonal: ['tenant_id', 'name', 'value'] },
    billing_invoices: {
      activity: 'billing.invoicing', personal: { buyer: p.keep('identity', { release: { kind: 'erase' } }) }, notPersonal: ['id', 'issue_date'],
      retention: { clock: 'make_date(extract(year from t.issue_date)::int, 12, 31)' },
    },
  },
};
declaration.activities!.push({
  ...ACTIVITY, key: 'billing.invoicing', legalBasis: 'legal-obligation',
  retention: { duration: 'P10Y', from: { fr: 'après la clôture de l’exercice', en: 'after the year closes' }, legalReference: 'Code de commerce, art. L123-22' },
});
const parsed = [{ module: 'core', parsed: personalDataDeclaration.parse(declaration) }];

describe('retention rules', () => {
  it('one rule per table with a clock, of the organisation\'s modules, with its activity\'s retention', () => {
    const rules = rulesFrom(parsed, new Set(['core']), new Map(), 'fr');
    expect(rules.map((r) => r.table)).toEqual(['billing_invoices', 'accounts', 'contacts']);
    expect(rules[1]).toMatchObject({ activity: 'core.customers', duration: 'P3Y', from: 'après le dernier contact', action: 'anonymise', clock: 't.updated_at', scope: "t.status = 'prospect'", releases: false });
    expect(rules[0]).toMatchObject({ activity: 'billing.invoicing', duration: 'P10Y', releases: true });
    expect(rulesFrom(parsed, new Set(['psa']), new Map(), 'fr')).toEqual([]);
  });

  it('the register\'s edited retention wins over the declared one', () => {
    const edits = new Map([['core.customers', { duration: 'P2Y', from: 'après le dernier échange', legalReference: null, name: 'Prospects' }]]);
    expect(rulesFrom(parsed, new Set(['core']), edits, 'fr')[1]).toMatchObject({ duration: 'P2Y', from: 'après le dernier échange', activityName: 'Prospects' });
    const nothing = new Map([['core.customers', { duration: 'P0D', from: 'tout de suite', legalReference: null, name: 'Prospects' }]]);
    expect(rulesFrom(parsed, new Set(['core']), nothing, 'fr')[1]).toMatchObject({ duration: 'P3Y' });
  });

  it('what the law keeps is kept its legal period at least: an edit may lengthen it, never shorten it', () => {
    const edit = (duration: string) => new Map([['billing.invoicing', { duration, from: 'après l’exercice', legalReference: null, name: 'Facturation' }]]);
    expect(rulesFrom(parsed, new Set(['core']), edit('P5Y'), 'fr')[0]).toMatchObject({ table: 'billing_invoices', duration: 'P10Y' });
    expect(rulesFrom(parsed, new Set(['core']), edit('P11Y'), 'fr')[0]).toMatchObject({ table: 'billing_invoices', duration: 'P11Y' });
  });
});
