/**
 * The checks a French company's identity numbers allow without asking a registry:
 * the SIREN's and the SIRET's Luhn keys (La Poste's establishments, SIREN 356 000 000,
 * may use a sum of digits divisible by 5 instead), the SIRET starting with the SIREN and the
 * intra-community VAT number's key computed from the SIREN. Pure: no database, no network.
 * Used by the account onboarding's « Vérifier l'identité légale » step; a registry lookup
 * (INSEE's SIRENE) would come on top once an integration offers one.
 */
export type LegalIdentityProblem = 'siren-missing' | 'siren-key' | 'siret-key' | 'siret-not-of-siren' | 'vat-key' | 'legal-name-missing';

export interface LegalIdentityCheck {
  /** `consistent`: numbers present and coherent; `incomplete`: something is missing; `inconsistent`: a key or a prefix is wrong. */
  status: 'consistent' | 'incomplete' | 'inconsistent';
  problems: LegalIdentityProblem[];
  /** Whether a company registry confirmed it (none is installed yet: always false). */
  registryChecked: boolean;
}

const LA_POSTE_SIREN = '356000000';

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function validSiren(siren: string): boolean {
  return /^\d{9}$/.test(siren) && luhn(siren);
}

export function validSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (luhn(siret)) return true;
  return siret.startsWith(LA_POSTE_SIREN) && [...siret].reduce((sum, d) => sum + Number(d), 0) % 5 === 0;
}

/** The French VAT number of a SIREN: FR, a two-digit key, the SIREN. */
export function frenchVatNumber(siren: string): string {
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${siren}`;
}

export function checkLegalIdentity(account: { legalName?: string | null; siren?: string | null; siret?: string | null; vatNumber?: string | null }): LegalIdentityCheck {
  const problems: LegalIdentityProblem[] = [];
  const siren = account.siren?.trim() || null;
  const siret = account.siret?.trim() || null;
  const vat = account.vatNumber?.trim().toUpperCase() || null;
  if (!account.legalName?.trim()) problems.push('legal-name-missing');
  if (!siren) problems.push('siren-missing');
  else if (!validSiren(siren)) problems.push('siren-key');
  if (siret) {
    if (!validSiret(siret)) problems.push('siret-key');
    if (siren && !siret.startsWith(siren)) problems.push('siret-not-of-siren');
  }
  if (vat && siren && vat.startsWith('FR') && vat !== frenchVatNumber(siren)) problems.push('vat-key');
  const wrong = problems.some((p) => p !== 'siren-missing' && p !== 'legal-name-missing');
  return { status: wrong ? 'inconsistent' : problems.length ? 'incomplete' : 'consistent', problems, registryChecked: false };
}
