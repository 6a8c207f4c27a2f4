import crypto from 'node:crypto';
import { asUser } from '../support/http';
import { testContext, loginAs, type TestContext } from '../support/api';
import { auditMission } from '../support/audits-fixtures';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Where the audits' areas meet (issue 16): a finding captured from the finding library counts once as a use
 * of it (a replay of the same client id does not count again), and an auditor of the mission adds a check
 * point the assistant suggested to its checklist by naming it (a selection by scope stays the lead's).
 */
describe('audits: a library finding inserted into a mission, a suggested check point added', () => {
  let t: TestContext;
  let firm: OwnTenant;
  let lead: string;
  let auditor: string;
  let missionId: string;

  const api = (token: string) => asUser(t.app, token);

  beforeAll(async () => {
    t = testContext();
    firm = await createOwnTenant(t.admin, 'library-use', ['audits']);
    [lead, auditor] = (await Promise.all([loginAs(t.app, 'mission-lead', firm.slug), loginAs(t.app, 'auditor', firm.slug)])).map((l) => l.accessToken);
    missionId = await auditMission(t.admin, firm, 1, [firm.userIds.auditor!]);
  }, 60_000);

  it('creating a finding from the library counts one use, a replay none', async () => {
    const library = (await api(lead).post('/api/v1/audits/findings-library', {
      title: 'Protocole SMBv1 actif', description: 'Le serveur accepte SMBv1.', risk: 'Propagation d’un rançongiciel.', recommendation: 'Désactiver SMBv1.', defaultSeverity: 'high',
    }).expect(201)).body;
    expect(library.usageCount).toBe(0);
    const body = { id: crypto.randomUUID(), libraryFindingId: library.id, title: library.title, description: library.description, rating: { method: 'grid', likelihood: 3, impact: 3 } };
    await api(auditor).post(`/api/v1/audits/missions/${missionId}/findings`, body).expect(201);
    await api(auditor).post(`/api/v1/audits/missions/${missionId}/findings`, body).expect(200);
    const after = (await api(auditor).get(`/api/v1/audits/findings-library/${library.id}`).expect(200)).body;
    expect(after).toMatchObject({ usageCount: 1, lastUsedAt: expect.any(String) });
    await api(auditor).post(`/api/v1/audits/missions/${missionId}/findings`, { ...body, id: crypto.randomUUID() }).expect(201);
    expect((await api(auditor).get(`/api/v1/audits/findings-library/${library.id}`).expect(200)).body.usageCount).toBe(2);
  });

  it('the mission’s auditor adds a named check point to its checklist, not a whole scope', async () => {
    const point = (await api(lead).post('/api/v1/audits/catalogue', { code: 'SRV-01', scope: 'servers', title: 'Systèmes d’exploitation maintenus par leur éditeur' }).expect(201)).body;
    const added = await api(auditor).post(`/api/v1/audits/missions/${missionId}/checks`, { checkPointIds: [point.id] }).expect(201);
    expect(added.body).toMatchObject({ added: 1, items: [expect.objectContaining({ checkPointId: point.id, code: 'SRV-01' })] });
    expect((await api(auditor).post(`/api/v1/audits/missions/${missionId}/checks`, { checkPointIds: [point.id] }).expect(200)).body).toMatchObject({ added: 0, skipped: 1 });
    await api(auditor).post(`/api/v1/audits/missions/${missionId}/checks`, { scopes: ['network'] }).expect(403);
  });
});
