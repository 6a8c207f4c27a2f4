import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Knex } from 'knex';
import { sendContractAlertMails } from '../../api/psa/contract-alert-mails';
import { withTenant } from '../../db/tenant-scope';
import { buildAbility, type Principal } from '../../domain/identity/ability';
import { loadPrincipal } from '../../domain/identity/principal';
import { buyPack, openContract } from '../../domain/psa/contract-actions';
import { deductApprovedTime } from '../../domain/psa/hour-ledger';
import { TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { engineWorker } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { until } from '../support/worker-process';

/**
 * An hour bank's thresholds (spec 003 §6.4) with the real worker: approved time crossing « 20 % »
 * and « 2 h » writes the alerts once for the pack, a draft renewal quote of the same pack, and a
 * mail to the account manager and one to the client's contact, sent by comms once the approval
 * committed; further time in the same pack alerts nothing more; after a new pack, crossing again
 * alerts again.
 */
describe('psa: hour bank thresholds', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let manager: Principal;
  let accountId: string;
  let contactId: string;
  let ticketId: string;
  const tx = <T>(fn: (trx: Knex.Transaction) => Promise<T>) => withTenant({ tenantId: tenant.tenantId }, fn, t.knex);

  beforeAll(async () => {
    t = testContext();
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    running = worker.run();
    tenant = await createOwnTenant(t.admin, 'alerts', ['psa']);
    manager = (await tx((trx) => loadPrincipal(trx, tenant.tenantId, tenant.userIds.manager!)))!;
    await tx(async (trx) => {
      const [account] = await trx('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Pharmacie du Port', ownerId: tenant.userIds.manager }).returning('id');
      accountId = account.id;
      const [contact] = await trx('contacts').insert({ tenantId: tenant.tenantId, accountId, firstName: 'Inès', lastName: 'Garnier', email: 'ines.garnier@pharmacie.example' }).returning('id');
      contactId = contact.id;
      const [ticket] = await trx('psaTickets').insert({ tenantId: tenant.tenantId, number: 1, accountId, title: 'Poste de caisse bloqué' }).returning('id');
      ticketId = ticket.id;
    });
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await t.close();
  });

  const approve = (contractId: string, minutes: number) => tx(async (trx) => {
    const [entry] = await trx('psaTimeEntries').insert({ tenantId: tenant.tenantId, ticketId, userId: tenant.userIds.technician, minutes, kind: 'included', status: 'approved' }).returning('id');
    return deductApprovedTime(trx, { tenantId: tenant.tenantId, userId: manager.userId, timeEntryId: entry.id, contractId, minutes, kind: 'included' });
  });

  it('crossing thresholds alerts once per pack: a renewal quote and mails to the account manager and the client contact, sent after the commit', async () => {
    const contract = await tx((trx) => openContract(trx, manager, {
      accountId, name: 'Assistance 10 h', type: 'hour-bank', startDate: '2026-01-01', packMinutes: 600, packPriceCents: 80_000,
      alertThresholds: [{ percent: 20 }, { minutes: 60 }], accountManagerId: tenant.userIds.manager!, clientContactId: contactId, initialMinutes: 600,
    }));
    const id = String(contract.id);
    expect((await approve(id, 400)).alerts.crossed).toEqual([]);
    const crossing = await approve(id, 90);
    expect(crossing).toMatchObject({ coveredMinutes: 90, billedMinutes: 0, alerts: { crossed: ['percent:20'], renewalQuoteId: expect.any(String) } });
    expect(crossing.alerts.messageIds).toHaveLength(2);
    expect(await sendContractAlertMails(t.deps, tenant.tenantId, crossing.alerts.messageIds)).toBe(2);
    const sent = await until('both alert mails sent', async () => {
      const rows = await tx((trx) => trx('messages').whereIn('id', crossing.alerts.messageIds).orderBy('recipient').select('recipient', 'status', 'subject', 'body', 'recordType', 'recordId'));
      return rows.every((r) => r.status === 'sent') ? rows : undefined;
    });
    expect(sent.map((r) => r.recipient)).toEqual(['ines.garnier@pharmacie.example', `manager@${tenant.slug}.demo`]);
    expect(sent[0]).toMatchObject({ recordType: 'psa-contract', recordId: id, subject: `Banque d'heures du contrat n° ${contract.number} « Assistance 10 h » : il reste 1 h 50` });
    expect(sent[0]!.body).toContain('a franchi le seuil 20 % : il reste 1 h 50 sur 10 h achetées');
    expect(sent[0]!.body).toContain('Un devis de renouvellement du même pack a été préparé.');
    const quote = await tx((trx) => trx('billingQuotes').where({ id: crossing.alerts.renewalQuoteId }).first('status', 'accountId', 'totalExcludingTaxCents', 'lines'));
    expect(quote).toMatchObject({ status: 'draft', accountId, totalExcludingTaxCents: 80_000 });

    // Past the 1 h threshold too: its alert, the same renewal quote; then nothing more in this pack.
    const lower = await approve(id, 60);
    expect(lower.alerts).toMatchObject({ crossed: ['minutes:60'], renewalQuoteId: crossing.alerts.renewalQuoteId });
    expect((await approve(id, 120)).alerts.crossed).toEqual([]);
    // The bank is empty: the rest was billed, never blocked.
    expect(await approve(id, 30)).toMatchObject({ coveredMinutes: 0, billedMinutes: 30 });

    // A new pack: crossing again alerts again, with a new renewal quote.
    await tx((trx) => buyPack({ trx, principal: manager, ability: buildAbility(manager) }, id, {}));
    const again = await approve(id, 500);
    expect(again.alerts.crossed).toEqual(['percent:20']);
    expect(again.alerts.renewalQuoteId).not.toBe(crossing.alerts.renewalQuoteId);
    const alerts = await tx((trx) => trx('psaContractAlerts').where({ contractId: id }).orderBy(['packSequence', 'threshold']).select('threshold', 'packSequence', 'remainingMinutes'));
    expect(alerts).toEqual([
      { threshold: 'minutes:60', packSequence: 1, remainingMinutes: 50 },
      { threshold: 'percent:20', packSequence: 1, remainingMinutes: 110 },
      { threshold: 'percent:20', packSequence: 2, remainingMinutes: 100 },
    ]);
  });
});
