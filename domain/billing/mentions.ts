import type { FieldProblem, Names } from '../errors';
import type { Message } from '../i18n/messages';
import { billingMessage } from './billing.messages';
import type { BillingDocumentView, BillingParty, SellerParty } from './document-view';
import type { DocumentTotals, VatCategory } from './line.schema';
import { COMPANY_WITH_CAPITAL, missingProfileFields, PROFILE_FIELD_LABELS } from './profile';
import { CATEGORIES_NEEDING_REASON } from './totals';

/**
 * The French mandatory mentions of a quote, invoice or credit note, from its frozen view, and what is
 * missing for one to be issued. The law:
 * - art. 242 nonies A de l'annexe II du CGI: number, issue date, seller's and buyer's names and addresses,
 *   seller's VAT number (the buyer's for an intra-EU supply or a reverse charge), the VAT per rate, the
 *   exemption or reverse-charge mention (« TVA non applicable, art. 293 B du CGI », « Autoliquidation »,
 *   art. 262 ter I for intra-EU supplies, art. 262 I for exports), the reference of the invoice a credit note corrects;
 * - art. R123-237 du Code de commerce: SIREN, « RCS <ville> » (or RM), legal form and share capital;
 * - art. L441-9, L441-10 and D441-5 du Code de commerce: due date, payment terms, early-payment discount
 *   (« Pas d'escompte pour paiement anticipé » when none), late-payment penalty rate and, for a business
 *   buyer, the €40 fixed recovery indemnity.
 * Texts are catalogue codes (`billing.mention.*`, billing.messages.ts) written in the document's language.
 */
export type MentionKey = 'credit-note-of' | 'vat-exemption' | 'late-penalty' | 'recovery-indemnity' | 'early-payment' | 'document' | 'seller-identity';

export interface LegalMention {
  key: MentionKey;
  /** The catalogue code, or null for a text the document carries as typed (an exemption reason, the view's own mentions). */
  code: string | null;
  text: string;
}

const BILLED = new Set<BillingDocumentView['type']>(['invoice', 'deposit-invoice', 'final-invoice']);
const EU = new Set(['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK']);

/**
 * The statutory mention of each category charging no VAT, and what in a typed reason already says it
 * (so « Autoliquidation » typed by the tenant is not printed twice).
 */
const CATEGORY_MENTIONS: Partial<Record<VatCategory, { code: 'billing.mention.reverse-charge' | 'billing.mention.intra-eu' | 'billing.mention.export' | 'billing.mention.outside-scope'; said: RegExp }>> = {
  AE: { code: 'billing.mention.reverse-charge', said: /autoliquidation|reverse charge/i },
  K: { code: 'billing.mention.intra-eu', said: /262\s*ter/i },
  G: { code: 'billing.mention.export', said: /262\s*I\b|export/i },
  O: { code: 'billing.mention.outside-scope', said: /./ },
};

/** The seller's legal identity line (name, legal form, capital, SIREN and registration, SIRET, VAT number). */
export function sellerIdentity(seller: SellerParty, language: 'fr' | 'en'): string {
  return billingMessage('billing.mention.seller-identity', {
    name: seller.name, legalForm: seller.legalForm, shareCapitalCents: seller.shareCapitalCents,
    siren: seller.siren, registration: seller.registration, siret: seller.siret, vatNumber: seller.vatNumber,
  }).render(language);
}

/** Every legal mention the document prints, in its language, each once, in reading order (the seller's identity last, as a footer). */
export function legalMentions(view: BillingDocumentView): LegalMention[] {
  const mentions: LegalMention[] = [];
  const add = (key: MentionKey, text: string | null | undefined, code: string | null = null) => {
    const trimmed = text?.trim();
    if (trimmed && !mentions.some((m) => m.text.toLowerCase() === trimmed.toLowerCase())) mentions.push({ key, code, text: trimmed });
  };
  const say = (key: MentionKey, message: Message) => add(key, message.render(view.language), message.code);

  if (view.type === 'credit-note' && view.precedingInvoice) say('credit-note-of', billingMessage('billing.mention.credit-note-of', view.precedingInvoice));
  for (const row of view.totals.vatBreakdown) {
    add('vat-exemption', row.exemptionReason);
    const statutory = CATEGORY_MENTIONS[row.category];
    if (statutory && !statutory.said.test(row.exemptionReason ?? '')) say('vat-exemption', billingMessage(statutory.code));
  }
  if (BILLED.has(view.type)) {
    say('late-penalty', billingMessage('billing.mention.late-penalty', { rateBasisPoints: view.latePenaltyRateBasisPoints }));
    if (view.recoveryIndemnityCents !== null) say('recovery-indemnity', billingMessage('billing.mention.recovery-indemnity', { amountCents: view.recoveryIndemnityCents }));
    if (!view.mentions.some((m) => /escompte|early[- ]payment/i.test(m))) say('early-payment', billingMessage('billing.mention.no-early-discount'));
  }
  for (const mention of view.mentions) add('document', mention);
  add('seller-identity', sellerIdentity(view.seller, view.language), 'billing.mention.seller-identity');
  return mentions;
}

const MENTION_LABELS = {
  number: { fr: 'le numéro du document', en: 'the document number' },
  issueDate: { fr: 'la date d\'émission', en: 'the issue date' },
  dueDate: { fr: 'la date d\'échéance', en: 'the due date' },
  paymentTerms: { fr: 'les conditions de paiement', en: 'the payment terms' },
  latePenaltyRateBasisPoints: { fr: 'le taux des pénalités de retard', en: 'the late payment penalty rate' },
  recoveryIndemnityCents: { fr: 'l\'indemnité forfaitaire de 40 € pour frais de recouvrement', en: 'the €40 fixed recovery indemnity' },
  precedingInvoice: { fr: 'la référence de la facture corrigée', en: 'the reference of the corrected invoice' },
  'seller.name': { fr: 'la raison sociale du vendeur', en: 'the seller\'s legal name' },
  'seller.legalForm': { fr: 'la forme juridique du vendeur', en: 'the seller\'s legal form' },
  'seller.shareCapitalCents': { fr: 'le capital social du vendeur', en: 'the seller\'s share capital' },
  'seller.siren': { fr: 'le SIREN du vendeur', en: 'the seller\'s SIREN' },
  'seller.registration': { fr: 'l\'immatriculation du vendeur (RCS, RM…)', en: 'the seller\'s registration (RCS, RM…)' },
  'seller.vatNumber': { fr: 'le numéro de TVA intracommunautaire du vendeur', en: 'the seller\'s VAT number' },
  'seller.addressLine1': { fr: 'l\'adresse du vendeur', en: 'the seller\'s address' },
  'seller.postalCode': { fr: 'le code postal du vendeur', en: 'the seller\'s postal code' },
  'seller.city': { fr: 'la ville du vendeur', en: 'the seller\'s city' },
  'buyer.name': { fr: 'le nom du client', en: 'the client\'s name' },
  'buyer.addressLine1': { fr: 'l\'adresse du client', en: 'the client\'s address' },
  'buyer.postalCode': { fr: 'le code postal du client', en: 'the client\'s postal code' },
  'buyer.city': { fr: 'la ville du client', en: 'the client\'s city' },
  'buyer.siren': { fr: 'le SIREN du client', en: 'the client\'s SIREN' },
  'buyer.vatNumber': { fr: 'le numéro de TVA intracommunautaire du client', en: 'the client\'s VAT number' },
} satisfies Record<string, Names>;
type MentionField = keyof typeof MENTION_LABELS;

const blank = (value: string | null | undefined) => !value?.trim();
/** Categories whose supply the buyer's VAT number must accompany (art. 242 nonies A, 4°). */
const NEEDS_BUYER_VAT_NUMBER: ReadonlySet<VatCategory> = new Set(['AE', 'K']);

/**
 * What the law requires of the buyer on an invoice: the address of every buyer; a French business's
 * SIREN; the VAT number of a business elsewhere in the EU, and of any buyer of an intra-EU supply or
 * a reverse-charged service (`totals`, when given, tell).
 */
export function missingBuyerFields(buyer: BillingParty, totals?: Pick<DocumentTotals, 'vatBreakdown'>): Array<'name' | 'addressLine1' | 'postalCode' | 'city' | 'siren' | 'vatNumber'> {
  const missing: Array<'name' | 'addressLine1' | 'postalCode' | 'city' | 'siren' | 'vatNumber'> = [];
  if (blank(buyer.name)) missing.push('name');
  if (blank(buyer.addressLine1)) missing.push('addressLine1');
  if (blank(buyer.postalCode)) missing.push('postalCode');
  if (blank(buyer.city)) missing.push('city');
  if (buyer.isBusiness && buyer.country === 'FR' && blank(buyer.siren)) missing.push('siren');
  const vatNumberNeeded = (buyer.isBusiness && buyer.country !== 'FR' && EU.has(buyer.country))
    || Boolean(totals?.vatBreakdown.some((row) => NEEDS_BUYER_VAT_NUMBER.has(row.category)));
  if (vatNumberNeeded && blank(buyer.vatNumber)) missing.push('vatNumber');
  return missing;
}

/**
 * The mandatory items a document lacks before it may be issued: the seller's legal profile (the
 * profile's own check, profile.ts) and the buyer (`missingBuyerFields`), each named by its field
 * (`profile.siren`, `buyer.addressLine1`) with a catalogue message, for the issue action's 422.
 */
export function missingForIssue(profile: Readonly<Record<string, unknown>> | null, buyer: BillingParty, totals?: Pick<DocumentTotals, 'vatBreakdown'>): FieldProblem[] {
  return [
    ...missingProfileFields(profile).map((field) => ({ field: `profile.${field}`, message: billingMessage('billing.profile-field-missing', { field: PROFILE_FIELD_LABELS[field]! }) })),
    ...missingBuyerFields(buyer, totals).map((field) => ({ field: `buyer.${field}`, message: billingMessage('billing.mention-missing', { field: MENTION_LABELS[`buyer.${field}`] }) })),
  ];
}

/**
 * The mandatory mentions an issued document's view lacks (nothing for a quote beyond its parties),
 * each named by its field in the view: what a renderer or a test checks before the document leaves.
 */
export function missingMentions(view: BillingDocumentView): FieldProblem[] {
  const missing: string[] = [];
  const billed = BILLED.has(view.type);
  const { seller, buyer } = view;
  if (view.type !== 'quote' && blank(view.number)) missing.push('number');
  if (blank(view.issueDate)) missing.push('issueDate');
  for (const field of ['name', 'legalForm', 'siren', 'registration', 'addressLine1', 'postalCode', 'city'] as const) if (blank(seller[field])) missing.push(`seller.${field}`);
  if (seller.legalForm && COMPANY_WITH_CAPITAL.test(seller.legalForm) && seller.shareCapitalCents === null) missing.push('seller.shareCapitalCents');
  // A seller under the franchise (every row exempt or outside scope) has no VAT number to give.
  const chargesVat = view.totals.vatBreakdown.some((row) => row.category !== 'E' && row.category !== 'O');
  if (chargesVat && blank(seller.vatNumber)) missing.push('seller.vatNumber');
  missing.push(...missingBuyerFields(buyer, view.totals).map((field) => `buyer.${field}`));
  if (billed) {
    if (blank(view.dueDate)) missing.push('dueDate');
    if (blank(view.paymentTerms)) missing.push('paymentTerms');
    if (!(view.latePenaltyRateBasisPoints > 0)) missing.push('latePenaltyRateBasisPoints');
    if (buyer.isBusiness && !(view.recoveryIndemnityCents !== null && view.recoveryIndemnityCents >= 4000)) missing.push('recoveryIndemnityCents');
  }
  if (view.type === 'credit-note' && !view.precedingInvoice) missing.push('precedingInvoice');
  const problems: FieldProblem[] = missing.map((field) => ({ field, message: billingMessage('billing.mention-missing', { field: MENTION_LABELS[field as MentionField] }) }));
  view.totals.vatBreakdown.forEach((row, index) => {
    if (CATEGORIES_NEEDING_REASON.has(row.category) && blank(row.exemptionReason)) {
      problems.push({ field: `totals.vatBreakdown.${index}.exemptionReason`, message: billingMessage('billing.vat-exemption-reason-required', { category: row.category }) });
    }
  });
  return problems;
}
