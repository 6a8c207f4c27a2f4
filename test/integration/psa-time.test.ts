import crypto from 'node:crypto';
import request from 'supertest';
import { withTenant } from '../../db/tenant-scope';
import { nextNumber } from '../../domain/core/tenant-counter';
import { loginAs, testContext, type TestContext } from '../support/api';
import { BUYER, COMPLETE_PROFILE } from '../support/billing-fixtures';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Time entries, their review and the timer, through the API in an MSP of this file's own: a
 * technician's draft, submitted, approved by a manager (the ticket's totals, the hour bank's ledger
 * and the billable amount moved in one transaction), sent back for changes, corrected once approved;
 * the server-side timer seen from two devices.
 */
describe('psa: time entries, approval and the timer', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  const tokens: Record<string, string> = {};
  let accountId: string;
  const api = (role: string, method: 'get' | 'post' | 'patch' | 'delete', url: string) => request(t.app)[method](url).set('Authorization', `Bearer ${tokens[role]}`);
  const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[1]) => withTenant({ tenantId: tenant.tenantId }, fn, t.admin);

  /** A contract of the account: an hour bank holding `minutes` (a purchase in its ledger), or time and material. */
  const contract = (type: 'hour-bank' | 'time-and-material', minutes = 0) => inTenant(async (trx) => {
    const [row] = await trx('psaContracts').insert({
      tenantId: tenant.tenantId, number: await nextNumber(trx, tenant.tenantId, 'psa.contract'), accountId, name: `Contrat ${crypto.randomBytes(3).toString('hex')}`,
      type, startDate: '2026-01-01', hourlyRateCents: 9_000, packMinutes: type === 'hour-bank' ? 600 : null, packPriceCents: type === 'hour-bank' ? 80_000 : null,
    }).returning('id');
    if (minutes) await trx('psaHourMovements').insert({ tenantId: tenant.tenantId, contractId: row.id, kind: 'purchase', minutes });
    return String(row.id);
  });
  const ticket = (contractId: string | null, title = 'Messagerie bloquée') => inTenant(async (trx) => {
    const [row] = await trx('psaTickets').insert({
      tenantId: tenant.tenantId, number: await nextNumber(trx, tenant.tenantId, 'psa.ticket'), accountId, title, contractId, assigneeId: tenant.userIds.technician,
    }).returning('id');
    return String(row.id);
  });
  const remaining = async (contractId: string) => Number((await inTenant((trx) => trx('psaContracts').where({ id: contractId }).first('remainingMinutes'))).remainingMinutes);
  const ticketTotals = (id: string) => inTenant((trx) => trx('psaTickets').where({ id }).first('approvedMinutes', 'billableAmountCents'));
  const movements = (contractId: string) => inTenant((trx) => trx('psaHourMovements').where({ contractId }).orderBy('createdAt').orderBy('id').select('kind', 'minutes', 'timeEntryId'));

  /** A technician's entry, submitted. */
  const submitted = async (ticketId: string, minutes: number, kind = 'billable') => {
    const created = await api('technician', 'post', '/api/v1/psa/time-entries').send({ ticketId, minutes, kind, description: 'Diagnostic à distance' });
    expect(created.status).toBe(201);
    const sent = await api('technician', 'post', `/api/v1/psa/time-entries/${created.body.id}/submit`);
    expect(sent.status).toBe(200);
    return sent.body as { id: string; version: number };
  };

  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'psa-time', ['psa']);
    for (const role of ['admin', 'manager', 'technician', 'client']) tokens[role] = (await loginAs(t.app, role, tenant.slug)).accessToken;
    accountId = (await api('admin', 'post', '/api/v1/accounts').send({ name: `Cabinet Lemoine ${crypto.randomBytes(3).toString('hex')}` })).body.id;
    await inTenant((trx) => trx('psaTechnicianRates').insert({ tenantId: tenant.tenantId, userId: tenant.userIds.technician, hourlyCostCents: 3_500, hourlyRateCents: 7_500 }));
  });
  afterAll(() => t.close());

  it('a technician writes a draft priced from the rates, submits it; the manager approves it and the hour bank, the ticket and its billable amount move together', async () => {
    const bank = await contract('hour-bank', 600);
    const ticketId = await ticket(bank);
    const draft = await api('technician', 'post', '/api/v1/psa/time-entries').send({ ticketId, minutes: 90, kind: 'billable' });
    expect(draft.status).toBe(201);
    // The contract's hourly rate prices it; the technician's cost values it (read by the manager: psa-time-visibility.test.ts).
    expect(draft.body).toMatchObject({
      status: 'draft', minutes: 90, kind: 'billable', userId: tenant.userIds.technician, hourlyRateCents: 9_000,
      priceCents: 13_500, coveredMinutes: 0, billedMinutes: 0, ticketId,
    });
    expect((await api('manager', 'get', `/api/v1/psa/time-entries/${draft.body.id}`)).body).toMatchObject({ hourlyCostCents: 3_500, costCents: 5_250 });
    const edited = await api('technician', 'patch', `/api/v1/psa/time-entries/${draft.body.id}`).set('If-Match', `"${draft.body.version}"`).send({ minutes: 100 });
    expect(edited.body).toMatchObject({ minutes: 100, priceCents: 15_000 });
    expect((await api('manager', 'get', `/api/v1/psa/time-entries/${draft.body.id}`)).body).toMatchObject({ costCents: 5_833, marginCents: 15_000 - 5_833 });

    expect((await api('technician', 'post', `/api/v1/psa/time-entries/${draft.body.id}/approve`)).status).toBe(403);
    const sent = await api('technician', 'post', `/api/v1/psa/time-entries/${draft.body.id}/submit`);
    expect(sent.body).toMatchObject({ status: 'submitted', submittedAt: expect.any(String) });
    const locked = await api('technician', 'patch', `/api/v1/psa/time-entries/${draft.body.id}`).set('If-Match', '*').send({ minutes: 30 });
    expect(locked.status).toBe(409);
    expect(locked.body.detail).toBe('Ce temps est soumis à validation : il ne se modifie plus, sauf si le manager demande des modifications.');
    // Not counted before approval.
    expect(await remaining(bank)).toBe(600);
    expect((await api('manager', 'get', '/api/v1/psa/time-entries?status=submitted')).body.items.map((e: { id: string }) => e.id)).toContain(draft.body.id);

    const approved = await api('manager', 'post', `/api/v1/psa/time-entries/${draft.body.id}/approve`).send({});
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', coveredMinutes: 100, billedMinutes: 0, contractId: bank, reviewedBy: tenant.userIds.manager, ticketApprovedMinutes: 100, ticketBillableAmountCents: 0 });
    expect(await remaining(bank)).toBe(500);
    expect(await movements(bank)).toEqual([expect.objectContaining({ kind: 'purchase', minutes: 600 }), { kind: 'consumption', minutes: -100, timeEntryId: draft.body.id }]);
    expect(await ticketTotals(ticketId)).toEqual({ approvedMinutes: 100, billableAmountCents: 0 });
    // Approving again changes nothing.
    expect((await api('manager', 'post', `/api/v1/psa/time-entries/${draft.body.id}/approve`)).status).toBe(200);
    expect(await remaining(bank)).toBe(500);
    const gone = await api('manager', 'delete', `/api/v1/psa/time-entries/${draft.body.id}`);
    expect(gone.status).toBe(409);
    expect(gone.body.detail).toBe('Un temps validé ne se supprime pas : il a été compté sur le ticket et le contrat. Corrigez-le.');
  });

  it('an empty bank never blocks: what it cannot cover is billed outside the contract at its hourly rate', async () => {
    const bank = await contract('hour-bank', 60);
    const ticketId = await ticket(bank);
    const entry = await submitted(ticketId, 90);
    const approved = await api('manager', 'post', `/api/v1/psa/time-entries/${entry.id}/approve`);
    expect(approved.body).toMatchObject({ coveredMinutes: 60, billedMinutes: 30, ticketApprovedMinutes: 90, ticketBillableAmountCents: 4_500 });
    expect(await remaining(bank)).toBe(0);
    const nonBillable = await submitted(ticketId, 20, 'non-billable');
    expect((await api('manager', 'post', `/api/v1/psa/time-entries/${nonBillable.id}/approve`)).body).toMatchObject({ coveredMinutes: 0, billedMinutes: 0, ticketApprovedMinutes: 110, ticketBillableAmountCents: 4_500 });
  });

  it('the manager sends an entry back with a comment; the technician corrects and submits it again', async () => {
    const ticketId = await ticket(null);
    const entry = await submitted(ticketId, 45);
    expect((await api('manager', 'post', `/api/v1/psa/time-entries/${entry.id}/request-changes`).send({})).status).toBe(400);
    expect((await api('technician', 'post', `/api/v1/psa/time-entries/${entry.id}/request-changes`).send({ comment: 'non' })).status).toBe(403);
    const back = await api('manager', 'post', `/api/v1/psa/time-entries/${entry.id}/request-changes`).send({ comment: 'Précisez ce qui a été fait sur le serveur.' });
    expect(back.body).toMatchObject({ status: 'changes-requested', reviewComment: 'Précisez ce qui a été fait sur le serveur.' });
    const mine = await api('technician', 'get', '/api/v1/psa/time-entries?userId=me&status=changes-requested');
    expect(mine.body.items.map((e: { id: string }) => e.id)).toEqual([entry.id]);
    const fixed = await api('technician', 'patch', `/api/v1/psa/time-entries/${entry.id}`).set('If-Match', `"${back.body.version}"`).send({ description: 'Redémarrage du service Exchange', minutes: 50 });
    expect(fixed.status).toBe(200);
    expect((await api('technician', 'post', `/api/v1/psa/time-entries/${entry.id}/submit`)).body.status).toBe('submitted');
    const approved = await api('manager', 'post', `/api/v1/psa/time-entries/${entry.id}/approve`);
    // Without a contract the technician's rate prices it and every minute is billed.
    expect(approved.body).toMatchObject({ status: 'approved', billedMinutes: 50, hourlyRateCents: 7_500, ticketBillableAmountCents: 6_250 });
    const history = await api('technician', 'get', `/api/v1/psa/time-entries/${entry.id}/history`);
    expect(history.body.items.map((h: { changes: { status?: { after: string } } }) => h.changes.status?.after).filter(Boolean)).toEqual(['approved', 'submitted', 'changes-requested', 'submitted', 'draft']);
  });

  it('a manager corrects approved time: the deduction is reversed and made again, the ticket moved by the difference; a technician may not', async () => {
    const bank = await contract('hour-bank', 600);
    const ticketId = await ticket(bank);
    const entry = await submitted(ticketId, 90);
    const approved = await api('manager', 'post', `/api/v1/psa/time-entries/${entry.id}/approve`);
    const refused = await api('technician', 'patch', `/api/v1/psa/time-entries/${entry.id}`).set('If-Match', `"${approved.body.version}"`).send({ minutes: 30 });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('Valider ou corriger les temps est réservé aux managers (psa.time-entry.update sur tous les temps).');
    const corrected = await api('manager', 'patch', `/api/v1/psa/time-entries/${entry.id}`).set('If-Match', `"${approved.body.version}"`).send({ minutes: 120 });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ status: 'approved', minutes: 120, coveredMinutes: 120, priceCents: 18_000 });
    expect(await remaining(bank)).toBe(480);
    // Written in one transaction, the reversal and the new consumption share their time: compared as a set.
    const ledger = (await movements(bank)).map((mv) => `${String(mv.kind)} ${Number(mv.minutes)}`).sort();
    expect(ledger).toEqual(['consumption -120', 'consumption -90', 'purchase 600', 'reversal 90']);
    expect(await ticketTotals(ticketId)).toEqual({ approvedMinutes: 120, billableAmountCents: 0 });
    const moved = await api('manager', 'patch', `/api/v1/psa/time-entries/${entry.id}`).set('If-Match', '*').send({ ticketId: await ticket(bank) });
    expect(moved.status).toBe(409);
  });

  it('approval is one transaction: when the ticket cannot be written, neither the entry, the ledger nor the ticket moved', async () => {
    const bank = await contract('hour-bank', 600);
    const ticketId = await ticket(bank);
    const entry = await submitted(ticketId, 60);
    // The ticket refuses the totals' update (a failure after the deduction was written in the same transaction).
    await t.admin.raw(`create or replace function psa_time_test_refuse() returns trigger language plpgsql as $f$ begin
      if new.id = '${ticketId}' and new.approved_minutes <> old.approved_minutes then raise exception 'refused' using errcode = '23514'; end if; return new; end $f$;
      create trigger psa_time_test_refuse before update on psa_tickets for each row execute function psa_time_test_refuse();`);
    try {
      const failed = await api('manager', 'post', `/api/v1/psa/time-entries/${entry.id}/approve`);
      expect(failed.status).toBe(400);
    } finally {
      await t.admin.raw('drop trigger psa_time_test_refuse on psa_tickets; drop function psa_time_test_refuse();');
    }
    expect((await api('manager', 'get', `/api/v1/psa/time-entries/${entry.id}`)).body).toMatchObject({ status: 'submitted', coveredMinutes: 0, contractId: null });
    expect(await remaining(bank)).toBe(600);
    expect(await movements(bank)).toHaveLength(1);
    expect(await ticketTotals(ticketId)).toEqual({ approvedMinutes: 0, billableAmountCents: 0 });
    expect((await api('manager', 'post', `/api/v1/psa/time-entries/${entry.id}/approve`)).body).toMatchObject({ status: 'approved', coveredMinutes: 60 });
    expect(await remaining(bank)).toBe(540);
  });

  it('the timer runs on the server: started on one device, seen and stopped on another, as a draft of the minutes started', async () => {
    const laptop = tokens.technician;
    const phone = (await loginAs(t.app, 'technician', tenant.slug)).accessToken;
    const on = (token: string, method: 'get' | 'post' | 'delete', url: string) => request(t.app)[method](url).set('Authorization', `Bearer ${token}`);
    const ticketId = await ticket(null, 'Imprimante hors ligne');
    const other = await ticket(null, 'Poste lent');
    expect((await on(laptop, 'get', '/api/v1/psa/timer')).body.timer).toBeNull();
    const started = await on(laptop, 'post', '/api/v1/psa/timer/start').send({ ticketId, note: 'Diagnostic' });
    expect(started.status).toBe(201);
    const seen = await on(phone, 'get', '/api/v1/psa/timer');
    expect(seen.body.timer).toMatchObject({ ticketId, ticketTitle: 'Imprimante hors ligne', startedAt: started.body.timer.startedAt, note: 'Diagnostic' });
    expect((await on(phone, 'post', '/api/v1/psa/timer/start').send({ ticketId })).status).toBe(200);
    const busy = await on(phone, 'post', '/api/v1/psa/timer/start').send({ ticketId: other });
    expect(busy.status).toBe(409);
    expect(busy.body.detail).toMatch(/^Votre chronomètre tourne déjà sur le ticket n° \d+ « Imprimante hors ligne » depuis le .+ : arrêtez-le d'abord\.$/);
    // The laptop closed an hour ago: 61 minutes and a half ran.
    await inTenant((trx) => trx('psaTimers').where({ userId: tenant.userIds.technician }).update({ startedAt: trx.raw("now() - interval '61 minutes 30 seconds'") }));
    const stopped = await on(phone, 'post', '/api/v1/psa/timer/stop').send({ kind: 'billable' });
    expect(stopped.status).toBe(201);
    expect(stopped.body).toMatchObject({ capped: false, entry: { ticketId, minutes: 62, status: 'draft', description: 'Diagnostic', userId: tenant.userIds.technician } });
    expect(stopped.body.elapsedSeconds).toBeGreaterThanOrEqual(3_690);
    expect((await on(laptop, 'get', '/api/v1/psa/timer')).body.timer).toBeNull();
    const none = await on(laptop, 'post', '/api/v1/psa/timer/stop');
    expect(none.status).toBe(409);
    expect(none.body.detail).toBe('Aucun chronomètre ne tourne pour vous.');
    // Forgotten over a weekend: capped at a day, to correct.
    await on(laptop, 'post', '/api/v1/psa/timer/start').send({ ticketId: other });
    await inTenant((trx) => trx('psaTimers').where({ userId: tenant.userIds.technician }).update({ startedAt: trx.raw("now() - interval '30 hours'") }));
    expect((await on(laptop, 'post', '/api/v1/psa/timer/stop')).body).toMatchObject({ capped: true, entry: { minutes: 1_440 } });
    expect((await api('client', 'post', '/api/v1/psa/timer/start').send({ ticketId })).status).toBe(403);
    expect((await api('client', 'get', '/api/v1/psa/time-entries')).status).toBe(403);
  });
});

/**
 * The pre-billing queue (spec 003 §6.3): a closed ticket's approved time billed outside the contract
 * feeds it (once, and time approved after closing joins it), an item waived with its reason, and
 * « Facturer » turning the selection into one invoice per client with a report per item.
 */
describe('psa: pre-billing → invoices', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  const tokens: Record<string, string> = {};
  const api = (role: string, method: 'get' | 'post' | 'put' | 'patch', url: string) => request(t.app)[method](url).set('Authorization', `Bearer ${tokens[role]}`);
  const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[1]) => withTenant({ tenantId: tenant.tenantId }, fn, t.admin);
  const ticket = (accountId: string, title: string) => inTenant(async (trx) => {
    const [row] = await trx('psaTickets').insert({ tenantId: tenant.tenantId, number: await nextNumber(trx, tenant.tenantId, 'psa.ticket'), accountId, title }).returning(['id', 'number']);
    return { id: String(row.id), number: Number(row.number) };
  });
  const setStatus = (id: string, status: string) => inTenant((trx) => trx('psaTickets').where({ id }).update({ status }));
  const approve = async (ticketId: string, minutes: number) => {
    const created = await api('technician', 'post', '/api/v1/psa/time-entries').send({ ticketId, minutes, kind: 'billable' });
    await api('technician', 'post', `/api/v1/psa/time-entries/${created.body.id}/submit`);
    expect((await api('manager', 'post', `/api/v1/psa/time-entries/${created.body.id}/approve`)).status).toBe(200);
  };
  const queue = async (query = '') => (await api('admin', 'get', `/api/v1/psa/pre-billing${query}`)).body.items as Array<Record<string, unknown>>;

  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'psa-prebilling', ['psa']);
    for (const role of ['admin', 'manager', 'technician', 'client']) tokens[role] = (await loginAs(t.app, role, tenant.slug)).accessToken;
    expect((await api('admin', 'put', '/api/v1/billing/profile').send(COMPLETE_PROFILE)).status).toBe(200);
    await inTenant((trx) => trx('psaTechnicianRates').insert({ tenantId: tenant.tenantId, userId: tenant.userIds.technician, hourlyCostCents: 3_500, hourlyRateCents: 9_000 }));
  });
  afterAll(() => t.close());

  it('closed tickets feed the queue once, time approved after closing joins it, a waived item keeps its reason, and « Facturer » makes one invoice per client with the right amounts', async () => {
    const bakery = (await api('admin', 'post', '/api/v1/accounts').send({ ...BUYER, name: `${BUYER.name} ${crypto.randomBytes(3).toString('hex')}` })).body.id as string;
    const printer = await ticket(bakery, 'Imprimante hors ligne');
    const mail = await ticket(bakery, 'Messagerie bloquée');
    const gift = await ticket(bakery, 'Conseil rapide');
    await approve(printer.id, 90);
    await approve(mail.id, 50);
    await approve(gift.id, 15);
    expect(await queue()).toEqual([]);

    await setStatus(printer.id, 'closed');
    await setStatus(mail.id, 'closed');
    await setStatus(gift.id, 'closed');
    // Reopened and closed again: still one item.
    await setStatus(printer.id, 'in-progress');
    await setStatus(printer.id, 'closed');
    await approve(printer.id, 30);
    const pending = await queue(`?accountId=${bakery}`);
    expect(pending).toHaveLength(3);
    const itemOf = (ticketId: string) => pending.find((i) => i.ticketId === ticketId)!;
    expect(itemOf(printer.id)).toMatchObject({ status: 'pending', minutes: 120, amountCents: 18_000, accountId: bakery, ticketNumber: printer.number, ticketTitle: 'Imprimante hors ligne', accountName: expect.stringContaining(BUYER.name) });
    expect(itemOf(mail.id)).toMatchObject({ minutes: 50, amountCents: 7_500 });

    const giftItem = itemOf(gift.id);
    const noReason = await api('admin', 'patch', `/api/v1/psa/pre-billing/${String(giftItem.id)}`).set('If-Match', `"${String(giftItem.version)}"`).send({ status: 'excluded' });
    expect(noReason.status).toBe(400);
    const waived = await api('admin', 'patch', `/api/v1/psa/pre-billing/${String(giftItem.id)}`).set('If-Match', `"${String(giftItem.version)}"`).send({ status: 'excluded', excludedReason: 'Geste commercial' });
    expect(waived.body).toMatchObject({ status: 'excluded', excludedReason: 'Geste commercial' });
    const history = await api('admin', 'get', `/api/v1/psa/pre-billing/${String(giftItem.id)}/history`);
    expect(history.body.items[0].changes).toMatchObject({ status: { before: 'pending', after: 'excluded' }, excludedReason: { before: null, after: 'Geste commercial' } });
    expect((await api('technician', 'get', '/api/v1/psa/pre-billing')).status).toBe(403);
    expect((await api('manager', 'post', '/api/v1/psa/pre-billing').send({ ticketId: gift.id })).status).toBe(403);

    const unknown = crypto.randomUUID();
    const report = await api('admin', 'post', '/api/v1/psa/pre-billing/invoice').send({ ids: [String(itemOf(printer.id).id), String(itemOf(mail.id).id), String(giftItem.id), unknown] });
    expect(report.status).toBe(200);
    const [invoice] = report.body.invoices;
    expect(report.body.invoices).toEqual([{ id: expect.any(String), accountId: bakery, number: null, status: 'draft', totalExcludingTaxCents: 25_500, issueProblem: null }]);
    expect(report.body.items).toEqual([
      { id: itemOf(printer.id).id, outcome: 'invoiced', invoiceId: invoice.id, invoiceNumber: null, reason: null },
      { id: itemOf(mail.id).id, outcome: 'invoiced', invoiceId: invoice.id, invoiceNumber: null, reason: null },
      { id: giftItem.id, outcome: 'refused', invoiceId: null, invoiceNumber: null, reason: 'exclu de la facturation : « Geste commercial »' },
      { id: unknown, outcome: 'refused', invoiceId: null, invoiceNumber: null, reason: "introuvable : il n'existe pas ou vous ne pouvez pas le voir" },
    ]);
    const drafted = await api('admin', 'get', `/api/v1/billing/invoices/${String(invoice.id)}`);
    expect(drafted.body).toMatchObject({ accountId: bakery, status: 'draft', totalExcludingTaxCents: 25_500, totalIncludingTaxCents: 30_600 });
    expect(drafted.body.lines.map((l: Record<string, unknown>) => [l.description, l.quantity, l.unit, l.unitPriceCents, l.netCents])).toEqual([
      [`Ticket n° ${printer.number} — Imprimante hors ligne : 2 h d'intervention à 90,00\u00a0€ HT de l'heure`, 2, 'HUR', 9_000, 18_000],
      [`Ticket n° ${mail.number} — Messagerie bloquée : 50 min d'intervention à 90,00\u00a0€ HT de l'heure`, 1, 'C62', 7_500, 7_500],
    ]);
    expect(await queue(`?accountId=${bakery}`)).toEqual([]);
    expect((await queue(`?accountId=${bakery}&status=invoiced`)).map((i) => i.invoiceId)).toEqual([invoice.id, invoice.id]);

    // Again: refused, already invoiced. Time approved after the invoice: a new item for that time only, issued at once.
    const again = await api('admin', 'post', '/api/v1/psa/pre-billing/invoice').send({ ids: [String(itemOf(printer.id).id)] });
    expect(again.body.items[0]).toMatchObject({ outcome: 'refused', reason: 'déjà facturé (facture en brouillon)' });
    await approve(printer.id, 20);
    const [late] = await queue(`?accountId=${bakery}`);
    expect(late).toMatchObject({ ticketId: printer.id, minutes: 20, amountCents: 3_000 });
    const issued = await api('admin', 'post', '/api/v1/psa/pre-billing/invoice').send({ ids: [String(late!.id)], issue: true });
    expect(issued.body.invoices[0]).toMatchObject({ status: 'issued', number: expect.any(String), totalExcludingTaxCents: 3_000, issueProblem: null });
    expect(issued.body.items[0]).toMatchObject({ outcome: 'invoiced', invoiceNumber: issued.body.invoices[0].number });
  });
});
