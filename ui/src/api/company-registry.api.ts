import { http } from './client';

/** A French company as account fields (GET /api/v1/company-registry/search): the VAT number computed from its SIREN. */
export interface CompanySuggestion {
  legalName: string;
  siren: string;
  siret: string | null;
  vatNumber: string | null;
  nafCode: string | null;
  nafLabel: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  active: boolean;
  /** INSEE workforce band (`12`) and its label (« 20 à 49 salariés »), null when unknown. */
  workforceBand: string | null;
  workforceLabel: string | null;
}

/** Filters of a search (spec 004): NAF code, postcode or département, workforce bands. */
export interface CompanySearchFilters { nafCode?: string; postalCode?: string; workforce?: string[] }

export const companyRegistryApi = {
  search: (q: string, limit = 8) => http.get<{ provider: string; items: CompanySuggestion[] }>('/company-registry/search', { q, limit }),
  /** A search narrowed by filters (a name may then be empty). */
  find: (q: string, filters: CompanySearchFilters, limit = 25) => http.get<{ provider: string; items: CompanySuggestion[] }>('/company-registry/search', {
    q, limit, ...(filters.nafCode ? { nafCode: filters.nafCode } : {}), ...(filters.postalCode ? { postalCode: filters.postalCode } : {}),
    ...(filters.workforce?.length ? { workforce: filters.workforce.join(',') } : {}),
  }),
};
