import { checkLegalIdentity, frenchVatNumber, validSiren, validSiret } from './legal-identity';

describe('legal identity checks', () => {
  it('accepts the demo companies, whose SIREN, SIRET and VAT numbers are coherent', () => {
    expect(checkLegalIdentity({ legalName: 'Commune de Quimper', siren: '412837650', siret: '41283765000016', vatNumber: 'FR84412837650' }))
      .toEqual({ status: 'consistent', problems: [], registryChecked: false });
    expect(validSiren('523918472')).toBe(true);
    expect(validSiret('52391847200011')).toBe(true);
    expect(frenchVatNumber('382094613')).toBe('FR28382094613');
  });

  it('finds a wrong key, a SIRET of another company and a wrong VAT key', () => {
    expect(checkLegalIdentity({ legalName: 'X', siren: '412837651' }).problems).toEqual(['siren-key']);
    expect(checkLegalIdentity({ legalName: 'X', siren: '412837650', siret: '52391847200011' })).toMatchObject({ status: 'inconsistent', problems: ['siret-not-of-siren'] });
    expect(checkLegalIdentity({ legalName: 'X', siren: '412837650', siret: '41283765000017' }).problems).toEqual(['siret-key']);
    expect(checkLegalIdentity({ legalName: 'X', siren: '412837650', vatNumber: 'FR85412837650' }).problems).toEqual(['vat-key']);
  });

  it('calls an identity without a SIREN or a legal name incomplete, not wrong', () => {
    expect(checkLegalIdentity({ legalName: null, siren: null })).toEqual({ status: 'incomplete', problems: ['legal-name-missing', 'siren-missing'], registryChecked: false });
  });

  it("checks La Poste's establishments by their own rule", () => {
    expect(validSiret('35600000000048')).toBe(true);
    expect(validSiret('35600000000056')).toBe(true);
    expect(validSiret('35600000000057')).toBe(false);
    expect(validSiret('41283765000056')).toBe(false);
  });
});
