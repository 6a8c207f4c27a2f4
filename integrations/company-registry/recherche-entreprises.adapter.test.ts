import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCompanyRegistry } from './company-registry.factory';
import { createRechercheEntreprisesAdapter } from './recherche-entreprises.adapter';

/** An answer shaped like recherche-entreprises.api.gouv.fr's `GET /search` (its OpenAPI document's fields). */
const ANSWER = {
  results: [
    {
      siren: '812345676', nom_complet: 'CABINET DURAND & ASSOCIES (CDA)', nom_raison_sociale: 'CABINET DURAND & ASSOCIES', sigle: 'CDA',
      nombre_etablissements: 2, nombre_etablissements_ouverts: 1, activite_principale: '69.10Z', section_activite_principale: 'M',
      categorie_entreprise: 'PME', tranche_effectif_salarie: '11', etat_administratif: 'A', nature_juridique: '5499', date_creation: '2015-06-01',
      siege: {
        siret: '81234567600017', activite_principale: '69.10Z', adresse: '18 RUE DE LA REPUBLIQUE 69002 LYON', numero_voie: '18', indice_repetition: null,
        type_voie: 'RUE', libelle_voie: 'DE LA REPUBLIQUE', complement_adresse: 'BATIMENT B', code_postal: '69002', commune: '69382', libelle_commune: 'LYON',
        code_pays_etranger: null, libelle_commune_etranger: null, est_siege: true, etat_administratif: 'A', latitude: '45.7606', longitude: '4.8357',
      },
      matching_etablissements: [], dirigeants: [], complements: { est_rge: false },
    },
    {
      siren: '894612308', nom_complet: 'clinique dentaire saint-michel', nom_raison_sociale: null, activite_principale: '86.23Z', section_activite_principale: 'Q',
      etat_administratif: 'C', siege: { siret: '89461230800029', numero_voie: '15', type_voie: 'RUE', libelle_voie: 'SAINT-MICHEL', code_postal: '13001', libelle_commune: 'MARSEILLE' },
    },
    { siren: null, nom_complet: 'SANS NUMERO' },
  ],
  total_results: 3, page: 1, per_page: 5, total_pages: 1,
};

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function loopback(handler: Handler): Promise<{ url: string; requests: URL[]; close: () => Promise<void> }> {
  const requests: URL[] = [];
  const server = http.createServer((req, res) => {
    requests.push(new URL(req.url ?? '/', 'http://loopback'));
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const json = (status: number, body: unknown): Handler => (_req, res) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('recherche-entreprises adapter against a loopback server answering like the real API', () => {
  it('asks GET /search with q, page and per_page and reads the head office, NAF code and label, and activity state', async () => {
    const server = await loopback(json(200, ANSWER));
    try {
      const registry = createCompanyRegistry({ provider: 'recherche-entreprises', baseUrl: server.url });
      const result = await registry.search({ query: 'durand lyon', limit: 5 });
      expect(server.requests.map((u) => [u.pathname, u.searchParams.get('q'), u.searchParams.get('page'), u.searchParams.get('per_page')]))
        .toEqual([['/search', 'durand lyon', '1', '5']]);
      expect(result).toEqual({
        ok: true,
        companies: [
          {
            siren: '812345676', siret: '81234567600017', legalName: 'CABINET DURAND & ASSOCIES', nafCode: '69.10Z', nafLabel: 'Activités juridiques',
            headOffice: { line1: '18 RUE DE LA REPUBLIQUE', line2: 'BATIMENT B', postalCode: '69002', city: 'LYON', country: 'FR' }, active: true, workforceBand: '11',
          },
          {
            siren: '894612308', siret: '89461230800029', legalName: 'CLINIQUE DENTAIRE SAINT-MICHEL', nafCode: '86.23Z', nafLabel: 'Pratique dentaire',
            headOffice: { line1: '15 RUE SAINT-MICHEL', line2: null, postalCode: '13001', city: 'MARSEILLE', country: 'FR' }, active: false, workforceBand: null,
          },
        ],
      });
    } finally {
      await server.close();
    }
  });

  it('passes the filters as the API\'s parameters and keeps the companies of the asked activity and band', async () => {
    const server = await loopback(json(200, ANSWER));
    try {
      const result = await createRechercheEntreprisesAdapter({ baseUrl: server.url }).search({ query: '', limit: 5, filters: { nafCode: '69.10Z', postalCode: '69', workforceBands: ['11', '12'] } });
      const asked = server.requests[0]!.searchParams;
      expect([asked.get('q'), asked.get('activite_principale'), asked.get('departement'), asked.get('tranche_effectif_salarie')]).toEqual([null, '69.10Z', '69', '11,12']);
      expect(result.ok && result.companies.map((c) => c.siren)).toEqual(['812345676']);
    } finally {
      await server.close();
    }
  });

  it('sends a SIRET typed with spaces as its digits and keeps only that company', async () => {
    const server = await loopback(json(200, ANSWER));
    try {
      const result = await createRechercheEntreprisesAdapter({ baseUrl: server.url }).search({ query: '812 345 676 00017', limit: 10 });
      expect(server.requests[0]!.searchParams.get('q')).toBe('81234567600017');
      expect(result.ok && result.companies.map((c) => c.siren)).toEqual(['812345676']);
    } finally {
      await server.close();
    }
  });

  it('answers a refused query (400 with its « erreur ») as rejected, not retryable', async () => {
    const server = await loopback(json(400, { erreur: 'Veuillez indiquer au moins un paramètre de recherche.' }));
    try {
      expect(await createRechercheEntreprisesAdapter({ baseUrl: server.url }).search({ query: 'x', limit: 5 }))
        .toEqual({ ok: false, reason: 'rejected', retryable: false, message: 'Veuillez indiquer au moins un paramètre de recherche.' });
    } finally {
      await server.close();
    }
  });

  it.each([[429], [500], [503]])('answers HTTP %i as unavailable and retryable', async (status) => {
    const server = await loopback(json(status, { erreur: 'trop de requêtes' }));
    try {
      const result = await createRechercheEntreprisesAdapter({ baseUrl: server.url }).search({ query: 'garage', limit: 5 });
      expect(result).toMatchObject({ ok: false, reason: 'unavailable', retryable: true });
    } finally {
      await server.close();
    }
  });

  it('answers a body that is not the API\'s (HTML from a proxy) as unavailable', async () => {
    const server = await loopback((_req, res) => { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end('<html>maintenance</html>'); });
    try {
      expect(await createRechercheEntreprisesAdapter({ baseUrl: server.url }).search({ query: 'garage', limit: 5 })).toMatchObject({ ok: false, reason: 'unavailable' });
    } finally {
      await server.close();
    }
  });

  it('answers a server that never answers, and one that is not there, as unavailable instead of throwing', async () => {
    const silent = await loopback(() => { /* never answers */ });
    try {
      expect(await createRechercheEntreprisesAdapter({ baseUrl: silent.url, timeoutMs: 200 }).search({ query: 'garage', limit: 5 }))
        .toMatchObject({ ok: false, reason: 'unavailable', retryable: true });
    } finally {
      await silent.close();
    }
    const gone = await loopback(json(200, ANSWER));
    await gone.close();
    expect(await createRechercheEntreprisesAdapter({ baseUrl: gone.url }).search({ query: 'garage', limit: 5 })).toMatchObject({ ok: false, reason: 'unavailable' });
  });
});
