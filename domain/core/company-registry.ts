import { z } from 'zod';
import type { CompanyRegistryPort, RegistryCompany } from '../../integrations/company-registry/company-registry.port';
import { DomainError, ValidationError } from '../errors';
import { companyRegistryMessage as m } from './company-registry.messages';
import { frenchVatNumber, validSiren, validSiret } from './legal-identity';

/**
 * The French company lookup at account creation (issue 14, spec 003 §2.1): the registry's answer
 * (integrations/company-registry) with the intra-community VAT number computed from the SIREN, as the
 * fields of an account. The registry answers no VAT number; legal-identity.ts holds its key.
 */
export const companySearchQuery = z.object({
  q: z.string().trim().max(200),
  limit: z.coerce.number().int().min(1).max(25).default(10),
}).strict();

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
  };
}

/** Searches the registry; a registry down or refusing answers a French 503 / 400, never a 500. */
export async function searchCompanies(registry: CompanyRegistryPort, query: { q: string; limit: number }): Promise<{ provider: string; items: CompanySuggestion[] }> {
  if (query.q.replace(/[\s.]/g, '').length < 2) throw new ValidationError([{ field: 'q', message: m('company-registry.query') }]);
  const result = await registry.search({ query: query.q, limit: query.limit });
  if (!result.ok) {
    if (result.reason === 'rejected') throw new ValidationError([{ field: 'q', message: m('company-registry.rejected') }], m('company-registry.rejected'));
    throw new DomainError(m('company-registry.unavailable'), 503, 'company-registry-unavailable', { retryable: result.retryable });
  }
  return { provider: registry.provider, items: result.companies.map(suggestionOf) };
}
