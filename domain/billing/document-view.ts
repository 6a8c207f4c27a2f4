import type { DocumentTotals } from './line.schema';

/**
 * Everything a rendered document needs (PDF, Factur-X XML, mail, FEC line), frozen at issue:
 * the renderers read only this, never the database, so an issued document renders the same forever.
 */
export type BillingDocumentType = 'quote' | 'invoice' | 'deposit-invoice' | 'final-invoice' | 'credit-note';

export interface BillingParty {
  /** Legal name (raison sociale). */
  name: string;
  /** Trading name when it differs (nom commercial). */
  tradingName: string | null;
  siren: string | null;
  siret: string | null;
  vatNumber: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
  email: string | null;
  phone: string | null;
  /** A business (B2B: the €40 recovery indemnity applies) or a private person. */
  isBusiness: boolean;
}

export interface SellerParty extends BillingParty {
  legalForm: string | null;
  shareCapitalCents: number | null;
  /** « RCS Brest » or « RM 29 » … */
  registration: string | null;
  iban: string | null;
  bic: string | null;
}

export interface BillingBranding {
  primaryColor: string;
  secondaryColor: string;
  logoText: string;
  /** A PNG or JPEG data URL, when the tenant uploaded a logo. */
  logoDataUrl: string | null;
  footer: string | null;
}

export interface BillingDocumentView {
  type: BillingDocumentType;
  id: string;
  /** Null only for a draft (then the PDF says « Brouillon » and no Factur-X is embedded). */
  number: string | null;
  language: 'fr' | 'en';
  currency: 'EUR';
  /** ISO dates (yyyy-mm-dd), Europe/Paris calendar days. */
  issueDate: string;
  dueDate: string | null;
  /** Quotes: valid until. */
  validUntil: string | null;
  /** Service or delivery period when the document covers one (subscriptions). */
  periodStart: string | null;
  periodEnd: string | null;
  seller: SellerParty;
  buyer: BillingParty;
  /** Buyer's purchase order reference, when given. */
  buyerReference: string | null;
  totals: DocumentTotals;
  /** Deposits already invoiced and deducted (final invoices). */
  depositsDeducted: { number: string; issueDate: string; amountIncludingTaxCents: number }[];
  /** Credit notes: the invoice they correct (EN 16931 BG-3). */
  precedingInvoice: { number: string; issueDate: string } | null;
  paidCents: number;
  amountDueCents: number;
  /** « Paiement à 30 jours fin de mois », in the document's language. */
  paymentTerms: string;
  /** Late payment penalty rate, basis points per year (e.g. 1215 = 12.15 %). */
  latePenaltyRateBasisPoints: number;
  /** 4000 for a business buyer (art. L441-10 du Code de commerce), null otherwise. */
  recoveryIndemnityCents: number | null;
  /** Extra legal mentions (VAT exemption articles, « Autoliquidation », escompte…), in the document's language. */
  mentions: string[];
  notes: string | null;
  /** A payment link (Stripe Checkout) when one was created. */
  paymentUrl: string | null;
  branding: BillingBranding;
}
