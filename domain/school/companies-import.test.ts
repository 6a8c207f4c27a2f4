import { transformCompanyRow } from './companies-import';

const row = (over: Partial<Record<'externalRef' | 'name' | 'address' | 'email' | 'phone', string>>) => ({
  externalRef: 'ENT-1', name: 'Hôtel de la Plage', address: '4, boulevard Chanard, 56170, Quiberon', email: 'direction@hotel.fr', phone: '02 97 50 00 00', ...over,
});

describe('a legacy « Gestion des entreprises » row as account values', () => {
  it('splits « Adresse postale » as case 1 (commas from the right) and writes the phone in E.164', () => {
    expect(transformCompanyRow(row({}))).toEqual({
      ok: true,
      values: { externalRef: 'ENT-1', name: 'Hôtel de la Plage', addressLine1: '4, boulevard Chanard', postalCode: '56170', city: 'Quiberon', email: 'direction@hotel.fr', phone: '+33297500000' },
    });
    expect(transformCompanyRow(row({ address: '', email: '', phone: '' }))).toMatchObject({ ok: true, values: { addressLine1: null, postalCode: null, email: null, phone: null } });
  });

  it.each([
    ['no id_entreprise', { externalRef: '' }, 'school.companies.import-no-id'],
    ['no name', { name: '' }, 'school.companies.import-no-name'],
    ['an address without its commas', { address: '12 rue de Strasbourg Nantes' }, 'school.import.address-format'],
    ['a postcode of four digits', { address: 'ZA de Kerboulard, 5625, Saint-Nolff' }, 'school.import.postcode-format'],
    ['an email without its domain', { email: 'rh@' }, 'school.companies.import-email'],
    ['a phone that is not one', { phone: '01 23' }, 'school.companies.import-phone'],
  ])('rejects %s with its reason', (_what, over, code) => {
    const result = transformCompanyRow(row(over));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason.code).toBe(code);
  });
});
