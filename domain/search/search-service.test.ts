import { phoneDigits, wordsQuery } from './search-service';

/** The digits a search compares with stored E.164 numbers, for queries that look like a phone number. */
describe('phoneDigits', () => {
  it.each([
    ['06 12 34', '61234'],
    ['06 12 34 56 78', '612345678'],
    ['0612345678', '612345678'],
    ['+33 6 12 34 56 78', '33612345678'],
    ['06.12.34.56.78', '612345678'],
    ['06-12-34', '61234'],
    ['0612', '612'],
    ['6123', '6123'],
  ])('reads %j as %j', (query, digits) => {
    expect(phoneDigits(query)).toBe(digits);
  });

  it.each(['061', '1.2.3', 'Dupont', 'rue 12345', 'SIRET 12345678900012', 'A1B2C3D4', ''])('does not take %j for a phone number', (query) => {
    expect(phoneDigits(query)).toBeNull();
  });
});

/** The text-search query of the words typed: a word of three letters or more matches the words it starts, a shorter one only itself. */
describe('wordsQuery', () => {
  it.each([
    ['Boulang', 'boulang:*'],
    ['Garage Martin', 'garage:* & martin:*'],
    ['le ga', 'le & ga'],
    ['Le Gal', 'le & gal:*'],
    ['Crêperie d\'Œuf', 'creperie:* & oeuf:*'],
    ['06 12 34', '06 & 12 & 34'],
  ])('reads %j as %j', (query, text) => {
    expect(wordsQuery(query)).toBe(text);
  });

  it.each(['a', '!!', ' - ', 'l\''])('finds no word in %j', (query) => {
    expect(wordsQuery(query)).toBeNull();
  });
});
