/** A complete legal profile (valid SIREN, SIRET, VAT number, IBAN) and a business client with what the law requires, for billing tests. */
export const COMPLETE_PROFILE = {
  legalName: 'SoftWhere SAS', legalForm: 'SAS', shareCapitalCents: 5_000_000, siren: '732829320', siret: '73282932000074',
  vatNumber: 'FR44732829320', registration: 'RCS Lorient 732 829 320', addressLine1: '12 rue du Port', postalCode: '56100', city: 'Lorient',
  email: 'facturation@softwhere.example', iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'AGRIFRPP', paymentTermsDays: 30, latePenaltyRateBasisPoints: 1215,
};
export const BUYER = {
  name: 'Boulangerie Exemple', legalName: 'SARL Boulangerie Exemple', siren: '552100554', addressLine1: '3 place de la Mairie', postalCode: '56100', city: 'Lorient',
};
