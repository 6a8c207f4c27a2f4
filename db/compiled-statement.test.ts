import knexFactory, { type Knex } from 'knex';
import { knexConfig } from './knexfile';
import { compileStatement, LIMIT_MARKER, StatementCache, valueMarker } from './compiled-statement';

/** Statements built once with markers: where each value goes, and the shapes that cannot be kept. */
describe('compiled statements', () => {
  // Builds queries only: never connects.
  const knex: Knex = knexFactory(knexConfig('postgres://nobody@127.0.0.1:1/none', 1));
  afterAll(() => knex.destroy());

  it('keeps the text and puts each value, the limit included, in its binding; constants stay', () => {
    const qb = knex('accounts as t').select('t.id').where('t.city', valueMarker(1)).where('t.status', 'active')
      .whereRaw('(??, ??) > (?, ?)', ['t.name', 't.id', valueMarker(0), valueMarker(2)]).orderBy('t.name').limit(LIMIT_MARKER);
    const compiled = compileStatement(qb, 3, true)!;
    expect(compiled.sql).toBe('select "t"."id" from "accounts" as "t" where "t"."city" = ? and "t"."status" = ? and ("t"."name", "t"."id") > (?, ?) order by "t"."name" asc limit ?');
    expect(compiled.bindings).toEqual([1, { constant: 'active' }, 0, 2, 3]);
  });

  it('refuses a shape whose value was transformed, repeated, missing or written into the text', () => {
    expect(compileStatement(knex('t').where('name', 'like', `%${valueMarker(0)}%`), 1, false)).toBeNull();
    expect(compileStatement(knex('t').where('a', valueMarker(0)).orWhere('b', valueMarker(0)), 1, false)).toBeNull();
    expect(compileStatement(knex('t').where('a', valueMarker(0)), 2, false)).toBeNull();
    expect(compileStatement(knex('t').whereRaw(`a = '${valueMarker(0)}'`), 1, false)).toBeNull();
    expect(compileStatement(knex('t').where('a', valueMarker(0)), 1, true)).toBeNull();
  });

  it('builds each shape once, remembers a shape that cannot be compiled, and stays bounded', () => {
    const cache = new StatementCache(2);
    const built: string[] = [];
    const compile = (shape: string) => () => { built.push(shape); return shape === 'no' ? null : { sql: shape, bindings: [] }; };
    for (const shape of ['a', 'a', 'no', 'no']) cache.get(shape, compile(shape));
    expect(built).toEqual(['a', 'no']);
    cache.get('b', compile('b'));
    cache.get('a', compile('a'));
    expect(built).toEqual(['a', 'no', 'b', 'a']);
  });
});
