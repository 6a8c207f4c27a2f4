import knexFactory, { type Knex } from 'knex';
import { knexConfig } from '../../db/knexfile';
import { personalDataDeclaration, processingActivity } from '../../domain/gdpr/personal-data';
import { personalDataDeclarations, recordKinds } from '../../domain/modules/registry';

/**
 * Personal data is declared, not guessed (issue 15, docs/adr/0022): every column of every table of the
 * migrated schema is declared by a module's `personalData`, either personal (category, operator) or
 * listed as not personal. A migration that adds a column no declaration covers fails here, naming it.
 */
describe('personal-data declarations cover the migrated schema', () => {
  let admin: Knex;
  let schema: Map<string, Set<string>>;
  const declared = personalDataDeclarations().map((d) => ({ module: d.module, parsed: personalDataDeclaration.parse(d.declaration) }));

  beforeAll(async () => {
    admin = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 1));
    const rows: Array<{ t: string; c: string }> = (await admin.raw(`
      select c.table_name as t, c.column_name as c
        from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
       where c.table_schema = 'public'
       order by c.table_name, c.ordinal_position`)).rows;
    schema = new Map();
    for (const row of rows) schema.set(row.t, (schema.get(row.t) ?? new Set()).add(row.c));
  });
  afterAll(() => admin.destroy());

  it('every column of every table is declared personal or not personal by a module', () => {
    const covered = new Set(declared.flatMap(({ parsed }) => Object.entries(parsed.tables)
      .flatMap(([table, t]) => [...Object.keys(t.personal), ...t.notPersonal].map((column) => `${table}.${column}`))));
    const uncovered = [...schema].flatMap(([table, columns]) => [...columns].map((c) => `${table}.${c}`)).filter((c) => !covered.has(c));
    expect(uncovered).toEqual([]);
  });

  it('every declared table and column exists (a renamed or dropped column is not declared for nothing)', () => {
    const stale = declared.flatMap(({ parsed }) => Object.entries(parsed.tables)
      .flatMap(([table, t]) => [...Object.keys(t.personal), ...t.notPersonal].map((column) => `${table}.${column}`)))
      .filter((c) => { const [table, column] = c.split('.') as [string, string]; return !schema.get(table)?.has(column); });
    expect(stale).toEqual([]);
  });

  it('a table is declared by one module only, and no column is both personal and not personal', () => {
    const owners = new Map<string, string[]>();
    for (const { module, parsed } of declared) for (const table of Object.keys(parsed.tables)) owners.set(table, [...(owners.get(table) ?? []), module]);
    expect([...owners].filter(([, modules]) => modules.length > 1)).toEqual([]);
    const both = declared.flatMap(({ parsed }) => Object.entries(parsed.tables)
      .flatMap(([table, t]) => t.notPersonal.filter((c) => c in t.personal || t.notPersonal.indexOf(c) !== t.notPersonal.lastIndexOf(c)).map((c) => `${table}.${c}`)));
    expect(both).toEqual([]);
  });

  it('every table and personal column names a declared processing activity, each a complete register entry', () => {
    const activities = declared.flatMap(({ parsed }) => parsed.activities);
    for (const a of activities) expect(() => processingActivity.parse(a)).not.toThrow();
    const keys = new Set(activities.map((a) => a.key));
    expect(keys.size).toBe(activities.length);
    const dangling = declared.flatMap(({ parsed }) => Object.entries(parsed.tables).flatMap(([table, t]) => [
      ...(keys.has(t.activity) ? [] : [`${table}: ${t.activity}`]),
      ...Object.entries(t.personal).filter(([, c]) => c.activity && !keys.has(c.activity)).map(([column, c]) => `${table}.${column}: ${c.activity}`),
    ]));
    expect(dangling).toEqual([]);
  });

  it('the columns a record kind says hold personal data are declared personal', () => {
    const personal = new Set(declared.flatMap(({ parsed }) => Object.entries(parsed.tables).flatMap(([table, t]) => Object.keys(t.personal).map((c) => `${table}.${c}`))));
    const missing = recordKinds().flatMap((k) => k.personalDataColumns.map((c) => `${k.resource.table}.${c}`)).filter((c) => !personal.has(c));
    expect(missing).toEqual([]);
  });
});
