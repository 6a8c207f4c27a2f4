import { normalisePhone, parseClientContact } from './client-contact';

/** The legacy "Client contact" cell: a person, an email and a phone in one line. */
describe('parseClientContact', () => {
  it('splits the spec\'s first example: an email and a valid phone, no person', () => {
    expect(parseClientContact('john.ouick@gmail.com +1 234 567 8901')).toEqual({
      personName: null, email: 'john.ouick@gmail.com', phone: '+12345678901', phoneText: null, extra: [], warnings: [],
    });
  });

  it('splits the spec\'s second example and keeps the invalid phone as written, never inventing a number', () => {
    const c = parseClientContact('Jacky Blangier jacky@loubouzin.grd + 666 12345');
    expect(c).toMatchObject({ personName: 'Jacky Blangier', email: 'jacky@loubouzin.grd', phone: null, phoneText: '+ 666 12345' });
    expect(c.warnings.map((w) => w.render('en'))).toEqual(['"+ 666 12345" is not a valid phone number: kept as written in the client\'s notes, not stored as the phone']);
    expect(c.warnings[0]!.render('fr')).toBe('« + 666 12345 » n\'est pas un numéro de téléphone valide : gardé tel quel dans les notes du client, pas comme téléphone');
  });

  it.each([
    ['Jacky Blangier <jacky@loubouzin.grd>, tél. : 06 12 34 56 78', { personName: 'Jacky Blangier', email: 'jacky@loubouzin.grd', phone: '+33612345678' }],
    ['Marie Curie - 01.23.45.67.89 / marie@example.fr', { personName: 'Marie Curie', email: 'marie@example.fr', phone: '+33123456789' }],
    ['+33 (0)6 12 34 56 78', { personName: null, email: null, phone: '+33612345678' }],
    ['0033 6 12 34 56 78', { personName: null, email: null, phone: '+33612345678' }],
    ["O'Neil Smith, phone: +44 20 7946 0958", { personName: "O'Neil Smith", email: null, phone: '+442079460958' }],
    ['Email: Anne.Dupont@Example.COM', { personName: null, email: 'Anne.Dupont@Example.COM', phone: null }],
    ['mailto:anne@example.com', { personName: null, email: 'anne@example.com', phone: null }],
    ['Jean-Pierre Dupont', { personName: 'Jean-Pierre Dupont', email: null, phone: null }],
    ['Hélène Éloïse Müller 06-12-34-56-78', { personName: 'Hélène Éloïse Müller', email: null, phone: '+33612345678' }],
  ])('%j', (text, expected) => {
    expect(parseClientContact(text)).toMatchObject({ ...expected, phoneText: null, warnings: [] });
  });

  it('keeps a second email and a second phone as written, with a warning each', () => {
    const c = parseClientContact('a@example.fr b@example.fr 06 12 34 56 78 07 12 34 56 78');
    expect(c).toMatchObject({ email: 'a@example.fr', phone: '+33612345678', extra: ['b@example.fr', '07 12 34 56 78'] });
    expect(c.warnings).toHaveLength(2);
  });

  it('answers nothing for an empty cell', () => {
    expect(parseClientContact('')).toEqual({ personName: null, email: null, phone: null, phoneText: null, extra: [], warnings: [] });
    expect(parseClientContact(null)).toMatchObject({ personName: null, email: null });
    expect(parseClientContact('   ')).toMatchObject({ personName: null, email: null });
  });

  it('keeps a too-short or impossible phone as text', () => {
    expect(parseClientContact('Bob 12345')).toMatchObject({ personName: 'Bob', phone: null, phoneText: '12345' });
    expect(parseClientContact('+678 123 456 78')).toMatchObject({ phone: null, phoneText: '+678 123 456 78' });
  });
});

describe('normalisePhone', () => {
  it('gives E.164 for valid numbers (French when no country code) and null otherwise', () => {
    expect(normalisePhone('06 12 34 56 78')).toBe('+33612345678');
    expect(normalisePhone('+ 1 234 567 8901')).toBe('+12345678901');
    expect(normalisePhone('+ 666 12345')).toBeNull();
    expect(normalisePhone('hello')).toBeNull();
  });
});
