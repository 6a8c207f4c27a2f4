import request from 'supertest';
import { DEFAULT_SLA_TARGETS } from '../../domain/psa/sla';
import { loginAs, testContext, type TestContext } from '../support/api';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/** `/api/v1/psa/sla-policies`: the MSP admin sets the SLA policies; one default; levels checked; others read only. */
describe('MSP: SLA policies through the API', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let admin: string;
  let technician: string;

  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'slapol', ['psa']);
    admin = (await loginAs(t.app, 'admin', tenant.slug)).accessToken;
    technician = (await loginAs(t.app, 'technician', tenant.slug)).accessToken;
  });
  afterAll(() => t.close());

  const post = (token: string, body: object) => request(t.app).post('/api/v1/psa/sla-policies').set('Authorization', `Bearer ${token}`).send(body);

  it('creates policies, keeps one default (making another the default unmakes the first), and refuses the default\'s deletion', async () => {
    const first = await post(admin, { name: 'SLA standard', targets: DEFAULT_SLA_TARGETS, isDefault: true });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: 'SLA standard', isDefault: true, escalationPercents: [70, 90, 100], targets: DEFAULT_SLA_TARGETS });
    const second = await post(admin, { name: 'SLA premium', targets: { ...DEFAULT_SLA_TARGETS, critical: { responseMinutes: 15, resolutionMinutes: 120 } }, escalationPercents: [50, 80, 100], isDefault: true });
    expect(second.status).toBe(201);
    const list = await request(t.app).get('/api/v1/psa/sla-policies').set('Authorization', `Bearer ${technician}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { name: string; isDefault: boolean }) => `${p.name} ${p.isDefault}`)).toEqual(['SLA premium true', 'SLA standard false']);
    const refused = await request(t.app).delete(`/api/v1/psa/sla-policies/${second.body.id}`).set('Authorization', `Bearer ${admin}`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('politique SLA par défaut');
  });

  it('refuses levels that are not three ascending percentages ending at 100, a resolution shorter than the response, and a technician\'s writing, in French, writing nothing', async () => {
    const count = async () => Number((await t.admin('psaSlaPolicies').where({ tenantId: tenant.tenantId }).count({ n: '*' }))[0]!.n);
    const before = await count();
    const levels = await post(admin, { name: 'Mauvais seuils', targets: DEFAULT_SLA_TARGETS, escalationPercents: [90, 70, 100] });
    expect(levels.status).toBe(422);
    expect(JSON.stringify(levels.body)).toContain('trois seuils croissants');
    const targets = await post(admin, { name: 'Mauvais délais', targets: { ...DEFAULT_SLA_TARGETS, low: { responseMinutes: 600, resolutionMinutes: 60 } } });
    expect(targets.status).toBe(400);
    expect(targets.body.errors).toEqual([expect.objectContaining({ field: 'targets.low.resolutionMinutes', message: 'doit être au moins égal au délai de prise en charge', code: 'psa.sla.resolution-before-response' })]);
    expect((await post(technician, { name: 'Pas le droit', targets: DEFAULT_SLA_TARGETS })).status).toBe(403);
    expect(await count()).toBe(before);
  });
});

describe('MSP: business calendars through the API', () => {
  let t: TestContext;
  let tenant: OwnTenant;
  let admin: string;
  let technician: string;

  beforeAll(async () => {
    t = testContext();
    tenant = await createOwnTenant(t.admin, 'slacal', ['psa']);
    admin = (await loginAs(t.app, 'admin', tenant.slug)).accessToken;
    technician = (await loginAs(t.app, 'technician', tenant.slug)).accessToken;
  });
  afterAll(() => t.close());

  it('gives a new organisation its default calendar (Mon–Fri 8:30–12:30 / 13:30–18:00, Paris, French public holidays), which the admin changes and a bad week is refused in French, changing nothing', async () => {
    const list = await request(t.app).get('/api/v1/psa/business-calendars').set('Authorization', `Bearer ${technician}`);
    expect(list.status).toBe(200);
    const [calendar] = list.body.items;
    expect(calendar).toMatchObject({ name: 'Heures ouvrées', timeZone: 'Europe/Paris', isDefault: true, weeklyHours: { 1: [['08:30', '12:30'], ['13:30', '18:00']] } });
    expect(calendar.holidays).toContainEqual({ day: `${new Date().getUTCFullYear()}-07-14`, label: 'Fête nationale' });
    const put = (token: string, body: object) => request(t.app).put(`/api/v1/psa/business-calendars/${calendar.id}`).set('Authorization', `Bearer ${token}`).send(body);
    expect((await put(technician, { name: 'Non' })).status).toBe(403);
    const bad = await put(admin, { weeklyHours: { 1: [['09:00', '12:00'], ['11:00', '14:00']] } });
    expect(bad.status).toBe(422);
    // The calendar's own reason in the reader's language too, never an English one in the French sentence.
    expect(JSON.stringify(bad.body)).toContain('Ce calendrier ne peut pas compter les heures ouvrées : les plages 09:00–12:00 et 11:00–14:00 se chevauchent.');
    const inEnglish = await put(admin, { weeklyHours: { 1: [['09:00', '12:00'], ['11:00', '14:00']] } }).set('Accept-Language', 'en');
    expect(JSON.stringify(inEnglish.body)).toContain('This calendar cannot count business hours: the intervals 09:00–12:00 and 11:00–14:00 overlap.');
    const changed = await put(admin, { name: 'Support 7 h – 19 h', weeklyHours: { 1: [['07:00', '19:00']], 6: [['09:00', '12:00']] }, holidays: [{ day: '2027-01-01', label: "Jour de l'an" }] });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Support 7 h – 19 h', weeklyHours: { 1: [['07:00', '19:00']], 6: [['09:00', '12:00']] }, holidays: [{ day: '2027-01-01', label: "Jour de l'an" }] });
    expect((await put(admin, { name: 'x' }).then(() => request(t.app).put('/api/v1/psa/business-calendars/nope').set('Authorization', `Bearer ${admin}`).send({ name: 'y' }))).status).toBe(404);
  });
});
