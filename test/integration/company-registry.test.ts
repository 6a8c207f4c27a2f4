import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createRechercheEntreprisesAdapter } from '../../integrations/company-registry/recherche-entreprises.adapter';
import { SANDBOX_COMPANIES } from '../../integrations/company-registry/sandbox.adapter';
import { checkLegalIdentity } from '../../domain/core/legal-identity';
import { loginAs, testContext, type TestContext } from '../support/api';

/** GET /api/v1/company-registry/search: the sandbox by default, recherche-entreprises at its wire protocol on a loopback server. */
describe('company registry lookup through the API', () => {
  let sandbox: TestContext;
  let token: string;
  let clientToken: string;

  beforeAll(async () => {
    sandbox = testContext();
    token = (await loginAs(sandbox.app, 'manager', 'msp')).accessToken;
    clientToken = (await loginAs(sandbox.app, 'client', 'msp')).accessToken;
  });
  afterAll(async () => { await sandbox.close(); });

  it('every sandbox company has a consistent legal identity (SIREN, SIRET of the SIREN, VAT from the SIREN)', async () => {
    const res = await request(sandbox.app).get('/api/v1/company-registry/search').query({ q: 'a', limit: 25 }).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(400);
    for (const company of SANDBOX_COMPANIES) {
      const found = await request(sandbox.app).get('/api/v1/company-registry/search').query({ q: company.siren }).set('Authorization', `Bearer ${token}`);
      expect(found.status).toBe(200);
      const [item] = found.body.items;
      expect(checkLegalIdentity(item)).toMatchObject({ status: 'consistent', problems: [] });
    }
  });

  it('finds a company by words of its name, accents ignored, and answers it as account fields with its VAT number', async () => {
    const res = await request(sandbox.app).get('/api/v1/company-registry/search').query({ q: 'médical lilas' }).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      provider: 'sandbox',
      items: [{
        legalName: 'CENTRE MEDICAL DES LILAS', siren: '845129378', siret: '84512937800020', vatNumber: 'FR12845129378',
        nafCode: '86.21Z', nafLabel: 'Activité des médecins généralistes',
        addressLine1: '4 AVENUE PASTEUR', addressLine2: null, postalCode: '93260', city: 'LES LILAS', country: 'FR', active: true,
        workforceBand: '11', workforceLabel: '10 à 19 salariés',
      }],
    });
  });

  it('refuses a one-letter query in French (400 naming q) and a client user (403)', async () => {
    const bad = await request(sandbox.app).get('/api/v1/company-registry/search').query({ q: ' x ' }).set('Authorization', `Bearer ${token}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'q' });
    expect(bad.body.errors[0].message).toMatch(/SIREN \(9 chiffres\)/);
    const forbidden = await request(sandbox.app).get('/api/v1/company-registry/search').query({ q: 'garage' }).set('Authorization', `Bearer ${clientToken}`);
    expect(forbidden.status).toBe(403);
    const anonymous = await request(sandbox.app).get('/api/v1/company-registry/search').query({ q: 'garage' });
    expect(anonymous.status).toBe(401);
  });

  it('asks recherche-entreprises at its wire protocol and answers 503 in French when it is down, never 500', async () => {
    let status = 200;
    const asked: string[] = [];
    const server = http.createServer((req, res) => {
      asked.push(req.url ?? '');
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(status === 200 ? {
        results: [{
          siren: '527184360', nom_complet: 'GARAGE MARTIN AUTOMOBILES', nom_raison_sociale: 'GARAGE MARTIN AUTOMOBILES', activite_principale: '45.20A',
          section_activite_principale: 'G', etat_administratif: 'A',
          siege: { siret: '52718436000024', numero_voie: '112', type_voie: 'ROUTE', libelle_voie: 'DE GRENOBLE', code_postal: '38100', libelle_commune: 'GRENOBLE' },
        }],
        total_results: 1, page: 1, per_page: 10, total_pages: 1,
      } : { erreur: 'Service indisponible' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const ctx = testContext({ companyRegistry: createRechercheEntreprisesAdapter({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }) });
    try {
      const manager = (await loginAs(ctx.app, 'manager', 'msp')).accessToken;
      const ok = await request(ctx.app).get('/api/v1/company-registry/search').query({ q: 'garage martin' }).set('Authorization', `Bearer ${manager}`);
      expect(ok.status).toBe(200);
      expect(asked).toEqual(['/search?q=garage+martin&page=1&per_page=10']);
      expect(ok.body).toMatchObject({ provider: 'recherche-entreprises', items: [{ siren: '527184360', vatNumber: 'FR05527184360', addressLine1: '112 ROUTE DE GRENOBLE', nafLabel: "Entretien et réparation de véhicules automobiles légers" }] });
      status = 502;
      const down = await request(ctx.app).get('/api/v1/company-registry/search').query({ q: 'garage martin' }).set('Authorization', `Bearer ${manager}`);
      expect(down.status).toBe(503);
      expect(down.headers['content-type']).toMatch(/problem\+json/);
      expect(down.body.detail).toMatch(/répertoire des entreprises ne répond pas/);
    } finally {
      await ctx.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
