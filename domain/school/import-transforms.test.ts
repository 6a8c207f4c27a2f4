import { nirKey } from './nir';
import { parseNir, parseStatus, splitAddress, splitName, splitPhones, transformRow, type Transformed } from './import-transforms';

const reasonOf = <T>(r: Transformed<T>): string | undefined => (r.ok ? undefined : r.reason.code);
const valueOf = <T>(r: Transformed<T>): T | undefined => (r.ok ? r.value : undefined);
const NIR = `1850575123456${nirKey('1850575123456')}`;

describe('case 1 and 3: « Adresse, Code postal, Ville » split from the right', () => {
  it.each([
    ['12 rue de la Paix, 75002, Paris', { address: '12 rue de la Paix', postalCode: '75002', city: 'Paris' }],
    ['Bâtiment B, 4 allée des Tilleuls,35000,  Rennes ', { address: 'Bâtiment B, 4 allée des Tilleuls', postalCode: '35000', city: 'Rennes' }],
    ['Résidence Les Pins, appt 3, 1 rue X, 29200, Brest', { address: 'Résidence Les Pins, appt 3, 1 rue X', postalCode: '29200', city: 'Brest' }],
    ['2 place du Marché, 44000, Saint-Herblain', { address: '2 place du Marché', postalCode: '44000', city: 'Saint-Herblain' }],
    ['', null],
    [null, null],
  ])('%p', (raw, expected) => expect(valueOf(splitAddress(raw))).toEqual(expected));

  it.each([
    ['12 rue de la Paix 75002 Paris', 'school.import.address-format'],
    ['12 rue de la Paix, Paris', 'school.import.address-format'],
    [', 75002, Paris', 'school.import.address-format'],
    ['12 rue de la Paix, 75002,', 'school.import.address-format'],
    ['12 rue de la Paix, 7500, Paris', 'school.import.postcode-format'],
    ['12 rue de la Paix, 75O02, Paris', 'school.import.postcode-format'],
    ['12 rue de la Paix, Paris, 75002', 'school.import.postcode-format'],
  ])('rejects %p', (raw, code) => expect(reasonOf(splitAddress(raw))).toBe(code));
});

describe('case 2: « Nom Prénom » cut at the first space from the right', () => {
  it.each([
    ['DUPONT Marie', { lastName: 'DUPONT', firstName: 'Marie' }],
    ['LE GALL Jean-Pierre', { lastName: 'LE GALL', firstName: 'Jean-Pierre' }],
    ['  de  la Tour   Anne-Sophie ', { lastName: 'de la Tour', firstName: 'Anne-Sophie' }],
    ['N’DIAYE Aïssatou', { lastName: 'N’DIAYE', firstName: 'Aïssatou' }],
    ['O\'BRIEN-MARTIN Zoé', { lastName: 'O\'BRIEN-MARTIN', firstName: 'Zoé' }],
  ])('%p', (raw, expected) => expect(valueOf(splitName(raw))).toEqual(expected));

  it.each([
    ['', 'school.import.name-missing'],
    [null, 'school.import.name-missing'],
    ['DUPONT', 'school.import.name-format'],
    ['DUPONT Marie2', 'school.import.name-format'],
    ['12345 67890', 'school.import.name-format'],
    ['DUPONT, Marie', 'school.import.name-format'],
    ['DUPONT Jean-', 'school.import.name-format'],
  ])('rejects %p', (raw, code) => expect(reasonOf(splitName(raw))).toBe(code));
});

describe('case 4: « personnel [espace] professionnel » as E.164', () => {
  it.each([
    ['0612345678 0299871400', { personalPhone: '+33612345678', professionalPhone: '+33299871400' }],
    ['0612345678', { personalPhone: '+33612345678', professionalPhone: null }],
    ['+33612345678 +33299871400', { personalPhone: '+33612345678', professionalPhone: '+33299871400' }],
    ['06.12.34.56.78 02.99.87.14.00', { personalPhone: '+33612345678', professionalPhone: '+33299871400' }],
    ['06 12 34 56 78 02 99 87 14 00', { personalPhone: '+33612345678', professionalPhone: '+33299871400' }],
    ['06 12 34 56 78', { personalPhone: '+33612345678', professionalPhone: null }],
    ['', { personalPhone: null, professionalPhone: null }],
  ])('%p', (raw, expected) => expect(valueOf(splitPhones(raw))).toEqual(expected));

  it.each([
    ['06 12 34 56 78 02 99 87 14', 'school.import.phone-format'],
    ['0612345678 0299871400 0144556677', 'school.import.phone-format'],
    ['0612345678/0299871400', 'school.import.phone-format'],
    ['portable 0612345678', 'school.import.phone-format'],
    ['0012 0299871400', 'school.import.phone-invalid'],
    ['0612345678 0099', 'school.import.phone-invalid'],
  ])('rejects %p', (raw, code) => expect(reasonOf(splitPhones(raw))).toBe(code));
});

describe('status and NIR', () => {
  it.each([
    ['prospect', 'prospect'], ['Prospect', 'prospect'], ['En fonction', 'enrolled'], ['EN  FONCTION', 'enrolled'],
    ['alumni', 'alumni'], ['Alumnis', 'alumni'], ['ALUMNÏ', 'alumni'],
  ])('status %p', (raw, expected) => expect(valueOf(parseStatus(raw))).toBe(expected));

  it.each([['', 'school.import.status-missing'], ['diplômé', 'school.import.status-unknown']])('rejects status %p', (raw, code) => expect(reasonOf(parseStatus(raw))).toBe(code));

  it('reads a NIR with spaces', () => expect(valueOf(parseNir(`${NIR.slice(0, 1)} ${NIR.slice(1, 3)} ${NIR.slice(3)}`))).toBe(NIR));
  it.each([
    ['', 'school.import.nir-missing'],
    ['12345', 'school.import.nir-format'],
    [`${NIR.slice(0, 13)}${NIR.slice(13) === '01' ? '02' : '01'}`, 'school.import.nir-key'],
  ])('rejects NIR %p', (raw, code) => expect(reasonOf(parseNir(raw))).toBe(code));
});

describe('a whole row', () => {
  it('becomes the values written', () => {
    expect(transformRow({
      name: 'LE GALL Jean-Pierre', nir: NIR, status: 'alumni', address: '3, rue Neuve, 35000, Rennes',
      company: 'Ouest Conseil', phones: '0612345678 0299871400', cursus: 'Master MIAGE',
    })).toEqual({ ok: true, value: {
      lastName: 'LE GALL', firstName: 'Jean-Pierre', nir: NIR, status: 'alumni', address: '3, rue Neuve', postalCode: '35000', city: 'Rennes',
      personalPhone: '+33612345678', professionalPhone: '+33299871400', company: 'Ouest Conseil', cursus: 'Master MIAGE',
    } });
  });
  it('is rejected by its first bad column', () => {
    expect(reasonOf(transformRow({ name: 'DUPONT Marie', nir: NIR, status: 'étudiant' }))).toBe('school.import.status-unknown');
  });
});
