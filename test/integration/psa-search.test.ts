import { withTenant } from '../../db/tenant-scope';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { searchAs, type SearchHit } from '../support/search';

/**
 * The MSP's contracts and tickets in the global search (issue 14): found by their number, their
 * title or name, and their client's name, through the same search as every record (the psa
 * manifest's `search`), under row-level security (another organisation's never) and the reader's
 * scope (a client user finds only its company's tickets and contracts).
 */
describe('psa: contracts and tickets in the global search', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let other: OwnTenant;
  const ids: Record<string, string> = {};
  const token: Record<string, string> = {};

  const search = (who: string, q: string) => searchAs(t.app, token[who], q);
  const psaHits = (hits: SearchHit[]) => hits.filter((h) => h.type.startsWith('psa-')).map((h) => `${h.type} ${h.number}`).sort();

  beforeAll(async () => {
    t = testContext();
    [tenant, other] = await Promise.all([createOwnTenant(t.admin, 'psa-search', ['psa']), createOwnTenant(t.admin, 'psa-search-other', ['psa'])]);
    await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
      const [cote, durand] = await trx('accounts').insert([
        { tenantId: tenant.tenantId, number: 1, name: 'Garage de la Côte', ownerId: tenant.userIds.manager },
        { tenantId: tenant.tenantId, number: 2, name: 'Cabinet Durand', ownerId: tenant.userIds.manager },
      ]).returning('id');
      Object.assign(ids, { cote: cote.id, durand: durand.id });
      const [bank, supervision] = await trx('psaContracts').insert([
        { tenantId: tenant.tenantId, number: 17, accountId: cote.id, name: 'Banque 20 h atelier', type: 'hour-bank', packMinutes: 1200, startDate: '2026-01-01' },
        { tenantId: tenant.tenantId, number: 18, accountId: durand.id, name: 'Forfait supervision', type: 'subscription', startDate: '2026-01-01' },
      ]).returning('id');
      Object.assign(ids, { bank: bank.id, supervision: supervision.id });
      const [mailCote, mailDurand] = await trx('psaTickets').insert([
        { tenantId: tenant.tenantId, number: 41, accountId: cote.id, contractId: bank.id, title: 'Serveur de messagerie injoignable' },
        { tenantId: tenant.tenantId, number: 42, accountId: durand.id, title: 'Messagerie très lente' },
      ]).returning('id');
      Object.assign(ids, { mailCote: mailCote.id, mailDurand: mailDurand.id });
      await trx('users').where({ id: tenant.userIds.client }).update({ accountId: cote.id });
    }, t.admin);
    await withTenant({ tenantId: other.tenantId }, async (trx) => {
      const [account] = await trx('accounts').insert({ tenantId: other.tenantId, number: 1, name: 'Cabinet Durand' }).returning('id');
      await trx('psaContracts').insert({ tenantId: other.tenantId, number: 17, accountId: account.id, name: 'Forfait supervision', type: 'subscription', startDate: '2026-01-01' });
      await trx('psaTickets').insert({ tenantId: other.tenantId, number: 41, accountId: account.id, title: 'Messagerie en panne' });
    }, t.admin);
    for (const role of ['technician', 'manager', 'client']) token[role] = (await loginAs(t.app, role, tenant.slug)).accessToken;
    token.foreign = (await loginAs(t.app, 'manager', other.slug)).accessToken;
  });
  afterAll(() => t.close());

  it('finds tickets by the words of their title, with their client and number', async () => {
    const hits = await search('technician', 'messagerie');
    expect(psaHits(hits)).toEqual(['psa-ticket 41', 'psa-ticket 42']);
    expect(hits.find((h) => h.id === ids.mailCote)).toMatchObject({ type: 'psa-ticket', title: 'Serveur de messagerie injoignable', subtitle: 'Garage de la Côte', number: 41, accountId: ids.cote });
  });

  it('finds a ticket and a contract by their number', async () => {
    expect((await search('technician', '41')).filter((h) => h.type.startsWith('psa-'))).toEqual([expect.objectContaining({ id: ids.mailCote, match: 'exact' })]);
    expect((await search('manager', '18')).filter((h) => h.type.startsWith('psa-'))).toEqual([expect.objectContaining({ id: ids.supervision, title: 'Forfait supervision', subtitle: 'Cabinet Durand' })]);
  });

  it('finds a contract by its name, and a client\'s contracts and tickets by the client\'s name after the client itself', async () => {
    expect(psaHits(await search('manager', 'supervision'))).toEqual(['psa-contract 18']);
    const hits = await search('manager', 'Cabinet Durand');
    expect(hits[0]).toMatchObject({ type: 'account', id: ids.durand });
    expect(psaHits(hits)).toEqual(['psa-contract 18', 'psa-ticket 42']);
  });

  it('a client user finds only its company\'s tickets and contracts', async () => {
    expect(psaHits(await search('client', 'messagerie'))).toEqual(['psa-ticket 41']);
    expect(psaHits(await search('client', 'banque'))).toEqual(['psa-contract 17']);
    expect(await search('client', 'Cabinet Durand')).toEqual([]);
    expect(await search('client', '42')).toEqual([]);
    expect(await search('client', 'supervision')).toEqual([]);
  });

  it('never finds another organisation\'s contracts and tickets', async () => {
    const hits = await search('foreign', 'messagerie');
    expect(hits.map((h) => h.title)).toEqual(['Messagerie en panne']);
    expect(psaHits(await search('manager', 'panne'))).toEqual([]);
    expect(psaHits(await search('foreign', 'Cabinet Durand'))).toEqual(['psa-contract 17', 'psa-ticket 41']);
  });
});
