import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import { buildAbility, type Principal } from '../../domain/identity/ability';
import { loadPrincipal } from '../../domain/identity/principal';
import { buyPack, openContract } from '../../domain/psa/contract-actions';
import { ALERT_MAIL_KEY } from '../../domain/psa/hour-bank-alerts';
import { deductApprovedTime, ledgerSum, reverseTimeEntry, type TimeKind } from '../../domain/psa/hour-ledger';
import { testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The hour ledger on the real database (spec 003 §2.2): after every step of a seeded-random
 * sequence of time entries, approvals (and approvals repeated), corrections, reversals and pack
 * purchases, the contract's `remaining_minutes` equals the sum of its ledger and the balance a
 * plain model of the rules expects; thresholds are crossed once per pack, each with a draft
 * renewal quote and the alert mails queued.
 */

/** mulberry32: a small seeded generator, so a failing sequence can be replayed from its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS: TimeKind[] = ['billable', 'non-billable', 'included', 'outside'];

describe('psa: the hour ledger', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let manager: Principal;
  let accountId: string;
  let ticketId: string;
  const tx = <T>(fn: (trx: Knex.Transaction) => Promise<T>) => withTenant({ tenantId: tenant.tenantId }, fn, t.knex);

  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'ledger', ['psa']);
    manager = (await tx((trx) => loadPrincipal(trx, tenant.tenantId, tenant.userIds.manager!)))!;
    await tx(async (trx) => {
      const [account] = await trx('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Cabinet Morel', ownerId: tenant.userIds.manager }).returning('id');
      accountId = account.id;
      const [ticket] = await trx('psaTickets').insert({ tenantId: tenant.tenantId, number: 1, accountId, title: 'Imprimante en panne' }).returning('id');
      ticketId = ticket.id;
    });
  });
  afterAll(() => t.close());

  const entry = (minutes: number, kind: TimeKind) => tx(async (trx) => {
    const [row] = await trx('psaTimeEntries').insert({ tenantId: tenant.tenantId, ticketId, userId: tenant.userIds.technician, minutes, kind, status: 'approved' }).returning('id');
    return String(row.id);
  });
  const remainingOf = (contractId: string) => tx(async (trx) => {
    const row = await trx('psaContracts').where({ id: contractId }).first('remainingMinutes');
    return { remaining: Number(row.remainingMinutes), ledger: await ledgerSum(trx, contractId) };
  });

  it('covers what the bank holds and bills the rest, never blocking; deducting twice changes nothing; a reversal gives the minutes back', async () => {
    const contract = await tx((trx) => openContract(trx, manager, {
      accountId, name: 'Banque 2 h', type: 'hour-bank', startDate: '2026-01-01', packMinutes: 120, packPriceCents: 18_000, initialMinutes: 120,
    }));
    const id = String(contract.id);
    expect(contract).toMatchObject({ remainingMinutes: 120, purchasedMinutes: 120, type: 'hour-bank' });
    const first = await entry(90, 'included');
    const approve = (timeEntryId: string, minutes: number, kind: TimeKind) =>
      tx((trx) => deductApprovedTime(trx, { tenantId: tenant.tenantId, userId: tenant.userIds.manager!, timeEntryId, contractId: id, minutes, kind }));
    expect(await approve(first, 90, 'included')).toMatchObject({ coveredMinutes: 90, billedMinutes: 0 });
    expect(await approve(first, 90, 'included')).toMatchObject({ coveredMinutes: 90, billedMinutes: 0 });
    const second = await entry(60, 'billable');
    expect(await approve(second, 60, 'billable')).toMatchObject({ coveredMinutes: 30, billedMinutes: 30 });
    const third = await entry(45, 'billable');
    expect(await approve(third, 45, 'billable')).toMatchObject({ coveredMinutes: 0, billedMinutes: 45 });
    expect(await remainingOf(id)).toEqual({ remaining: 0, ledger: 0 });
    expect(await tx((trx) => reverseTimeEntry(trx, { tenantId: tenant.tenantId, userId: tenant.userIds.manager!, timeEntryId: first, reason: 'correction' }))).toEqual({ reversedMinutes: 90 });
    expect(await tx((trx) => reverseTimeEntry(trx, { tenantId: tenant.tenantId, userId: tenant.userIds.manager!, timeEntryId: first }))).toEqual({ reversedMinutes: 0 });
    expect(await remainingOf(id)).toEqual({ remaining: 90, ledger: 90 });
    const entryRow = await tx((trx) => trx('psaTimeEntries').where({ id: first }).first('coveredMinutes', 'billedMinutes', 'deductedAt', 'contractId'));
    expect(entryRow).toEqual({ coveredMinutes: 0, billedMinutes: 0, deductedAt: null, contractId: id });
  });

  it('after each step of a random sequence of entries, approvals, corrections, reversals and purchases, the balance equals the ledger and the model', async () => {
    const seed = Number(process.env.LEDGER_SEED ?? 20261214);
    const random = seeded(seed);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const contract = await tx((trx) => openContract(trx, manager, {
      accountId, name: 'Banque 10 h', type: 'hour-bank', startDate: '2026-01-01', packMinutes: 600, packPriceCents: 80_000,
      alertThresholds: [{ percent: 20 }, { percent: 10 }, { minutes: 120 }], accountManagerId: tenant.userIds.manager!, initialMinutes: 600,
    }));
    const id = String(contract.id);
    let expected = 600;
    let purchases = 1;
    type Entry = { id: string; minutes: number; kind: TimeKind; covered: number | null };
    const entries: Entry[] = [];
    const ctx = () => ({ principal: manager, ability: buildAbility(manager) });
    const approve = async (e: Entry) => {
      const result = await tx((trx) => deductApprovedTime(trx, { tenantId: tenant.tenantId, userId: manager.userId, timeEntryId: e.id, contractId: id, minutes: e.minutes, kind: e.kind }));
      const covers = e.kind === 'included' || e.kind === 'billable';
      const covered = covers ? Math.min(e.minutes, Math.max(0, expected)) : 0;
      if (e.covered === null) {
        expect(result.coveredMinutes).toBe(covered);
        expect(result.billedMinutes).toBe(e.kind === 'non-billable' ? 0 : e.minutes - covered);
        e.covered = covered;
        expected -= covered;
      } else {
        // Approved again: the standing deduction, nothing moved.
        expect(result.coveredMinutes).toBe(e.covered);
      }
    };
    const reverse = async (e: Entry) => {
      const { reversedMinutes } = await tx((trx) => reverseTimeEntry(trx, { tenantId: tenant.tenantId, userId: manager.userId, timeEntryId: e.id, reason: 'correction' }));
      expect(reversedMinutes).toBe(e.covered ?? 0);
      expected += e.covered ?? 0;
      e.covered = null;
    };
    const steps: string[] = [];
    for (let step = 0; step < 160; step++) {
      const deducted = entries.filter((e) => e.covered !== null);
      const waiting = entries.filter((e) => e.covered === null);
      const roll = random();
      if (roll < 0.3 || !entries.length) {
        const e: Entry = { id: '', minutes: 5 + Math.floor(random() * 240), kind: pick(KINDS), covered: null };
        e.id = await entry(e.minutes, e.kind);
        entries.push(e);
        steps.push(`enter ${e.minutes} ${e.kind}`);
      } else if (roll < 0.68 && waiting.length) {
        const e = pick(waiting);
        await approve(e);
        steps.push(`approve ${e.minutes} ${e.kind}`);
      } else if (roll < 0.72 && deducted.length) {
        const e = pick(deducted);
        await approve(e);
        steps.push('approve again');
      } else if (roll < 0.84 && deducted.length) {
        // A correction: reversed, the minutes and kind changed, approved again.
        const e = pick(deducted);
        await reverse(e);
        e.minutes = 5 + Math.floor(random() * 180);
        e.kind = pick(KINDS);
        await tx((trx) => trx('psaTimeEntries').where({ id: e.id }).update({ minutes: e.minutes, kind: e.kind }));
        await approve(e);
        steps.push(`correct to ${e.minutes} ${e.kind}`);
      } else if (roll < 0.88 && deducted.length) {
        await reverse(pick(deducted));
        steps.push('reverse');
      } else if (roll < 0.94 && expected < 240) {
        // A renewal, bought when the bank runs low.
        await tx((trx) => buyPack({ trx, ...ctx() }, id, {}));
        expected += 600;
        purchases++;
        steps.push('buy a pack');
      }
      const { remaining, ledger } = await remainingOf(id);
      if (remaining !== expected || ledger !== expected) throw new Error(`seed ${seed}, step ${step} (${steps.at(-1)}): balance ${remaining}, ledger ${ledger}, expected ${expected}`);
    }
    expect(steps.filter((s) => s.startsWith('correct')).length).toBeGreaterThan(3);
    expect(purchases).toBeGreaterThan(1);

    // Thresholds: at most once per threshold and pack, each pack's alerts with one renewal quote, mails queued.
    const alerts = await tx((trx) => trx('psaContractAlerts').where({ contractId: id }).select('threshold', 'packSequence', 'renewalQuoteId'));
    expect(alerts.length).toBeGreaterThan(0);
    const quotes = new Map<number, Set<string>>();
    for (const a of alerts) quotes.set(a.packSequence, (quotes.get(a.packSequence) ?? new Set()).add(String(a.renewalQuoteId)));
    for (const set of quotes.values()) expect(set.size).toBe(1);
    const quote = await tx((trx) => trx('billingQuotes').where({ id: alerts[0]!.renewalQuoteId }).first('status', 'accountId', 'totalExcludingTaxCents'));
    expect(quote).toMatchObject({ status: 'draft', accountId, totalExcludingTaxCents: 80_000 });
    const mails = await tx((trx) => trx('messages').whereLike('idempotencyKey', `${ALERT_MAIL_KEY}${id}/%`).select('recipient', 'subject', 'status'));
    expect(mails.length).toBeGreaterThan(0);
    expect(mails[0]).toMatchObject({ recipient: `manager@${tenant.slug}.demo`, status: 'pending', subject: expect.stringContaining('Banque d\'heures du contrat n°') });
  });
});
