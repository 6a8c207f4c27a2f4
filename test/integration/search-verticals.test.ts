import crypto from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import { knexConfig } from '../../db/knexfile';
import { ensureUser } from '../../db/seed';
import { DEMO_PASSWORD, demoEmail } from '../../db/seeds/demo-tenants';
import { hashPassword } from '../../domain/identity/passwords';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { searchAs } from '../support/search';

/**
 * Global search covers the records of every vertical through their module's
 * registration (`RecordKind.search`): Epic Events' clients, and their
 * contracts and events, are found by the client's name, in the caller's
 * organisation only and only for people who may read them.
 */
describe('global search across verticals (Epic Events)', () => {
  let t: TestContext;
  let admin: Knex;
  let mine: OwnTenant;
  let theirs: OwnTenant;
  // A surname no other record has, so the hits are this test's records.
  const surname = `Kerbrat${crypto.randomBytes(4).toString('hex').replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`;
  const fullName = `Héloïse ${surname}`;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  async function clientWithContractAndEvent(tenant: OwnTenant, prefix: string): Promise<void> {
    const [client] = await admin('eventClients').insert({ tenantId: tenant.tenantId, number: 37, fullName, salesContactId: tenant.userIds.sales }).returning('id');
    const [contract] = await admin('eventContracts').insert({
      tenantId: tenant.tenantId, number: 652, clientId: client.id, totalAmountCents: 500_000, amountDueCents: 500_000, signed: true, signedAt: admin.fn.now(),
    }).returning('id');
    const [event] = await admin('eventEvents').insert({
      tenantId: tenant.tenantId, number: 109, contractId: contract.id, name: 'Séminaire de printemps',
      startsAt: '2027-04-02T08:00:00Z', endsAt: '2027-04-02T17:00:00Z', location: 'Quimper',
    }).returning('id');
    Object.assign(ids, { [`${prefix}Client`]: client.id, [`${prefix}Contract`]: contract.id, [`${prefix}Event`]: event.id });
  }

  beforeAll(async () => {
    t = testContext();
    admin = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 1));
    mine = await createOwnTenant(admin, 'search-ev', ['events']);
    theirs = await createOwnTenant(admin, 'search-ev2', ['events']);
    await clientWithContractAndEvent(mine, 'my');
    await clientWithContractAndEvent(theirs, 'their');
    // Someone of the organisation who may read accounts only.
    const [role] = await admin('roles').insert({ tenantId: mine.tenantId, key: 'accounts-reader', labelFr: 'Lecteur des comptes', labelEn: 'Accounts reader', vertical: 'events' }).returning('id');
    await admin('permissionGrants').insert({ tenantId: mine.tenantId, roleId: role.id, permission: 'core.account.read', scope: 'all' });
    await ensureUser(admin, mine.tenantId, {
      email: demoEmail('accounts-reader', mine.slug), displayName: 'Lecteur', type: 'internal', passwordHash: await hashPassword(DEMO_PASSWORD), roleKeys: ['accounts-reader'],
    });
    for (const role of ['sales', 'support', 'management', 'accounts-reader']) tokens[role] = (await loginAs(t.app, role, mine.slug)).accessToken;
    tokens.theirSales = (await loginAs(t.app, 'sales', theirs.slug)).accessToken;
  });
  afterAll(async () => {
    await t.close();
    await admin.destroy();
  });

  const search = (who: string, q: string) => searchAs(t.app, tokens[who], q);

  it("finds the client, its contract and its event by the client's full name, the client first as the exact name", async () => {
    const hits = await search('sales', fullName);
    expect(hits[0]).toEqual(expect.objectContaining({ type: 'event-client', id: ids.myClient, title: fullName, number: 37, accountId: null, match: 'exact' }));
    expect(hits).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'event-contract', id: ids.myContract, title: fullName, number: 652, match: 'exact' }),
      expect.objectContaining({ type: 'event', id: ids.myEvent, title: 'Séminaire de printemps', subtitle: fullName, number: 109, match: 'exact' }),
    ]));
    expect(hits).toHaveLength(3);
  });

  it("finds them by the client's surname alone, unaccented and in any case", async () => {
    for (const q of [surname, surname.toUpperCase(), `heloise ${surname.toLowerCase()}`]) {
      const hits = await search('support', q);
      expect(hits.map((h) => `${h.type}:${h.id}`).sort()).toEqual([`event:${ids.myEvent}`, `event-client:${ids.myClient}`, `event-contract:${ids.myContract}`].sort());
    }
  });

  it('finds a contract and an event by the number people quote, and an event by its own name', async () => {
    expect(await search('management', '652')).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'event-contract', id: ids.myContract, match: 'exact' })]));
    expect((await search('management', '109'))[0]).toMatchObject({ type: 'event', id: ids.myEvent, match: 'exact' });
    expect((await search('management', 'Séminaire'))[0]).toMatchObject({ type: 'event', id: ids.myEvent, match: 'prefix' });
    expect((await search('management', 'seminaire de print'))[0]).toMatchObject({ type: 'event', id: ids.myEvent, match: 'words' });
  });

  it("never answers another organisation's records", async () => {
    const mineFound = (await search('sales', fullName)).map((h) => h.id);
    for (const id of [ids.theirClient, ids.theirContract, ids.theirEvent]) expect(mineFound).not.toContain(id);
    const theirsFound = (await search('theirSales', fullName)).map((h) => h.id).sort();
    expect(theirsFound).toEqual([ids.theirClient, ids.theirContract, ids.theirEvent].sort());
  });

  it('leaves out the kinds the caller may not read', async () => {
    expect(await search('accounts-reader', fullName)).toEqual([]);
    expect(await search('accounts-reader', '652')).toEqual([]);
  });
});
