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
}

export const companyRegistryApi = {
  search: (q: string, limit = 8) => http.get<{ provider: string; items: CompanySuggestion[] }>('/company-registry/search', { q, limit }),
};
