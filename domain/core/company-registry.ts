import { z } from 'zod';
import type { CompanyRegistryPort, CompanySearchFilters, RegistryCompany } from '../../integrations/company-registry/company-registry.port';
import { WORKFORCE_BAND_CODES, workforceLabel } from '../../integrations/company-registry/workforce';
import { DomainError, ValidationError } from '../errors';
import { fieldIssue } from '../i18n/zod-issues';
import { companyRegistryMessage as m } from './company-registry.messages';
import { frenchVatNumber, validSiren, validSiret } from './legal-identity';

/**
 * The French company lookup at account creation (issue 14, spec 003 §2.1): the registry's answer
 * (integrations/company-registry) with the intra-community VAT number computed from the SIREN, as the
 * fields of an account. The registry answers no VAT number; legal-identity.ts holds its key.
 */
export const companySearchQuery = z.object({
  q: z.string().trim().max(200).default(''),
  limit: z.coerce.number().int().min(1).max(25).default(10),
  /** Filters (spec 004's prospecting): a NAF code, a postcode or département, workforce bands (comma-separated). */
  nafCode: z.string().trim().toUpperCase().regex(/^\d{2}\.\d{2}[A-Z]$/, fieldIssue('field.invalid')).optional(),
  postalCode: z.string().trim().toUpperCase().regex(/^(\d{5}|\d{2}|2[AB])$/, fieldIssue('field.postal-code')).optional(),
  workforce: z.string().trim().transform((v) => v.split(',').map((b) => b.trim()).filter(Boolean))
    .pipe(z.array(z.enum(WORKFORCE_BAND_CODES)).max(16)).optional(),
}).strict();
export type CompanySearchQuery = z.infer<typeof companySearchQuery>;

export const companySuggestion = z.object({
  legalName: z.string(),
  siren: z.string(),
  siret: z.string().nullable(),
  vatNumber: z.string().nullable(),
  nafCode: z.string().nullable(),
  nafLabel: z.string().nullable(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string(),
  active: z.boolean(),
  workforceBand: z.string().nullable(),
  workforceLabel: z.string().nullable(),
});
export type CompanySuggestion = z.infer<typeof companySuggestion>;

/** One registry company as account fields: the VAT number from a valid SIREN, a SIRET kept only when its key holds. */
export function suggestionOf(company: RegistryCompany): CompanySuggestion {
  const sirenOk = validSiren(company.siren);
  return {
    legalName: company.legalName,
    siren: company.siren,
    siret: company.siret && validSiret(company.siret) && company.siret.startsWith(company.siren) ? company.siret : null,
    vatNumber: sirenOk ? frenchVatNumber(company.siren) : null,
    nafCode: company.nafCode,
    nafLabel: company.nafLabel,
    addressLine1: company.headOffice.line1,
    addressLine2: company.headOffice.line2,
    postalCode: company.headOffice.postalCode,
    city: company.headOffice.city,
    country: company.headOffice.country,
    active: company.active,
    workforceBand: company.workforceBand,
    workforceLabel: workforceLabel(company.workforceBand),
  };
}

/** The query's filters as the port's, undefined when none is given. */
function filtersOf(query: Partial<CompanySearchQuery>): CompanySearchFilters | undefined {
  const filters: CompanySearchFilters = {
    ...(query.nafCode ? { nafCode: query.nafCode } : {}),
    ...(query.postalCode ? { postalCode: query.postalCode } : {}),
    ...(query.workforce?.length ? { workforceBands: query.workforce } : {}),
  };
  return Object.keys(filters).length ? filters : undefined;
}

/**
 * Searches the registry by name, SIREN or SIRET, narrowed by the filters (which alone may also search);
 * a registry down or refusing answers a French 503 / 400, never a 500.
 */
export async function searchCompanies(registry: CompanyRegistryPort, query: { q: string; limit: number } & Partial<CompanySearchQuery>): Promise<{ provider: string; items: CompanySuggestion[] }> {
  const filters = filtersOf(query);
  if (query.q.replace(/[\s.]/g, '').length < 2 && !(filters && !query.q.trim())) throw new ValidationError([{ field: 'q', message: m('company-registry.query') }]);
  const result = await registry.search({ query: query.q, limit: query.limit, ...(filters ? { filters } : {}) });
  if (!result.ok) {
    if (result.reason === 'rejected') throw new ValidationError([{ field: 'q', message: m('company-registry.rejected') }], m('company-registry.rejected'));
    throw new DomainError(m('company-registry.unavailable'), 503, 'company-registry-unavailable', { retryable: result.retryable });
  }
  return { provider: registry.provider, items: result.companies.map(suggestionOf) };
}
