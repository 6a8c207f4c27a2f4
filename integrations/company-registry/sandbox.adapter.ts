import { identifierOf, keepsTo, type CompanyRegistryPort, type CompanySearchResult, type RegistryCompany } from './company-registry.port';
import { nafLabel } from './naf';

/**
 * The sandbox registry: a few French companies of the kinds an MSP serves (a law firm, a medical
 * centre, a haulier…), with coherent numbers (SIREN and head-office SIRET pass their Luhn keys),
 * NAF codes and head offices, found by name (accent- and case-insensitive words), SIREN or SIRET
 * like the real registry, narrowed by NAF code, postcode (or département) and workforce band. The last
 * five are the employers a business school prospects for internships (spec 004). The default in development
 * and tests; no network.
 */
function company(siren: string, nic: string, legalName: string, nafCode: string, line1: string, postalCode: string, city: string, workforceBand: string, active = true): RegistryCompany {
  return {
    siren, siret: siren + nic, legalName, nafCode, nafLabel: nafLabel(nafCode),
    headOffice: { line1, line2: null, postalCode, city, country: 'FR' }, active, workforceBand,
  };
}

export const SANDBOX_COMPANIES: readonly RegistryCompany[] = [
  company('812345676', '00017', 'CABINET DURAND & ASSOCIES', '69.10Z', '18 RUE DE LA REPUBLIQUE', '69002', 'LYON', '03'),
  company('845129378', '00020', 'CENTRE MEDICAL DES LILAS', '86.21Z', '4 AVENUE PASTEUR', '93260', 'LES LILAS', '11'),
  company('793452186', '00018', 'TRANSPORTS MOREAU ET FILS', '49.41A', 'ZONE INDUSTRIELLE DU CHENE VERT', '35000', 'RENNES', '21'),
  company('503128761', '00023', 'PHARMACIE DU MARCHE', '47.73Z', '2 PLACE DU MARCHE', '33000', 'BORDEAUX', '01'),
  company('881234090', '00028', 'ATELIER D ARCHITECTURE LUMIERE', '71.11Z', '27 QUAI DES CHARTRONS', '33300', 'BORDEAUX', '02'),
  company('902456136', '00024', 'EXPERTISE COMPTABLE MARTIN', '69.20Z', '9 BOULEVARD GAMBETTA', '59000', 'LILLE', '11'),
  company('483729158', '00020', 'BOULANGERIE GARNIER', '10.71C', '56 RUE NATIONALE', '37000', 'TOURS', '03'),
  company('839152741', '00022', 'AGENCE IMMOBILIERE DU PORT', '68.31Z', '3 QUAI DE LA FOSSE', '44000', 'NANTES', '02'),
  company('527184360', '00024', 'GARAGE MARTIN AUTOMOBILES', '45.20A', '112 ROUTE DE GRENOBLE', '38100', 'GRENOBLE', '11'),
  company('894612308', '00029', 'CLINIQUE DENTAIRE SAINT-MICHEL', '86.23Z', '15 RUE SAINT-MICHEL', '13001', 'MARSEILLE', '12', false),
  company('538204173', '00016', 'BANQUE REGIONALE DU RHONE', '64.19Z', '40 COURS LAFAYETTE', '69003', 'LYON', '32'),
  company('432294171', '00017', 'CONSEIL STRATEGIE ET FINANCE', '70.22Z', '8 RUE DE LA BOETIE', '75008', 'PARIS', '12'),
  company('793128455', '00011', 'AGENCE HORIZON PUBLICITE', '73.11Z', '5 PLACE BELLECOUR', '69002', 'LYON', '11'),
  company('881456727', '00018', 'MUTUELLE ASSURANCES DE L OUEST', '65.12Z', '21 BOULEVARD DE LA PRAIRIE AU DUC', '44200', 'NANTES', '41'),
  company('518372941', '00014', 'LOGICIELS ET SERVICES DES ALPES', '62.01Z', '3 AVENUE DE VERDUN', '38000', 'GRENOBLE', '21'),
];

const fold = (text: string): string => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

function matches(company: RegistryCompany, words: string[]): boolean {
  const name = fold(`${company.legalName} ${company.headOffice.city ?? ''}`);
  return words.every((w) => name.includes(w));
}

export function createSandboxCompanyRegistry(companies: readonly RegistryCompany[] = SANDBOX_COMPANIES): CompanyRegistryPort {
  return {
    provider: 'sandbox',
    async search({ query, limit, filters }): Promise<CompanySearchResult> {
      const id = identifierOf(query);
      const found = (id
        ? companies.filter((c) => (id.kind === 'siren' ? c.siren === id.digits : c.siret === id.digits))
        : companies.filter((c) => matches(c, fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean))))
        .filter((c) => keepsTo(c, filters));
      return { ok: true, companies: found.slice(0, limit).map((c) => ({ ...c, headOffice: { ...c.headOffice } })) };
    },
  };
}
