import { CITIES, SURNAMES } from './seed';

export interface Scenario {
  name: string;
  /** Shown in the report: the path, with <…> where it varies. */
  shape: string;
  /** The requests, picked at random for each call (API and SQL alike). */
  paths: string[];
}

const unaccent = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '');

/** Name fragments people type: whole surnames (with or without accents), prefixes, trades. */
export function searchTerms(count: number): string[] {
  const trades = ['boulangerie', 'garage', 'plomberie', 'pharmacie', 'crêperie', 'transports', 'menuiserie', 'cabinet',
    'fleuriste', 'camping', 'auto-école', 'expert-comptable', 'informatique', 'boucherie', 'atelier', 'hotel'];
  const terms: string[] = [];
  for (let i = 0; terms.length < count; i++) {
    const surname = SURNAMES[(i * 37) % SURNAMES.length]!;
    switch (i % 4) {
      case 0: terms.push(surname.toLowerCase()); break;
      case 1: terms.push(unaccent(surname).toLowerCase()); break;
      case 2: terms.push(unaccent(surname).toLowerCase().slice(0, 5)); break;
      default: terms.push(trades[i % trades.length]!);
    }
  }
  return [...new Set(terms.filter((t) => t.length >= 2))];
}

/**
 * Surnames mistyped (a letter doubled, two swapped, one left out: « marrtin », « matrin », « marin »):
 * mostly only similar names match, the search's slowest way.
 */
export function typoTerms(count: number): string[] {
  const typos = SURNAMES.map((s) => unaccent(s).toLowerCase()).filter((s) => s.length >= 6 && !s.includes(' '))
    .map((s, i) => [s.slice(0, 3) + s.slice(2), s.slice(0, 2) + s[3] + s[2] + s.slice(4), s.slice(0, 3) + s.slice(4)][i % 3]!);
  return [...new Set(typos)].slice(0, count);
}

/** The start of phone numbers typed the French way (« 02 98 45 »), as people search a caller. */
export function phoneTerms(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const digits = String(((i + 1) * 7_919_333) % 10_000_000).padStart(7, '0');
    return `0${1 + (i % 5)} ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4, 6)}`;
  });
}

export function scenarios(accountIds: string[], searchTermCount: number): Scenario[] {
  const cities = CITIES.slice(0, 12).map(([city]) => city);
  const terms = searchTerms(searchTermCount);
  return [
    { name: 'list', shape: '/api/v1/accounts?limit=50', paths: ['/api/v1/accounts?limit=50'] },
    {
      name: 'filtered list (status, by last update)',
      shape: '/api/v1/accounts?status=active&sort=-updatedAt&limit=50',
      paths: ['/api/v1/accounts?status=active&sort=-updatedAt&limit=50'],
    },
    {
      name: 'filtered list (city)',
      shape: '/api/v1/accounts?city=<one of 12>&limit=50',
      paths: cities.map((c) => `/api/v1/accounts?city=${encodeURIComponent(c)}&limit=50`),
    },
    {
      name: 'search',
      shape: `/api/v1/search?q=<one of ${terms.length} name fragments>`,
      paths: terms.map((q) => `/api/v1/search?q=${encodeURIComponent(q)}`),
    },
    {
      name: 'search (typos)',
      shape: `/api/v1/search?q=<one of ${typoTerms(searchTermCount).length} mistyped surnames>`,
      paths: typoTerms(searchTermCount).map((q) => `/api/v1/search?q=${encodeURIComponent(q)}`),
    },
    {
      name: 'search (phone)',
      shape: '/api/v1/search?q=<one of 20 national phone starts>',
      paths: phoneTerms(20).map((q) => `/api/v1/search?q=${encodeURIComponent(q)}`),
    },
    {
      name: 'detail',
      shape: `/api/v1/accounts/<one of ${accountIds.length} ids>`,
      paths: accountIds.map((id) => `/api/v1/accounts/${id}`),
    },
  ];
}
