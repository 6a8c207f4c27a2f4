import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { createApp } from '../../api/app';
import { knexConfig } from '../../db/knexfile';
import { MAX_PREPARED_PER_CONNECTION, preparedStatementName } from '../../db/pg-client';
import { loginAs, testContext, type TestContext } from '../support/api';

/**
 * The record service's lists and reads run as named prepared statements
 * (db/pg-client.ts): planned once per pooled connection, not at every request.
 */
describe('prepared statements', () => {
  let t: TestContext;
  let single: Knex;
  beforeAll(() => {
    t = testContext();
    // One connection: what the app prepared is what this pool's next query sees.
    single = knexFactory(knexConfig(process.env.DATABASE_URL!, 1));
  });
  afterAll(async () => {
    await single.destroy();
    await t.close();
  });

  it('runs a list and a record read as statements prepared once on the connection, selecting no search column, a list item as its read answers it', async () => {
    const app = createApp({ ...t.deps, knex: single });
    const { accessToken } = await loginAs(app, 'manager', 'softwhere');
    const get = (path: string) => request(app).get(path).set('Authorization', `Bearer ${accessToken}`);
    const sent: string[] = [];
    const onQuery = (q: { sql: string }) => sent.push(q.sql);
    single.on('query', onQuery);
    let list: request.Response;
    try {
      list = await get('/api/v1/accounts?limit=3&sort=name');
      for (let i = 0; i < 3; i++) expect((await get('/api/v1/accounts?limit=3&sort=name')).status).toBe(200);
      for (let i = 0; i < 3; i++) expect((await get(`/api/v1/accounts/${list.body.items[0].id}`)).status).toBe(200);
    } finally {
      single.off('query', onQuery);
    }
    const listSql = sent.find((s) => /from "accounts"/.test(s) && /order by/.test(s))!;
    const readSql = sent.find((s) => /from "accounts"/.test(s) && /"t"\."id" = \$1/.test(s))!;
    for (const sql of [listSql, readSql]) {
      expect(sql).not.toMatch(/"t"\.\*|"search/);
    }
    expect(list.body.items).toHaveLength(3);
    expect(list.body.items[0]).not.toHaveProperty('search');
    // A list's items (mapped from column names, presentRows) are the records as a read answers them (present).
    for (const item of list.body.items) expect(item).toEqual((await get(`/api/v1/accounts/${item.id}`)).body);
    const prepared = await single.raw<{ rows: Array<{ name: string; runs: number }> }>(
      'select name, generic_plans + custom_plans as runs from pg_prepared_statements where name = any(?)',
      [[preparedStatementName(listSql), preparedStatementName(readSql)]],
    );
    expect(prepared.rows.map((r) => [r.name, r.runs]).sort()).toEqual(
      // Four lists; three reads, then one per item compared below.
      [[preparedStatementName(listSql), 4], [preparedStatementName(readSql), 6]].sort(),
    );
    expect(MAX_PREPARED_PER_CONNECTION).toBeGreaterThan(0);
  });

  it('leaves out of the pool a connection whose prepared plan a table change invalidated, and prepares afresh on the next', async () => {
    const table = `prepared_probe_${process.pid}`;
    await t.admin.raw(`create table ${table} (id int primary key, label text)`);
    await t.admin.raw(`grant select on ${table} to relais_app`);
    await t.admin.raw(`insert into ${table} values (1, 'un')`);
    try {
      const read = () => single(table).select('*').where('id', 1).options({ prepare: true });
      expect(await read()).toEqual([{ id: 1, label: 'un' }]);
      expect(await read()).toEqual([{ id: 1, label: 'un' }]);
      await t.admin.raw(`alter table ${table} add column extra text default 'x'`);
      await expect(read()).rejects.toMatchObject({ code: '0A000' });
      expect(await read()).toEqual([{ id: 1, label: 'un', extra: 'x' }]);
    } finally {
      await t.admin.raw(`drop table ${table}`);
    }
  });
});
