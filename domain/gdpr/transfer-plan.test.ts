import { tableDeclaration, type ParsedPersonalData } from './personal-data';
import { planTransfer, offeredColumns, transferColumns, transferOperator, transferRow } from './transfer-plan';
import { recipientKey, recipientSlug } from './transfer-key';

const people = tableDeclaration.parse({
  activity: 'school.students',
  personal: {
    first_name: { category: 'identity', operator: { kind: 'mask', keep: 'initials' } },
    email: { category: 'contact', operator: { kind: 'erase' } },
    birth_date: { category: 'identity', operator: { kind: 'generalise', to: 'year' } },
    legal_name: { category: 'identity', operator: { kind: 'keep' } },
    alias: { category: 'identity', operator: { kind: 'pseudonymise' } },
    nir: { category: 'nir', operator: { kind: 'pseudonymise' }, sensitive: true },
  },
  notPersonal: ['id', 'tenant_id', 'account_id', 'status', 'password_hash', 'version'],
});
const declarations = new Map<string, ParsedPersonalData['tables'][string]>([['people', people]]);
const organisationKey = Buffer.alloc(32, 7);
const key = recipientKey(organisationKey, recipientSlug('Réseau Alumni', 'FR'));
const row = {
  id: '11111111-1111-4111-8111-111111111111', first_name: 'Hélène', email: 'h.robin@exemple.fr', birth_date: new Date('1990-06-14T00:00:00Z'),
  legal_name: 'Hélène Robin', alias: 'hrobin', nir: '2900675123456', account_id: '22222222-2222-4222-8222-222222222222', status: 'active',
};
const all = { tables: [{ table: 'people', columns: ['first_name', 'email', 'birth_date', 'legal_name', 'alias', 'account_id', 'status'] }], sensitive: [] };

describe('a transfer\'s plan (ADR 0030)', () => {
  it('pseudonymised: declared operators, a kept value pseudonymised, links pseudonymised, plain fields copied; a stable ref per recipient', () => {
    const { plan, problems } = planTransfer({ mode: 'pseudonymise', ...all }, declarations);
    expect(problems).toEqual([]);
    expect(plan[0]!.fields.map((f) => [f.column, f.applied])).toEqual([
      ['first_name', 'mask:initials'], ['email', 'erase'], ['birth_date', 'generalise:year'], ['legal_name', 'pseudonymise'], ['alias', 'pseudonymise'],
      ['account_id', 'pseudonymise'], ['status', 'copy'],
    ]);
    const out = transferRow(row, plan[0]!, 'pseudonymise', key);
    expect(transferColumns(plan[0]!, 'pseudonymise')[0]).toBe('ref');
    expect(out).toMatchObject({ first_name: 'H.', email: null, birth_date: '1990', status: 'active' });
    expect(String(out.ref)).toMatch(/^pseudo:t1:/);
    expect(JSON.stringify(out)).not.toMatch(/Robin|robin|exemple|Hélène|1111|2222/);
    // The same record at the same recipient: the same ref; at another recipient: another.
    expect(transferRow(row, plan[0]!, 'pseudonymise', recipientKey(organisationKey, recipientSlug('  reseau ALUMNI ', 'fr'))).ref).toBe(out.ref);
    expect(transferRow(row, plan[0]!, 'pseudonymise', recipientKey(organisationKey, recipientSlug('Autre partenaire', 'FR'))).ref).not.toBe(out.ref);
  });

  it('anonymised: no ref, no pseudonym, no link; kept and pseudonymised values erased', () => {
    const { plan } = planTransfer({ mode: 'anonymise', ...all }, declarations);
    const out = transferRow(row, plan[0]!, 'anonymise', undefined);
    expect(out).toEqual({ first_name: 'H.', email: null, birth_date: '1990', legal_name: null, alias: null, account_id: null, status: 'active' });
    expect(transferOperator({ kind: 'keep' }, 'anonymise')).toEqual({ kind: 'erase' });
  });

  it('refuses a sensitive field without a reason, a secret, an unknown field, the row id, a table twice, and a reason for a field not chosen', () => {
    const { problems } = planTransfer({
      mode: 'pseudonymise',
      tables: [{ table: 'people', columns: ['nir', 'password_hash', 'shoe_size', 'id'] }, { table: 'people', columns: ['status'] }],
      sensitive: [{ table: 'people', column: 'email', reason: 'Pourquoi pas' }],
    }, declarations);
    expect(problems).toEqual([
      { field: 'tables.0.columns.0', code: 'sensitive' }, { field: 'tables.0.columns.1', code: 'secret-column' },
      { field: 'tables.0.columns.2', code: 'unknown-column' }, { field: 'tables.0.columns.3', code: 'unknown-column' },
      { field: 'tables.1.table', code: 'table-twice' }, { field: 'sensitive.0.column', code: 'not-sensitive' },
    ]);
  });

  it('sends a sensitive field allowed with a reason through its operator, and says so', () => {
    const { plan, problems } = planTransfer({ mode: 'pseudonymise', tables: [{ table: 'people', columns: ['nir'] }], sensitive: [{ table: 'people', column: 'nir', reason: 'Convention avec la CPAM' }] }, declarations);
    expect(problems).toEqual([]);
    expect(plan[0]!.fields[0]).toMatchObject({ applied: 'pseudonymise', sensitive: true, note: expect.stringContaining('autorisation motivée') });
    expect(transferRow(row, plan[0]!, 'pseudonymise', key).nir).not.toContain('2900675');
  });

  it('offers every declared column but the id, the organisation, the version and secrets, each with its nature', () => {
    expect(offeredColumns(people).map((c) => [c.column, c.nature])).toEqual([
      ['first_name', 'personal'], ['email', 'personal'], ['birth_date', 'personal'], ['legal_name', 'personal'], ['alias', 'personal'], ['nir', 'personal'],
      ['account_id', 'reference'], ['status', 'plain'],
    ]);
  });
});
