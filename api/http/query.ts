import querystring from 'node:querystring';

type Query = Record<string, string | string[]>;

/**
 * The query parser of the app (Express's "simple" one) with one rule: an
 * empty value counts as absent. `?status=&q=` is the same request as none,
 * as a form that leaves its optional filters blank sends it; so every
 * optional parameter the OpenAPI document declares accepts an empty value.
 */
export function parseQuery(text: string): Query {
  const parsed = querystring.parse(text);
  const query: Query = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (Array.isArray(value)) {
      const present = value.filter((v) => v !== '');
      if (present.length) query[name] = present.length === 1 ? present[0]! : present;
    } else if (value !== undefined && value !== '') {
      query[name] = value;
    }
  }
  return query;
}
