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
}

export interface CompanySearch {
  /** A name (two letters or more), a SIREN (9 digits) or a SIRET (14 digits); spaces are ignored. */
  query: string;
  /** At most this many companies (1–25). */
  limit: number;
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
