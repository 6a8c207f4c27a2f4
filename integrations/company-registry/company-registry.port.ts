/**
 * The French company registry port (issue 14, spec 003 §2.1; spec 004's company search reuses it):
 * find companies by name, SIREN or SIRET and answer what an account needs at creation — the legal
 * name, the SIREN, the head office's SIRET and address, the main activity (NAF/APE code and label).
 * The VAT number is not the registry's: the caller computes it from the SIREN.
 *
 * Like the other ports, an adapter answers expected failures as a typed result; it never throws for
 * the vendor being down, slow or refusing.
 */
export type CompanyRegistryProvider = 'sandbox' | 'recherche-entreprises';

export interface RegistryAddress {
  /** Number, street type and name (« 12 RUE DE LA REPUBLIQUE »), with its complement when any. */
  line1: string | null;
  line2: string | null;
  postalCode: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2; `FR` for an establishment in France. */
  country: string;
}

export interface RegistryCompany {
  siren: string;
  /** The head office's SIRET (SIREN + NIC). */
  siret: string | null;
  legalName: string;
  /** NAF rev. 2 code of the main activity (`62.02A`), and its label. */
  nafCode: string | null;
  nafLabel: string | null;
  headOffice: RegistryAddress;
  /** `false` when the registry says the company ceased (état administratif « C »). */
  active: boolean;
  /** The INSEE workforce band (« tranche d'effectif salarié », `12` = 20 à 49 salariés: workforce.ts), null when unknown. */
  workforceBand: string | null;
}

/** Narrowing a search (spec 004: the school office prospects by activity, place and size); each one optional. */
export interface CompanySearchFilters {
  /** NAF rev. 2 code of the main activity (`62.02A`). */
  nafCode?: string;
  /** The head office's postcode (5 digits), or a département (2 digits, `2A`/`2B` for Corsica). */
  postalCode?: string;
  /** Any of these INSEE workforce bands (workforce.ts). */
  workforceBands?: readonly string[];
}

export interface CompanySearch {
  /** A name (two letters or more), a SIREN (9 digits) or a SIRET (14 digits); spaces are ignored. Empty with filters: every company they keep. */
  query: string;
  /** At most this many companies (1–25). */
  limit: number;
  filters?: CompanySearchFilters;
}

/** Whether a company keeps to the filters (for an adapter whose vendor does not filter, and the sandbox). */
export function keepsTo(company: RegistryCompany, filters: CompanySearchFilters | undefined): boolean {
  if (!filters) return true;
  if (filters.nafCode && company.nafCode !== filters.nafCode) return false;
  if (filters.postalCode && !(company.headOffice.postalCode ?? '').startsWith(filters.postalCode)) return false;
  if (filters.workforceBands?.length && !filters.workforceBands.includes(company.workforceBand ?? '')) return false;
  return true;
}

export type RegistryFailureReason =
  /** The registry refused the query (it says the parameters are wrong). */
  | 'rejected'
  /** Outage, timeout, throttling (HTTP 429): worth retrying later. */
  | 'unavailable';

export type RegistryFailure = { ok: false; reason: RegistryFailureReason; retryable: boolean; message: string };
export type CompanySearchResult = { ok: true; companies: RegistryCompany[] } | RegistryFailure;

export interface CompanyRegistryPort {
  readonly provider: CompanyRegistryProvider;
  search(request: CompanySearch): Promise<CompanySearchResult>;
}

/** The digits of a SIREN or SIRET typed with spaces or dots, or null when the query is not one. */
export function identifierOf(query: string): { kind: 'siren' | 'siret'; digits: string } | null {
  const compact = query.replace(/[\s.]/g, '');
  if (/^\d{9}$/.test(compact)) return { kind: 'siren', digits: compact };
  if (/^\d{14}$/.test(compact)) return { kind: 'siret', digits: compact };
  return null;
}
