import { BUYER, invoiceView, SELLER } from '../../test/support/billing-views';
import { renderText } from '../i18n/messages';
import type { BillingDocumentView } from './document-view';
import { legalMentions, missingForIssue, missingMentions } from './mentions';
import { computeTotals } from './totals';

const texts = (view: BillingDocumentView) => legalMentions(view).map((m) => m.text);
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);
const FRANCHISE = 'TVA non applicable, art. 293 B du CGI';

const COMPLETE_PROFILE = {
  legalName: 'Cassandre Conseil', legalForm: 'SAS', shareCapitalCents: 1_000_000, siren: '842156374', siret: '84215637400014', vatNumber: 'FR53842156374',
  registration: 'RCS Brest', addressLine1: '12 rue de Siam', postalCode: '29200', city: 'Brest', latePenaltyRateBasisPoints: 1215,
};

describe('legalMentions', () => {
  it('prints on a French invoice to a business the penalty rate, the €40 indemnity, no early-payment discount and the seller\'s legal identity', () => {
    const view = invoiceView();
    expect(legalMentions(view).map((m) => m.key)).toEqual(['late-penalty', 'recovery-indemnity', 'early-payment', 'seller-identity']);
    const [penalty, indemnity, discount, identity] = texts(view);
    expect(penalty).toContain('au taux annuel de 12,15\u00a0% (art. L441-10 du Code de commerce)');
    expect(indemnity).toMatch(/indemnité forfaitaire pour frais de recouvrement de 40,00\s€ \(art\. L441-10 et D441-5 du Code de commerce\)/);
    expect(discount).toBe('Pas d\'escompte pour paiement anticipé.');
    expect(identity).toMatch(/^Cassandre Conseil SAS au capital de 10\s000,00\s€ – SIREN 842\u00a0156\u00a0374 RCS Brest – SIRET 842\u00a0156\u00a0374\u00a000014 – N° de TVA intracommunautaire FR53842156374$/);
    expect(missingMentions(view)).toEqual([]);
  });

  it('writes the same mentions in English on a document in English', () => {
    const all = texts(invoiceView({ language: 'en' })).join('\n');
    expect(all).toContain('Late payment penalties are due from the day after the due date, at the annual rate of 12.15%');
    expect(all).toContain('fixed compensation for recovery costs of €40.00');
    expect(all).toContain('No discount for early payment.');
    expect(all).toContain('Cassandre Conseil SAS, with a share capital of €10,000.00 – SIREN 842\u00a0156\u00a0374 RCS Brest');
  });

  it('omits the indemnity for a private buyer and the discount sentence when the document states its early-payment terms', () => {
    const view = invoiceView({
      buyer: { ...BUYER, name: 'Maëlle Le Goff', siren: null, siret: null, vatNumber: null, isBusiness: false },
      recoveryIndemnityCents: null,
      mentions: ['Escompte de 2 % pour paiement sous 8 jours.'],
    });
    expect(legalMentions(view).map((m) => m.key)).toEqual(['late-penalty', 'document', 'seller-identity']);
    expect(missingMentions(view)).toEqual([]);
  });

  it('prints the franchise mention of a seller without VAT, who then needs no VAT number', () => {
    const view = invoiceView({ seller: { ...SELLER, vatNumber: null, legalForm: 'EI', shareCapitalCents: null, registration: 'RM 29' } }, [
      { description: 'Vidange', quantity: 1, unitPriceCents: 18_000, vatRateBasisPoints: 0 },
    ]);
    expect(texts(view)[0]).toBe(FRANCHISE);
    expect(view.totals.totalTaxCents).toBe(0);
    expect(missingMentions(view)).toEqual([]);
  });

  it('adds the statutory reverse-charge, intra-EU and export mentions unless the typed reason already says them', () => {
    const view = invoiceView({ buyer: { ...BUYER, country: 'DE', vatNumber: 'DE129273398', siren: null } }, [
      { description: 'Audit', quantity: 1, unitPriceCents: 100_000, vatRateBasisPoints: 0, vatCategory: 'AE', vatExemptionReason: 'Autoliquidation' },
      { description: 'Boîtier', quantity: 1, unitPriceCents: 50_000, vatRateBasisPoints: 0, vatCategory: 'K', vatExemptionReason: 'Livraison intracommunautaire' },
      { description: 'Boîtier', quantity: 1, unitPriceCents: 50_000, vatRateBasisPoints: 0, vatCategory: 'G', vatExemptionReason: 'Exonération de TVA, art. 262 I du CGI' },
    ]);
    const exemptions = legalMentions(view).filter((m) => m.key === 'vat-exemption');
    expect(exemptions.map((m) => [m.code, m.text])).toEqual([
      [null, 'Autoliquidation'],
      [null, 'Livraison intracommunautaire'],
      ['billing.mention.intra-eu', 'Exonération de TVA, art. 262 ter I du CGI (livraison intracommunautaire)'],
      [null, 'Exonération de TVA, art. 262 I du CGI'],
    ]);
    expect(missingMentions(view)).toEqual([]);
  });

  it('refers a credit note to the invoice it corrects, without payment mentions', () => {
    const view = invoiceView({ type: 'credit-note', number: 'AV-2026-00003', precedingInvoice: { number: 'F-2026-00041', issueDate: '2026-11-28' } });
    const mentions = legalMentions(view);
    expect(mentions.map((m) => m.key)).toEqual(['credit-note-of', 'seller-identity']);
    expect(mentions[0]!.text).toMatch(/^Avoir se rapportant à la facture n° F-2026-00041 du 28 nov\. 2026$/);
    expect(fields(missingMentions({ ...view, precedingInvoice: null }))).toEqual(['precedingInvoice']);
  });
});

describe('missingMentions', () => {
  it('names every mandatory item an issued invoice lacks, in French', () => {
    const view = invoiceView({
      number: null,
      dueDate: null,
      paymentTerms: ' ',
      recoveryIndemnityCents: null,
      seller: { ...SELLER, siren: null, shareCapitalCents: null, vatNumber: null },
      buyer: { ...BUYER, addressLine1: null, siren: null },
    });
    // A 0 % line of category E without a reason (invoiceView gives exempt lines the franchise mention).
    view.totals = computeTotals([{ description: 'Audit', quantity: 1, unitPriceCents: 100_000, vatRateBasisPoints: 2000 }, { description: 'Exonéré', quantity: 1, unitPriceCents: 1_000, vatRateBasisPoints: 0 }]);
    const problems = missingMentions(view);
    expect(fields(problems)).toEqual([
      'number', 'seller.siren', 'seller.shareCapitalCents', 'seller.vatNumber', 'buyer.addressLine1', 'buyer.siren',
      'dueDate', 'paymentTerms', 'recoveryIndemnityCents', 'totals.vatBreakdown.1.exemptionReason',
    ]);
    expect(renderText(problems[1]!.message, 'fr')).toBe('Mention obligatoire absente du document : le SIREN du vendeur');
    expect(renderText(problems[1]!.message, 'en')).toBe('Mandatory item missing from the document: the seller\'s SIREN');
  });

  it('asks the VAT number of a buyer of an intra-EU supply, and of a business elsewhere in the EU', () => {
    const intraEu = invoiceView({ buyer: { ...BUYER, vatNumber: null } }, [
      { description: 'Boîtier', quantity: 1, unitPriceCents: 50_000, vatRateBasisPoints: 0, vatCategory: 'K', vatExemptionReason: 'Exonération de TVA, art. 262 ter I du CGI' },
    ]);
    expect(fields(missingMentions(intraEu))).toEqual(['buyer.vatNumber']);
    expect(fields(missingMentions(invoiceView({ buyer: { ...BUYER, country: 'BE', siren: null, vatNumber: null } })))).toEqual(['buyer.vatNumber']);
  });
});

describe('missingForIssue', () => {
  it('finds nothing missing for a complete profile and a complete business buyer', () => {
    expect(missingForIssue(COMPLETE_PROFILE, BUYER)).toEqual([]);
  });

  it('names the profile\'s and the buyer\'s missing fields, each with a message saying what it is', () => {
    const problems = missingForIssue(
      { ...COMPLETE_PROFILE, siren: null, vatNumber: ' ' },
      { ...BUYER, postalCode: null, vatNumber: null },
      computeTotals([{ description: 'Audit', quantity: 1, unitPriceCents: 100_000, vatRateBasisPoints: 0, vatCategory: 'AE', vatExemptionReason: 'Autoliquidation' }]),
    );
    expect(fields(problems)).toEqual(['profile.siren', 'profile.vatNumber', 'buyer.postalCode', 'buyer.vatNumber']);
    expect(renderText(problems[0]!.message, 'fr')).toBe('Mention obligatoire manquante : le SIREN');
    expect(renderText(problems[3]!.message, 'fr')).toBe('Mention obligatoire absente du document : le numéro de TVA intracommunautaire du client');
  });

  it('lists every mandatory field of a tenant that never saved its legal profile', () => {
    expect(fields(missingForIssue(null, BUYER))).toEqual(expect.arrayContaining(['profile.legalName', 'profile.siren', 'profile.addressLine1', 'profile.latePenaltyRateBasisPoints']));
  });

  it('asks the address of a private buyer, but not a SIREN', () => {
    expect(fields(missingForIssue(COMPLETE_PROFILE, { ...BUYER, isBusiness: false, siren: null, vatNumber: null, addressLine1: null, city: null }))).toEqual(['buyer.addressLine1', 'buyer.city']);
  });
});
