import crypto from 'node:crypto';
import request from 'supertest';
import { loginAs, testContext, type TestContext } from '../support/api';
import { BUYER, COMPLETE_PROFILE } from '../support/billing-fixtures';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The MSP pipeline through the API (issue 14, spec 003 §2.1) on an MSP organisation of its own: default
 * stages, opportunities with the record conventions, moves on the board with ranks, won / lost rules,
 * « Créer un devis », the contract a won opportunity opens once its quote is accepted, the journal and
 * the reminders due to their owner, and who may do what.
 */
describe('psa pipeline through the API', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let manager: string;
  let admin: string;
  let technician: string;
  let client: string;
  let accountId: string;
  const api = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', url: string, bearer = manager) => request(t.app)[method](url).set('Authorization', `Bearer ${bearer}`);
  let stages: Array<{ id: string; key: string; labelFr: string; outcome: string }>;
  const stage = (key: string) => stages.find((s) => s.key === key)!;
  const create = async (body: Record<string, unknown>) => {
    const res = await api('post', '/api/v1/psa/opportunities').send({ accountId, ...body });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number; number: number; rank: number; stageId: string };
  };

  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'msp-pipeline', ['psa', 'billing']);
    [manager, admin, technician, client] = (await Promise.all(['manager', 'admin', 'technician', 'client'].map((r) => loginAs(t.app, r, tenant.slug)))).map((s) => s.accessToken);
    const account = await api('post', '/api/v1/accounts').send(BUYER);
    expect(account.status).toBe(201);
    accountId = account.body.id;
    const board = await api('get', '/api/v1/psa/pipeline');
    expect(board.status).toBe(200);
    stages = board.body.stages;
  });
  afterAll(() => t.close());

  it('gives a new organisation the default stages Lead → Qualifié → Proposition → Négociation → Gagné / Perdu', () => {
    expect(stages.map((s) => s.labelFr)).toEqual(['Lead', 'Qualifié', 'Proposition', 'Négociation', 'Gagné', 'Perdu']);
    expect(stages.map((s) => s.outcome)).toEqual(['open', 'open', 'open', 'open', 'won', 'lost']);
  });

  it('creates an opportunity in the first stage with its owner, number and the stage\'s probability; a repeated Idempotency-Key creates one', async () => {
    const key = crypto.randomUUID();
    const body = { accountId, title: 'Infogérance de 12 postes', amountCents: 480_000, expectedCloseDate: '2027-02-28' };
    const first = await api('post', '/api/v1/psa/opportunities').set('Idempotency-Key', key).send(body);
    const again = await api('post', '/api/v1/psa/opportunities').set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(first.body).toMatchObject({ stageKey: 'lead', stageOutcome: 'open', probability: 10, ownerId: tenant.userIds.manager, accountName: BUYER.name, closedAt: null });
    const listed = await api('get', `/api/v1/psa/opportunities?stageId=${stage('lead').id}&outcome=open&limit=1`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.nextCursor === null || typeof listed.body.nextCursor === 'string').toBe(true);
    const bad = await api('get', '/api/v1/psa/opportunities?outcome=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'outcome', message: 'doit être open, won ou lost' });
  });

  it('moves a card between two others of a column (rank in between), needs If-Match and refuses a stale one', async () => {
    const a = await create({ title: 'Sauvegarde externalisée', stageId: stage('qualified').id });
    const b = await create({ title: 'Pare-feu du siège', stageId: stage('qualified').id });
    const c = await create({ title: 'Téléphonie IP' });
    expect(b.rank).toBeGreaterThan(a.rank);
    expect((await api('post', `/api/v1/psa/opportunities/${c.id}/move`).send({ stageId: stage('qualified').id })).status).toBe(428);
    const moved = await api('post', `/api/v1/psa/opportunities/${c.id}/move`).set('If-Match', `"${c.version}"`).send({ stageId: stage('qualified').id, beforeId: a.id, afterId: b.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ stageKey: 'qualified', probability: 25 });
    expect(moved.body.rank).toBeGreaterThan(a.rank);
    expect(moved.body.rank).toBeLessThan(b.rank);
    const stale = await api('post', `/api/v1/psa/opportunities/${c.id}/move`).set('If-Match', `"${c.version}"`).send({ stageId: stage('proposal').id });
    expect(stale.status).toBe(412);
    const board = await api('get', '/api/v1/psa/pipeline');
    const column = board.body.stages.find((s: { key: string }) => s.key === 'qualified');
    expect(column.items.map((o: { id: string }) => o.id).filter((id: string) => [a.id, b.id, c.id].includes(id))).toEqual([a.id, c.id, b.id]);
    const history = await api('get', `/api/v1/psa/opportunities/${c.id}/history`);
    expect(history.body.items.some((h: { changes: Record<string, unknown> }) => 'stageId' in h.changes)).toBe(true);
  });

  it('refuses a lost stage without a reason (French 400, nothing changed) and closes it at 0 % with one; an open stage reopens it', async () => {
    const o = await create({ title: 'Migration Microsoft 365', amountCents: 300_000 });
    const refused = await api('post', `/api/v1/psa/opportunities/${o.id}/move`).set('If-Match', `"${o.version}"`).send({ stageId: stage('lost').id });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'lostReason', message: 'est obligatoire pour une opportunité perdue : indiquez pourquoi' })]);
    expect((await api('get', `/api/v1/psa/opportunities/${o.id}`)).body.version).toBe(o.version);
    const lost = await api('post', `/api/v1/psa/opportunities/${o.id}/move`).set('If-Match', `"${o.version}"`).send({ stageId: stage('lost').id, lostReason: 'Prix jugé trop élevé' });
    expect(lost.status).toBe(200);
    expect(lost.body).toMatchObject({ stageOutcome: 'lost', probability: 0, lostReason: 'Prix jugé trop élevé' });
    expect(lost.body.closedAt).not.toBeNull();
    const reopened = await api('patch', `/api/v1/psa/opportunities/${o.id}`).set('If-Match', `"${lost.body.version}"`).send({ stageId: stage('negotiation').id });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ stageOutcome: 'open', probability: 75, closedAt: null, lostReason: null });
  });

  it('makes a draft quote from an opportunity (its amount, linked), refuses a second one in progress, and opens the hour-bank contract when won with the quote accepted', async () => {
    const o = await create({ title: 'Banque d\'heures 20 h', amountCents: 180_000, contractType: 'hour-bank', contractPackMinutes: 1200, stageId: stage('proposal').id });
    const made = await api('post', `/api/v1/psa/opportunities/${o.id}/quote`).set('Idempotency-Key', crypto.randomUUID());
    expect(made.status).toBe(201);
    expect(made.body.quote).toMatchObject({ status: 'draft', accountId, totalExcludingTaxCents: 180_000 });
    expect(made.body.opportunity).toMatchObject({ quoteId: made.body.quote.id, quoteStatus: 'draft' });
    const again = await api('post', `/api/v1/psa/opportunities/${o.id}/quote`);
    expect(again.status).toBe(409);

    const profile = await api('put', '/api/v1/billing/profile', admin).set('If-Match', '"0"').send(COMPLETE_PROFILE);
    expect(profile.status).toBe(200);
    expect((await api('post', `/api/v1/billing/quotes/${made.body.quote.id}/send`).send({})).status).toBe(200);
    expect((await api('post', `/api/v1/billing/quotes/${made.body.quote.id}/accept`).send({ invoice: 'none', issue: false })).status).toBe(200);

    const current = made.body.opportunity;
    const won = await api('post', `/api/v1/psa/opportunities/${o.id}/move`).set('If-Match', `"${current.version}"`).send({ stageId: stage('won').id });
    expect(won.status).toBe(200);
    expect(won.body).toMatchObject({ stageOutcome: 'won', probability: 100, quoteStatus: 'accepted' });
    expect(won.body.contractId).toEqual(expect.any(String));
    const contract = await t.admin('psaContracts').where({ id: won.body.contractId }).first();
    expect(contract).toMatchObject({ tenantId: tenant.tenantId, type: 'hour-bank', accountId, opportunityId: o.id, quoteId: made.body.quote.id, packMinutes: 1200, remainingMinutes: 1200, accountManagerId: tenant.userIds.manager });
    // The pack sold is in the ledger: the balance is its sum.
    expect(await t.admin('psaHourMovements').where({ contractId: contract.id }).select('kind', 'minutes')).toEqual([{ kind: 'purchase', minutes: 1200 }]);
    // Moving it within the won column again opens nothing more.
    const rewon = await api('post', `/api/v1/psa/opportunities/${o.id}/move`).set('If-Match', `"${won.body.version}"`).send({ stageId: stage('won').id });
    expect(rewon.status).toBe(200);
    expect(rewon.body.contractId).toBe(won.body.contractId);
    expect(Number((await t.admin('psaContracts').where({ opportunityId: o.id }).count('id as n').first())?.n)).toBe(1);
  });

  it('keeps the journal with reminders: a due reminder is in its owner\'s list until marked done, not in others\'', async () => {
    const past = new Date(Date.now() - 3_600_000).toISOString();
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const due = await api('post', '/api/v1/psa/interactions').send({ accountId, kind: 'call', subject: 'Rappeler le gérant pour la proposition', remindAt: past });
    expect(due.status).toBe(201);
    expect(due.body).toMatchObject({ authorId: tenant.userIds.manager, reminderOwnerId: tenant.userIds.manager, reminderDoneAt: null });
    const later = await api('post', '/api/v1/psa/interactions').send({ accountId, kind: 'meeting', subject: 'Visite du site', remindAt: future });
    expect(later.status).toBe(201);
    const note = await api('post', '/api/v1/psa/interactions', technician).send({ accountId, kind: 'note', subject: 'Le serveur de fichiers sature' });
    expect(note.status).toBe(201);

    const mine = await api('get', '/api/v1/psa/reminders');
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([due.body.id]);
    expect(mine.body.items[0]).toMatchObject({ accountName: BUYER.name, subject: 'Rappeler le gérant pour la proposition' });
    expect((await api('get', '/api/v1/psa/reminders', technician)).body.items).toEqual([]);

    const journal = await api('get', `/api/v1/psa/interactions?accountId=${accountId}`);
    expect(journal.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([due.body.id, later.body.id, note.body.id]));
    const done = await api('patch', `/api/v1/psa/interactions/${due.body.id}`).set('If-Match', `"${due.body.version}"`).send({ reminderDone: true });
    expect(done.status).toBe(200);
    expect(done.body.reminderDoneAt).not.toBeNull();
    expect((await api('get', '/api/v1/psa/reminders')).body.items).toEqual([]);
    const badDate = await api('post', '/api/v1/psa/interactions').send({ accountId, kind: 'call', subject: 'x', remindAt: 'demain' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors[0].field).toBe('remindAt');
  });

  it('lets the technician read the pipeline and log a call but not create or move opportunities; the client sees none; only the admin edits stages', async () => {
    expect((await api('get', '/api/v1/psa/pipeline', technician)).status).toBe(200);
    expect((await api('post', '/api/v1/psa/opportunities', technician).send({ accountId, title: 'x' })).status).toBe(403);
    const o = await create({ title: 'Audit de sécurité' });
    expect((await api('post', `/api/v1/psa/opportunities/${o.id}/move`, technician).set('If-Match', `"${o.version}"`).send({ stageId: stage('proposal').id })).status).toBe(403);
    expect((await api('post', `/api/v1/psa/opportunities/${o.id}/quote`, technician)).status).toBe(403);
    expect((await api('get', '/api/v1/psa/opportunities', client)).status).toBe(403);
    expect((await api('post', '/api/v1/psa/pipeline-stages', manager).send({ key: 'demo', labelFr: 'Démo', labelEn: 'Demo', position: 3 })).status).toBe(403);
    const created = await api('post', '/api/v1/psa/pipeline-stages', admin).send({ key: 'demo', labelFr: 'Démo', labelEn: 'Demo', position: 3, defaultProbability: 40 });
    expect(created.status).toBe(201);
    const inUse = await api('delete', `/api/v1/psa/pipeline-stages/${stage('lead').id}`, admin);
    expect(inUse.status).toBe(409);
    expect(inUse.body.detail).toMatch(/^L'étape « Lead » porte encore/);
  });

  it('shows 200 cards a column and gives the cursor of the next ones (« Voir plus »), which the opportunities\' list continues in rank order', async () => {
    const other = await api('post', '/api/v1/accounts').send({ name: `Groupe Kervella ${crypto.randomBytes(3).toString('hex')}` });
    const proposal = stage('proposal');
    const last = Number((await t.admin('psaOpportunities').where({ tenantId: tenant.tenantId }).max('number as n').first())?.n ?? 0);
    await t.admin('psaOpportunities').insert(Array.from({ length: 205 }, (_, i) => ({
      tenantId: tenant.tenantId, number: last + 1 + i, accountId: other.body.id, title: `Poste ${i + 1}`, stageId: proposal.id, rank: (i + 1) * 1024, probability: 50,
    })));
    const board = await api('get', `/api/v1/psa/pipeline?accountId=${other.body.id}`);
    const column = board.body.stages.find((s: { id: string }) => s.id === proposal.id);
    expect(column).toMatchObject({ count: 205, nextCursor: expect.any(String) });
    expect(column.items).toHaveLength(200);
    expect(board.body.stages.filter((s: { id: string }) => s.id !== proposal.id).every((s: { nextCursor: string | null }) => s.nextCursor === null)).toBe(true);
    const more = await api('get', `/api/v1/psa/opportunities?stageId=${proposal.id}&accountId=${other.body.id}&sort=rank&limit=200&cursor=${encodeURIComponent(column.nextCursor)}`);
    expect(more.status).toBe(200);
    expect(more.body.nextCursor).toBeNull();
    const titles = [...column.items, ...more.body.items].map((o: { title: string }) => o.title);
    expect(titles).toEqual(Array.from({ length: 205 }, (_, i) => `Poste ${i + 1}`));
  });
});
