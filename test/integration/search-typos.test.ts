import { NativeConnection } from '@temporalio/worker';
import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { knexConfig } from '../../db/knexfile';
import { withTenant } from '../../db/tenant-scope';
import { anonymiseTable } from '../../domain/gdpr/anonymiser';
import { derivedPseudonymKey } from '../../domain/gdpr/pseudonym-key';
import { recordKinds } from '../../domain/modules/registry';
import { foldSearchWords, type SearchWordsFold } from '../../domain/search/search-words';
import { ensureSearchWordsFoldSchedule } from '../../worker/search-words-schedule';
import { SEARCH_WORDS_FOLD_WORKFLOW } from '../../workflows/system/search-words-fold.contract';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { engineWorker } from '../support/engine';
import { createOwnTenant } from '../support/fixtures';

interface Hit { type: string; id: string; title: string; match: string }

/**
 * Mistyped queries through the search dictionary (`search_words`, migration 20261218000800, ADR
 * 0040): a typo finds its record by the close words of the tenant's own names, never another
 * tenant's, and the dictionary follows the names it is made of (a renamed or deleted name's words go)
 * once their logged changes are folded (every minute; at once by an erasure), while writers of names
 * sharing words never wait for each other.
 */
describe('global search: typos through the tenant\'s dictionary', () => {
  let t: TestContext;
  let admin: Knex;
  let app: Knex;
  let own: { tenantId: string; slug: string };
  let other: { tenantId: string; slug: string };
  let token: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = testContext();
    admin = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 1));
    app = knexFactory(knexConfig(process.env.DATABASE_URL!, 1));
    own = await createOwnTenant(admin, 'search-typo');
    other = await createOwnTenant(admin, 'search-typo-other');
    const [bakery] = await admin('accounts').insert({ tenantId: own.tenantId, number: 1, name: 'Boulangerie Lefranc' }).returning('id');
    ids.bakery = bakery.id;
    const [contact] = await admin('contacts').insert({ tenantId: own.tenantId, accountId: bakery.id, firstName: 'Hortense', lastName: 'Vasseur' }).returning('id');
    ids.contact = contact.id;
    // Only in the other organisation: its words must never be read for this one.
    await admin('accounts').insert({ tenantId: other.tenantId, number: 1, name: 'Quincaillerie Zablocki' });
    // The writes only logged their words: the dictionary has none of them until folded.
    expect(await words(own.tenantId)).toEqual([]);
    await fold(own.tenantId);
    await fold(other.tenantId);
    token = (await loginAs(t.app, 'manager', own.slug)).accessToken;
  });
  afterAll(async () => {
    await t.close();
    await app.destroy();
    await admin.destroy();
  });

  const search = async (q: string): Promise<Hit[]> => {
    const res = await request(t.app).get('/api/v1/search').query({ q }).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const words = (tenantId: string) => withTenant({ tenantId }, async (trx) => (await trx('search_words').orderBy('word').pluck('word')) as string[], app);
  const uses = (tenantId: string, list: string[]) => withTenant({ tenantId }, async (trx) =>
    Object.fromEntries((await trx('search_words').whereIn('word', list).select('word', 'uses') as Array<{ word: string; uses: number }>).map((r) => [r.word, r.uses])), app);
  const fold = (tenantId: string) => withTenant({ tenantId }, (trx) => foldSearchWords(trx, tenantId), app);

  it('finds a record by a mistyped word of its name, as a similar match', async () => {
    expect(await search('lefrranc')).toEqual([expect.objectContaining({ id: ids.bakery, type: 'account', match: 'similar' })]);
    expect(await search('vaseur')).toEqual([expect.objectContaining({ id: ids.contact, type: 'contact', match: 'similar' })]);
    // A word the dictionary knows as it is narrows the typo's: only names holding « hortense » and a word close to « vaseur ».
    expect(await search('hortense vaseur')).toEqual([expect.objectContaining({ id: ids.contact, type: 'contact', match: 'similar' })]);
  });

  it('never suggests another organisation\'s names, and its words are not readable here', async () => {
    expect(await search('zablocky')).toEqual([]);
    expect(await words(own.tenantId)).toEqual(['boulangerie', 'hortense', 'lefranc', 'vasseur']);
    expect(await words(other.tenantId)).toEqual(['quincaillerie', 'zablocki']);
  });

  it('follows the names: a renamed or deleted name\'s words go, a word still held by another name stays', async () => {
    const [second] = await admin('accounts').insert({ tenantId: own.tenantId, number: 2, name: 'Lefranc Primeurs' }).returning('id');
    await admin('accounts').where({ id: ids.bakery }).update({ name: 'Boulangerie Marchal' });
    await fold(own.tenantId);
    expect(await words(own.tenantId)).toEqual(['boulangerie', 'hortense', 'lefranc', 'marchal', 'primeurs', 'vasseur']);
    await admin('accounts').where({ id: second.id }).delete();
    await fold(own.tenantId);
    expect(await words(own.tenantId)).toEqual(['boulangerie', 'hortense', 'marchal', 'vasseur']);
    expect(await search('lefrranc')).toEqual([]);
    expect(await search('marchall')).toEqual([expect.objectContaining({ id: ids.bakery, match: 'similar' })]);
  });

  it('every table a kind searches by its own name keeps the dictionary in step (its three triggers)', async () => {
    const tables = [...new Set(recordKinds().filter((k) => k.search?.names.includes('t.search_name')).map((k) => k.resource.table))];
    const rows: Array<{ table: string; count: string }> = (await admin.raw(
      "select c.relname as table, count(*) from pg_trigger g join pg_class c on c.oid = g.tgrelid where g.tgname like '%\\_search\\_words\\_%' group by 1")).rows;
    const triggers = new Map(rows.map((r) => [r.table, Number(r.count)]));
    expect(tables.filter((table) => triggers.get(table) !== 3)).toEqual([]);
  });

  it('two transactions writing names that share words, in opposite orders, neither waits for the other; the periodic fold counts them', async () => {
    const second = knexFactory(knexConfig(process.env.DATABASE_URL!, 1));
    // Each waits 100 ms at most for a lock: a wait fails the statement (« lock timeout »), as a deadlock would.
    const begin = async (k: Knex) => {
      const trx = await k.transaction();
      await trx.raw("select set_config('app.tenant_id', ?, true), set_config('lock_timeout', '100ms', true)", [own.tenantId]);
      return trx;
    };
    const t1 = await begin(app);
    const t2 = await begin(second);
    const account = (trx: Knex.Transaction, number: number, name: string) => trx('accounts').insert({ tenantId: own.tenantId, number, name });
    try {
      await account(t1, 11, 'Cabinet Martin');
      await account(t2, 12, 'Dupont Conseil');
      // With counts updated in place, t1 would wait here for t2's « dupont », then t2 for t1's « martin »: a deadlock.
      await account(t1, 13, 'Cabinet Dupont');
      await account(t2, 14, 'Conseil Martin');
      await t1.commit();
      await t2.commit();
    } catch (error) {
      await t1.rollback().catch(() => undefined);
      await t2.rollback().catch(() => undefined);
      throw error;
    } finally {
      await second.destroy();
    }
    expect(await uses(own.tenantId, ['cabinet', 'conseil', 'dupont', 'martin'])).toEqual({});
    // One run of the workflow the every-minute schedule starts: every organisation's log folded, this one's among them.
    const client = await t.deps.temporal();
    const scheduleId = `relais/search-words-fold-test-${process.pid}`;
    const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    const running = worker.run();
    try {
      const run = await client.workflow.execute(SEARCH_WORDS_FOLD_WORKFLOW, { taskQueue: TASK_QUEUE, workflowId: `${scheduleId}-run` }) as SearchWordsFold;
      expect(run.tenants).toBeGreaterThanOrEqual(1);
      // The schedule, created once the run is checked (its own runs would fold concurrently).
      await ensureSearchWordsFoldSchedule(client, TASK_QUEUE, scheduleId);
      const described = await client.schedule.getHandle(scheduleId).describe();
      expect(described.spec.intervals?.[0]?.every).toBe(60 * 1000);
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: SEARCH_WORDS_FOLD_WORKFLOW, taskQueue: TASK_QUEUE });
    } finally {
      await client.schedule.getHandle(scheduleId).delete().catch(() => undefined);
      worker.shutdown();
      await running;
      await connection.close();
    }
    expect(await uses(own.tenantId, ['cabinet', 'conseil', 'dupont', 'martin'])).toEqual({ cabinet: 2, conseil: 2, dupont: 2, martin: 2 });
    const found = await search('cabinnet');
    expect(found.filter((h) => h.match === 'similar').map((h) => h.title).sort()).toEqual(['Cabinet Dupont', 'Cabinet Martin']);
  });

  it('an anonymised name\'s words leave the dictionary when the anonymisation commits, with no fold to wait for', async () => {
    await withTenant({ tenantId: own.tenantId }, (trx) => anonymiseTable(trx, {
      tenantId: own.tenantId, table: 'accounts', ids: [ids.bakery], reason: 'erasure', key: () => derivedPseudonymKey(own.tenantId),
    }), app);
    const left = await words(own.tenantId);
    expect(left).toEqual(expect.arrayContaining(['hortense', 'vasseur']));
    expect(left).not.toContain('marchal');
    expect(left).not.toContain('boulangerie');
    expect(await search('marchall')).toEqual([]);
  });
});
