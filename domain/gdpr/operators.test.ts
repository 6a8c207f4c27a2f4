import { anonymise, generaliseDate, maskEmail, maskPhone, maskPostalCode, maskToInitials, maskToTown, pseudonymise } from './operators';

const key = { id: 'k1', secret: Buffer.from('a tenant escrowed secret of 32 bytes!!') };
const otherKey = { id: 'k2', secret: Buffer.from('another tenant secret, also long enough') };

describe('anonymisation operators', () => {
  it('erase turns any value into null, and null stays null', () => {
    expect(anonymise('Jean Dupont', { kind: 'erase' })).toBeNull();
    expect(anonymise({ name: 'Jean' }, { kind: 'erase' })).toBeNull();
    expect(anonymise(null, { kind: 'keep' })).toBeNull();
  });

  it('keep leaves the value as it is (a legal obligation outweighs erasure)', () => {
    expect(anonymise({ name: 'SARL Dupont' }, { kind: 'keep' })).toEqual({ name: 'SARL Dupont' });
  });

  it('pseudonymise gives the same pseudonym for the same value under one key, another under another key, and never the value', () => {
    const a = pseudonymise('jean@exemple.fr', key);
    expect(pseudonymise(' Jean@Exemple.fr ', key)).toBe(a);
    expect(pseudonymise('jean@exemple.fr', otherKey)).not.toBe(a);
    expect(pseudonymise('paul@exemple.fr', key)).not.toBe(a);
    expect(a).toMatch(/^pseudo:k1:[A-Za-z0-9_-]{22}$/);
    expect(a).not.toContain('jean');
  });

  it('pseudonymise refuses to run without the escrowed key', () => {
    expect(() => anonymise('jean', { kind: 'pseudonymise' })).toThrow(/key/);
  });

  it('mask reduces an address to its town, a postal code to its département, an e-mail to its domain, a phone to its last two digits, a name to initials', () => {
    expect(maskToTown('12 rue de la Paix, 75002 Paris')).toBe('Paris');
    expect(maskToTown('ZA de Kerscao\n29480 Le Relecq-Kerhuon')).toBe('Le Relecq-Kerhuon');
    expect(maskToTown('Lieu-dit Kerbiquet, Ploudalmézeau')).toBe('Ploudalmézeau');
    expect(maskToTown('12 rue de la Paix')).toBeNull();
    expect(maskPostalCode('75011')).toBe('75');
    expect(maskPostalCode('2A004')).toBe('2A');
    expect(maskPostalCode('97411')).toBe('974');
    expect(maskPostalCode('SW1A')).toBeNull();
    expect(maskEmail('Jean.Dupont@Exemple.FR')).toBe('***@exemple.fr');
    expect(maskEmail('pas-une-adresse')).toBeNull();
    expect(maskPhone('+33 6 12 34 56 78')).toBe('•••••••••78');
    expect(maskToInitials('Jean-Pierre Le Goff')).toBe('J.-P. L. G.');
    expect(anonymise('29200', { kind: 'mask', keep: 'postal-department' })).toBe('29');
    expect(anonymise(42, { kind: 'mask', keep: 'town' })).toBeNull();
  });

  it('generalise keeps only the year or the month of a date, and erases what is not a date', () => {
    expect(generaliseDate('1987-06-14', 'year')).toBe('1987');
    expect(generaliseDate(new Date('1987-06-14T22:30:00Z'), 'month')).toBe('1987-06');
    expect(anonymise('1987-06-14', { kind: 'generalise', to: 'year' })).toBe('1987');
    expect(anonymise('le 14 juin', { kind: 'generalise', to: 'year' })).toBeNull();
  });
});
