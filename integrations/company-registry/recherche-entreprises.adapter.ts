import type { CompanyRegistryPort, CompanySearchResult, RegistryAddress, RegistryCompany, RegistryFailure } from './company-registry.port';
import { identifierOf, keepsTo } from './company-registry.port';
import { nafLabel } from './naf';
import { workforceBandOf } from './workforce';

/**
 * The French public company search, « API Recherche d'entreprises » (recherche-entreprises.api.gouv.fr,
 * open, no key, 7 requests a second): `GET /search?q=<name, SIREN or SIRET>&page=1&per_page=<n>` answers
 * `{ results: [{ siren, nom_complet, nom_raison_sociale, activite_principale, section_activite_principale,
 * etat_administratif, siege: { siret, numero_voie, indice_repetition, type_voie, libelle_voie,
 * complement_adresse, code_postal, libelle_commune, adresse, … } }], total_results, page, per_page,
 * total_pages }`; a refused query answers 400 `{ erreur }`, throttling 429. Filters are its own parameters:
 * `activite_principale` (NAF code), `code_postal` (5 digits) or `departement` (2), `tranche_effectif_salarie`
 * (band codes, comma-separated); the company's band is its `tranche_effectif_salarie`.
 */
export const RECHERCHE_ENTREPRISES_URL = 'https://recherche-entreprises.api.gouv.fr';
const MAX_PER_PAGE = 25;

type Json = Record<string, unknown>;
const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

function addressOf(siege: Json): RegistryAddress {
  const street = [siege.numero_voie, siege.indice_repetition, siege.type_voie, siege.libelle_voie].map(str).filter(Boolean).join(' ');
  const foreign = str(siege.code_pays_etranger);
  return {
    line1: street || str(siege.complement_adresse) || str(siege.adresse),
    line2: street ? str(siege.complement_adresse) : null,
    postalCode: str(siege.code_postal),
    city: str(siege.libelle_commune) ?? str(siege.libelle_commune_etranger),
    country: foreign ? 'XX' : 'FR',
  };
}

/** One result of the API as the port's company; null when it lacks a SIREN or a name. */
export function companyOf(result: Json): RegistryCompany | null {
  const siren = str(result.siren);
  const name = str(result.nom_raison_sociale) ?? str(result.nom_complet);
  if (!siren || !/^\d{9}$/.test(siren) || !name) return null;
  const siege = (result.siege && typeof result.siege === 'object' ? result.siege : {}) as Json;
  const nafCode = str(result.activite_principale) ?? str(siege.activite_principale);
  const siret = str(siege.siret);
  return {
    siren, siret: siret && /^\d{14}$/.test(siret) ? siret : null, legalName: name.toUpperCase(),
    nafCode, nafLabel: nafLabel(nafCode, str(result.section_activite_principale)),
    headOffice: addressOf(siege), active: result.etat_administratif !== 'C',
    workforceBand: workforceBandOf(result.tranche_effectif_salarie) ?? workforceBandOf(siege.tranche_effectif_salarie),
  };
}

function failure(reason: RegistryFailure['reason'], message: string): RegistryFailure {
  return { ok: false, reason, retryable: reason === 'unavailable', message };
}

export function createRechercheEntreprisesAdapter(options: { baseUrl?: string; timeoutMs?: number } = {}): CompanyRegistryPort {
  const base = (options.baseUrl ?? RECHERCHE_ENTREPRISES_URL).replace(/\/$/, '');
  return {
    provider: 'recherche-entreprises',
    async search({ query, limit, filters }): Promise<CompanySearchResult> {
      const id = identifierOf(query);
      const url = new URL(`${base}/search`);
      if (id || query.trim()) url.searchParams.set('q', id ? id.digits : query.trim());
      if (filters?.nafCode) url.searchParams.set('activite_principale', filters.nafCode);
      if (filters?.postalCode) url.searchParams.set(filters.postalCode.length === 5 ? 'code_postal' : 'departement', filters.postalCode);
      if (filters?.workforceBands?.length) url.searchParams.set('tranche_effectif_salarie', filters.workforceBands.join(','));
      url.searchParams.set('page', '1');
      url.searchParams.set('per_page', String(Math.min(Math.max(limit, 1), MAX_PER_PAGE)));
      let response: Response;
      try {
        response = await fetch(url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(options.timeoutMs ?? 8_000) });
      } catch (error) {
        return failure('unavailable', `recherche-entreprises unreachable: ${(error as Error).name}`);
      }
      if (response.status === 400) {
        const body = await response.json().catch(() => ({})) as Json;
        return failure('rejected', str(body.erreur) ?? 'recherche-entreprises refused the query');
      }
      if (!response.ok) {
        await response.body?.cancel();
        return failure('unavailable', `recherche-entreprises answered HTTP ${response.status}`);
      }
      let body: Json;
      try {
        body = await response.json() as Json;
      } catch {
        return failure('unavailable', 'recherche-entreprises answered something that is not JSON');
      }
      if (!Array.isArray(body.results)) return failure('unavailable', 'recherche-entreprises answered without results');
      let companies = body.results.map((r) => companyOf(r as Json)).filter((c): c is RegistryCompany => c !== null);
      // A SIREN or SIRET search answers that company only (the full text may bring near numbers).
      if (id) companies = companies.filter((c) => c.siren === id.digits.slice(0, 9));
      // The API matches a postcode on any establishment (kept so); activity and band are the company's own.
      companies = companies.filter((c) => keepsTo(c, filters && { ...filters, postalCode: undefined }));
      return { ok: true, companies: companies.slice(0, limit) };
    },
  };
}
