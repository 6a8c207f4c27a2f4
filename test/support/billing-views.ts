import type { BillingDocumentView } from '../../domain/billing/document-view';
import type { BillingLineInput } from '../../domain/billing/line.schema';
import { computeTotals } from '../../domain/billing/totals';

/**
 * Frozen document views for the renderers' tests and the billing benchmark: a French seller with a
 * complete legal profile, a business buyer, lines over three VAT rates with a discount and decimal
 * quantities. Hand-computed totals of `INVOICE_LINES`:
 *   20 %: 3 × 850,00 + 1 × 1 200,00 − 10 % + 1,5 × 95,50 = 2 550,00 + 1 080,00 + 143,25 = 3 773,25 → TVA 754,65
 *   10 %: 37,90 → TVA 3,79 ; 5,5 %: 2 × 42,00 = 84,00 → TVA 4,62
 *   HT 3 895,15 ; TVA 763,06 ; TTC 4 658,21
 */
export const INVOICE_LINES: BillingLineInput[] = [
  { description: 'Audit de sécurité du réseau interne', quantity: 3, unit: 'DAY', unitPriceCents: 85_000, vatRateBasisPoints: 2000 },
  { description: 'Licence annuelle « Relais Pro »', quantity: 1, unit: 'ANN', unitPriceCents: 120_000, discountBasisPoints: 1000, vatRateBasisPoints: 2000 },
  { description: 'Formation à la sensibilisation (été)', quantity: 1.5, unit: 'HUR', unitPriceCents: 9_550, vatRateBasisPoints: 2000 },
  { description: 'Déplacement à Brest', quantity: 1, unit: 'C62', unitPriceCents: 3_790, vatRateBasisPoints: 1000 },
  { description: 'Ouvrage « Sécurité des systèmes d’information »', quantity: 2, unit: 'C62', unitPriceCents: 4_200, vatRateBasisPoints: 550 },
];

export const SELLER: BillingDocumentView['seller'] = {
  name: 'Cassandre Conseil',
  tradingName: 'Cassandre',
  siren: '842156374',
  siret: '84215637400014',
  vatNumber: 'FR53842156374',
  addressLine1: '12 rue de Siam',
  addressLine2: null,
  postalCode: '29200',
  city: 'Brest',
  country: 'FR',
  email: 'facturation@cassandre.demo',
  phone: '02 98 00 00 00',
  isBusiness: true,
  legalForm: 'SAS',
  shareCapitalCents: 1_000_000,
  registration: 'RCS Brest',
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPP',
};

export const BUYER: BillingDocumentView['buyer'] = {
  name: 'Vidangeur Breton',
  tradingName: null,
  siren: '912304581',
  siret: '91230458100016',
  vatNumber: 'FR70912304581',
  addressLine1: '4 allée des Chênes',
  addressLine2: 'ZA de Kergaradec',
  postalCode: '29490',
  city: 'Guipavas',
  country: 'FR',
  email: 'compta@vidangeur-breton.demo',
  phone: null,
  isBusiness: true,
};

/** SELLER as a tenant's legal profile (PUT /api/v1/billing/profile, saveProfile), and BUYER as an account. */
export const LEGAL_PROFILE = {
  legalName: SELLER.name, legalForm: SELLER.legalForm, shareCapitalCents: SELLER.shareCapitalCents, siren: SELLER.siren, siret: SELLER.siret,
  vatNumber: SELLER.vatNumber, registration: SELLER.registration, addressLine1: SELLER.addressLine1, postalCode: SELLER.postalCode, city: SELLER.city,
  email: SELLER.email, iban: SELLER.iban, bic: SELLER.bic, paymentTermsDays: 30, latePenaltyRateBasisPoints: 1215,
};
export const BUYER_ACCOUNT = {
  name: BUYER.name, legalName: `${BUYER.name} SARL`, siren: BUYER.siren, addressLine1: BUYER.addressLine1, postalCode: BUYER.postalCode, city: BUYER.city,
};

/** An issued invoice of INVOICE_LINES, nothing paid yet; `overrides` change what a test is about. */
export function invoiceView(overrides: Partial<BillingDocumentView> = {}, lines: BillingLineInput[] = INVOICE_LINES): BillingDocumentView {
  const totals = computeTotals(lines, { defaultExemptionReason: 'TVA non applicable, art. 293 B du CGI' });
  totals.lines.forEach((line, index) => { line.id = `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`; });
  return {
    type: 'invoice',
    id: '11111111-1111-4111-8111-111111111111',
    number: 'F-2026-00042',
    language: 'fr',
    currency: 'EUR',
    issueDate: '2026-12-03',
    dueDate: '2027-01-02',
    validUntil: null,
    periodStart: null,
    periodEnd: null,
    seller: SELLER,
    buyer: BUYER,
    buyerReference: 'BC-2026-118',
    totals,
    depositsDeducted: [],
    precedingInvoice: null,
    paidCents: 0,
    amountDueCents: totals.totalIncludingTaxCents,
    paymentTerms: 'Paiement à 30 jours par virement',
    latePenaltyRateBasisPoints: 1215,
    recoveryIndemnityCents: 4000,
    mentions: [],
    notes: null,
    paymentUrl: null,
    branding: { primaryColor: '#7b2d26', secondaryColor: '#c9a227', logoText: 'CC', logoDataUrl: null, footer: 'Cassandre Conseil — 12 rue de Siam, 29200 Brest — facturation@cassandre.demo' },
    ...overrides,
  };
}
