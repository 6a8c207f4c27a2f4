import ICAL from 'ical.js';
import request from 'supertest';
import { ensureUser } from '../../db/seed';
import { withTenant } from '../../db/tenant-scope';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The core planning context through the API (issue 14, spec 003 §2.3.3), in an MSP of this file's own:
 * agenda entries with If-Match, Idempotency-Key and history; conflicts refused with a French reason
 * naming the other entry (absences block interventions), also when two requests race, and by the
 * database's exclusion constraint for writers that skip the check; what a technician sees; the team's
 * capacity; the iCalendar feed at its secret address; records to plan; another tenant never visible.
 */
describe('planning: agenda entries, conflicts, capacity and iCalendar feed through the API', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let other: OwnTenant;
  const tokens: Record<string, string> = {};
  let hugo: string;
  let lea: string;
  let outsider: string;
  let teamId: string;
  let accountId: string;
  const as = (who: string) => (method: 'get' | 'post' | 'put' | 'patch' | 'delete', url: string) =>
    request(t.app)[method](url).set('Authorization', `Bearer ${tokens[who]}`);
  const manager = () => as('manager');
  const entries = '/api/v1/planning/entries';
  const paris = (local: string) => new Date(`${local}+01:00`).toISOString();

  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'planning', ['psa']);
    other = await createOwnTenant(t.admin, 'planning-other', ['psa']);
    hugo = tenant.userIds.technician!;
    await t.admin('users').where({ id: hugo }).update({ displayName: 'Hugo Technicien' });
    const passwordHash = (await t.admin('users').where({ id: hugo }).first('passwordHash')).passwordHash as string;
    lea = await ensureUser(t.admin, tenant.tenantId, { email: `lea-${tenant.slug}@msp.demo`, displayName: 'Léa Technicienne', type: 'internal', passwordHash, roleKeys: ['technician'] });
    outsider = await ensureUser(t.admin, tenant.tenantId, { email: `sam-${tenant.slug}@msp.demo`, displayName: 'Sam Autre Équipe', type: 'internal', passwordHash, roleKeys: ['technician'] });
    for (const role of ['manager', 'technician', 'client']) tokens[role] = (await loginAs(t.app, role, tenant.slug)).accessToken;
    tokens.otherManager = (await loginAs(t.app, 'manager', other.slug)).accessToken;

    const team = await manager()('post', '/api/v1/planning/teams').send({ name: 'Support N2' });
    expect(team.status).toBe(201);
    teamId = team.body.id;
    const members = await manager()('put', `/api/v1/planning/teams/${teamId}/members`).send({ userIds: [hugo, lea] });
    expect(members.status).toBe(200);
    expect([...members.body.memberIds].sort()).toEqual([hugo, lea].sort());
    accountId = (await manager()('post', '/api/v1/accounts').send({ name: 'Garage Renault Pornic' })).body.id;
  });
  afterAll(() => t.close());

  const intervention = (over: Record<string, unknown> = {}) => ({
    userId: hugo, kind: 'intervention', mode: 'on-site', title: '#1042 Imprimante en panne', accountId,
    startsAt: paris('2026-12-15T14:00:00'), endsAt: paris('2026-12-15T16:00:00'), ...over,
  });

  it('plans an intervention once per Idempotency-Key, then refuses an overlapping one naming it in French (409)', async () => {
    const first = await manager()('post', entries).set('Idempotency-Key', `plan-${tenant.slug}`).send(intervention());
    expect(first.status).toBe(201);
    expect(first.headers.etag).toBe('"1"');
    expect(first.body).toMatchObject({ userId: hugo, userName: 'Hugo Technicien', accountName: 'Garage Renault Pornic', mode: 'on-site', status: 'planned' });
    const again = await manager()('post', entries).set('Idempotency-Key', `plan-${tenant.slug}`).send(intervention());
    expect(again.body.id).toBe(first.body.id);

    const overlapping = await manager()('post', entries).send(intervention({ title: 'Autre', startsAt: paris('2026-12-15T15:00:00'), endsAt: paris('2026-12-15T17:00:00') }));
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.detail).toBe('Hugo Technicien est déjà en intervention chez Garage Renault Pornic de 14 h à 16 h');
    expect(overlapping.body.conflictingEntryId).toBe(first.body.id);
    const inEnglish = await manager()('post', entries).set('Accept-Language', 'en').send(intervention({ startsAt: paris('2026-12-15T15:00:00'), endsAt: paris('2026-12-15T17:00:00') }));
    expect(inEnglish.body.detail).toBe('Hugo Technicien is already on an intervention at Garage Renault Pornic from 2 pm to 4 pm');
    // Right after it is free (periods are half-open).
    const after = await manager()('post', entries).send(intervention({ title: 'Suite', startsAt: paris('2026-12-15T16:00:00'), endsAt: paris('2026-12-15T17:00:00'), mode: 'remote' }));
    expect(after.status).toBe(201);
    expect(await t.admin('planningEntries').where({ tenantId: tenant.tenantId, userId: hugo }).count({ n: '*' }).first()).toEqual({ n: 2 });
  });

  it('refuses an intervention during an absence, saying the absence', async () => {
    const holiday = await manager()('post', entries).send({
      userId: hugo, kind: 'absence', absenceReason: 'holiday', title: 'Congés', allDay: true, startsAt: paris('2026-12-21T00:00:00'), endsAt: paris('2026-12-24T00:00:00'),
    });
    expect(holiday.status).toBe(201);
    const during = await manager()('post', entries).send(intervention({ startsAt: paris('2026-12-22T10:00:00'), endsAt: paris('2026-12-22T11:00:00') }));
    expect(during.status).toBe(409);
    expect(during.body.detail).toBe('Hugo Technicien est en congé du 21 déc. au 23 déc.');
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const before = await t.admin('planningEntries').where({ tenantId: tenant.tenantId }).count({ n: '*' }).first();
    const backwards = await manager()('post', entries).send(intervention({ startsAt: paris('2026-12-10T16:00:00'), endsAt: paris('2026-12-10T14:00:00') }));
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'endsAt', message: 'doit être après le début' })]);
    const noMode = await manager()('post', entries).send(intervention({ mode: undefined, startsAt: paris('2026-12-10T09:00:00'), endsAt: paris('2026-12-10T10:00:00') }));
    expect(noMode.status).toBe(400);
    expect(noMode.body.errors[0].field).toBe('mode');
    const badFilter = await manager()('get', `${entries}?from=demain`);
    expect(badFilter.status).toBe(400);
    expect(await t.admin('planningEntries').where({ tenantId: tenant.tenantId }).count({ n: '*' }).first()).toEqual(before);
  });

  it('moves an entry with If-Match (412 when stale, 409 onto another entry) and keeps its history', async () => {
    const created = await manager()('post', entries).send(intervention({ title: 'Déplacée', startsAt: paris('2026-12-17T09:00:00'), endsAt: paris('2026-12-17T10:00:00') }));
    const id = created.body.id as string;
    const moved = await manager()('patch', `${entries}/${id}`).set('If-Match', '"1"').send({ startsAt: paris('2026-12-18T09:00:00'), endsAt: paris('2026-12-18T11:00:00') });
    expect(moved.status).toBe(200);
    expect(moved.headers.etag).toBe('"2"');
    expect((await manager()('patch', `${entries}/${id}`).set('If-Match', '"1"').send({ title: 'Vieux' })).status).toBe(412);
    const onto = await manager()('patch', `${entries}/${id}`).set('If-Match', '"2"').send({ startsAt: paris('2026-12-15T13:00:00'), endsAt: paris('2026-12-15T14:30:00') });
    expect(onto.status).toBe(409);
    expect(onto.body.detail).toBe('Hugo Technicien est déjà en intervention chez Garage Renault Pornic de 14 h à 16 h');
    // Cancelled, it frees the slot.
    expect((await manager()('patch', `${entries}/${id}`).set('If-Match', '"2"').send({ status: 'cancelled' })).status).toBe(200);
    const history = await manager()('get', `${entries}/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((i: { action: string }) => i.action)).toEqual(expect.arrayContaining(['create', 'update']));
    expect(history.body.items.length).toBe(3);
  });

  it('lets one of two simultaneous requests for the same slot through, and refuses the other', async () => {
    const body = intervention({ title: 'Course', startsAt: paris('2026-12-29T09:00:00'), endsAt: paris('2026-12-29T12:00:00') });
    const answers = await Promise.all([manager()('post', entries).send(body), manager()('post', entries).send({ ...body, startsAt: paris('2026-12-29T11:00:00'), endsAt: paris('2026-12-29T13:00:00') })]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
  });

  it('has the database refuse overlapping entries written without the check (exclusion constraint)', async () => {
    const write = () => withTenant({ tenantId: tenant.tenantId }, (trx) => trx('planningEntries').insert({
      tenantId: tenant.tenantId, userId: lea, kind: 'appointment', title: 'Direct', startsAt: paris('2027-01-05T09:00:00'), endsAt: paris('2027-01-05T10:00:00'),
    }), t.admin);
    await write();
    await expect(write()).rejects.toMatchObject({ code: '23P01', constraint: 'planning_entries_no_overlap' });
  });

  it('filters by period, person and team', async () => {
    await manager()('post', entries).send({ userId: outsider, kind: 'appointment', title: 'Hors équipe', startsAt: paris('2026-12-15T09:00:00'), endsAt: paris('2026-12-15T10:00:00') });
    const day = await manager()('get', `${entries}?from=${paris('2026-12-15T00:00:00')}&to=${paris('2026-12-16T00:00:00')}&limit=200`);
    expect(day.body.items.map((e: { title: string }) => e.title).sort()).toEqual(['#1042 Imprimante en panne', 'Hors équipe', 'Suite']);
    const team = await manager()('get', `${entries}?from=${paris('2026-12-15T00:00:00')}&to=${paris('2026-12-16T00:00:00')}&teamId=${teamId}`);
    expect(team.body.items.map((e: { title: string }) => e.title).sort()).toEqual(['#1042 Imprimante en panne', 'Suite']);
    const person = await manager()('get', `${entries}?userId=${outsider}`);
    expect(person.body.items.map((e: { title: string }) => e.title)).toEqual(['Hors équipe']);
  });

  it('shows a technician his own and his team\'s agenda only, and lets him plan only himself', async () => {
    const tech = as('technician');
    await manager()('post', entries).send({ userId: lea, kind: 'appointment', title: 'Formation Léa', startsAt: paris('2026-12-16T09:00:00'), endsAt: paris('2026-12-16T10:00:00') });
    const seen = await tech('get', `${entries}?limit=200`);
    expect(seen.status).toBe(200);
    const people = new Set(seen.body.items.map((e: { userId: string }) => e.userId));
    expect(people.has(hugo) && people.has(lea)).toBe(true);
    expect(people.has(outsider)).toBe(false);
    const own = await tech('post', entries).send({ kind: 'appointment', title: 'Mon rendez-vous', startsAt: paris('2026-12-30T09:00:00'), endsAt: paris('2026-12-30T10:00:00') });
    expect(own.status).toBe(201);
    expect(own.body.userId).toBe(hugo);
    expect((await tech('post', entries).send({ userId: lea, kind: 'appointment', title: 'Pour Léa', startsAt: paris('2026-12-30T09:00:00'), endsAt: paris('2026-12-30T10:00:00') })).status).toBe(403);
    expect((await as('client')('get', entries)).status).toBe(403);
    // The person picker: himself and his teammates; a manager: everyone.
    const team = (await tech('get', '/api/v1/planning/people')).body.items.map((p: { name: string }) => p.name);
    expect(team).toEqual(['Hugo Technicien', 'Léa Technicienne']);
    expect((await manager()('get', '/api/v1/planning/people')).body.items.map((p: { name: string }) => p.name)).toContain('Sam Autre Équipe');
  });

  it('forecasts the team\'s capacity per person and per week: working hours less absences, planned hours, load', async () => {
    const res = await manager()('get', `/api/v1/planning/capacity?teamId=${teamId}&from=${paris('2026-12-14T00:00:00')}&to=${paris('2026-12-28T00:00:00')}`);
    expect(res.status).toBe(200);
    const hugoWeeks = res.body.people.find((p: { userId: string }) => p.userId === hugo).weeks;
    // Week of the 14th: 45 h; 2 h + 1 h on the 15th (the moved entry was cancelled). Week of the 21st: Monday to Wednesday off.
    expect(hugoWeeks).toEqual([
      { week: '2026-12-14', availableHours: 45, plannedHours: 3, loadPercent: 7 },
      { week: '2026-12-21', availableHours: 18, plannedHours: 0, loadPercent: 0 },
    ]);
    expect(res.body.totals).toHaveLength(2);
    expect((await as('technician')('get', `/api/v1/planning/capacity?teamId=${teamId}&from=${paris('2026-12-14T00:00:00')}&to=${paris('2026-12-21T00:00:00')}`)).status).toBe(200);
    const tooLong = await manager()('get', `/api/v1/planning/capacity?teamId=${teamId}&from=2026-01-01&to=2027-06-01`);
    expect(tooLong.status).toBe(400);
  });

  it('serves a person\'s own agenda as a valid iCalendar feed at a secret address, and a renewed address replaces the old one', async () => {
    const tech = as('technician');
    expect((await tech('get', '/api/v1/planning/ical-feed')).body).toEqual({ active: false, since: null });
    const renewed = await tech('post', '/api/v1/planning/ical-feed');
    expect(renewed.status).toBe(201);
    const feed = await request(t.app).get(renewed.body.path);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(feed.text));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.length).toBeGreaterThanOrEqual(4);
    expect(events.map((e) => e.summary)).toContain('#1042 Imprimante en panne');
    // Only his own agenda: nothing of Léa's, and no notes.
    expect(events.map((e) => e.summary)).not.toContain('Formation Léa');
    expect(feed.text).not.toContain('Léa');
    const stored = await t.admin('planningIcalTokens').where({ userId: hugo }).first('tokenHash');
    expect(Buffer.from(stored.tokenHash).toString('hex')).not.toContain(Buffer.from(renewed.body.token).toString('hex'));
    const again = await tech('post', '/api/v1/planning/ical-feed');
    expect((await request(t.app).get(renewed.body.path)).status).toBe(404);
    expect((await request(t.app).get(again.body.path)).status).toBe(200);
    expect((await request(t.app).get('/api/v1/planning/ical/not-a-token.ics')).status).toBe(404);
  });

  it('lists the team\'s open tickets to plan, until an intervention plans them', async () => {
    const [ticket] = await withTenant({ tenantId: tenant.tenantId }, (trx) => trx('psaTickets').insert({
      tenantId: tenant.tenantId, number: 7001, accountId, title: 'Serveur de fichiers lent', priority: 'high', teamId,
    }).returning('id'), t.admin);
    const before = await as('technician')('get', `/api/v1/planning/to-plan?teamId=${teamId}`);
    expect(before.status).toBe(200);
    expect(before.body.items).toEqual([expect.objectContaining({ recordType: 'psa-ticket', recordId: ticket.id, title: '#7001 Serveur de fichiers lent', accountName: 'Garage Renault Pornic', priority: 'high' })]);
    await as('technician')('post', entries).send({ kind: 'intervention', mode: 'remote', title: '#7001 Serveur de fichiers lent', recordType: 'psa-ticket', recordId: ticket.id, accountId,
      startsAt: paris('2026-12-31T09:00:00'), endsAt: paris('2026-12-31T10:00:00') });
    expect((await as('technician')('get', `/api/v1/planning/to-plan?teamId=${teamId}`)).body.items).toEqual([]);
  });

  it('never shows one tenant\'s agenda, teams or capacity to another', async () => {
    const mine = await manager()('get', `${entries}?limit=1`);
    const id = mine.body.items[0].id;
    const foreign = as('otherManager');
    expect((await foreign('get', `${entries}/${id}`)).status).toBe(404);
    expect((await foreign('patch', `${entries}/${id}`).set('If-Match', '*').send({ title: 'Piraté' })).status).toBe(404);
    expect((await foreign('get', `${entries}?limit=200`)).body.items).toEqual([]);
    expect((await foreign('get', `/api/v1/planning/teams/${teamId}`)).status).toBe(404);
    expect((await foreign('get', `/api/v1/planning/capacity?teamId=${teamId}&from=2026-12-14&to=2026-12-21`)).status).toBe(404);
    expect((await foreign('put', `/api/v1/planning/teams/${teamId}/members`).send({ userIds: [] })).status).toBe(404);
    expect((await foreign('get', `/api/v1/planning/working-hours/${hugo}`)).status).toBe(404);
  });
});
