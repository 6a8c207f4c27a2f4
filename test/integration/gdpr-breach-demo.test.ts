import { loginAs, testContext, type TestContext } from '../support/api';
import request from 'supertest';

/** The breach register's demo (ADR 0025): seeded through the register's actions, read by each organisation's officer. */
describe('the breach register demo', () => {
  let t: TestContext;
  beforeAll(() => { t = testContext(); });
  afterAll(() => t.close());

  it('the MSP has a lost laptop notified to the CNIL in time; Epic Events a mis-sent list documented without notification', async () => {
    const read = async (slug: string) => {
      const token = (await loginAs(t.app, 'dpo', slug)).accessToken;
      return (await request(t.app).get('/api/v1/gdpr/breaches').set('Authorization', `Bearer ${token}`).expect(200)).body.items;
    };
    const [msp] = await read('msp');
    expect(msp).toMatchObject({ title: 'Perte d’un ordinateur portable de technicien', status: 'notified', riskLevel: 'risk', msLeft: null, notifications: [{ phase: 'initial', reference: 'CNIL-NOT-2026-004217' }] });
    const [epic] = await read('epic-events');
    expect(epic).toMatchObject({ title: 'Liste d’invités envoyée au mauvais traiteur', status: 'documented', riskLevel: 'none', authorityDecision: 'not-required' });
    expect(epic.authorityReason).toContain('non susceptible d’engendrer un risque');
  });
});
