import type { BillingDocumentType } from '../document-view';
import type { unitCode } from '../line.schema';
import type { z } from 'zod';
import type { DocumentLanguage } from './format';

/** Every word a printed quote, invoice or credit note carries, in French (the default) and English. */
export interface DocumentLabels {
  title: Record<BillingDocumentType, string>;
  number: string;
  issueDate: string;
  dueDate: string;
  validUntil: string;
  period: (start: string, end: string) => string;
  buyerReference: string;
  precedingInvoice: (number: string, date: string) => string;
  seller: string;
  buyer: string;
  siren: string;
  siret: string;
  vatNumber: string;
  columns: { description: string; quantity: string; unit: string; unitPrice: string; discount: string; vatRate: string; total: string };
  units: Record<z.infer<typeof unitCode>, string>;
  vatBreakdown: string;
  vatBase: string;
  vatAmount: string;
  vatRate: string;
  totalExcludingTax: string;
  totalTax: string;
  totalIncludingTax: string;
  depositDeducted: (number: string, date: string) => string;
  paid: string;
  amountDue: string;
  creditTotal: string;
  payment: string;
  paymentTerms: string;
  iban: string;
  bic: string;
  payOnline: string;
  mentions: string;
  notes: string;
  approval: { title: string; intro: string; date: string; signature: string; handwritten: string };
  draft: string;
  page: (page: number, count: number) => string;
}

const fr: DocumentLabels = {
  title: { quote: 'Devis', invoice: 'Facture', 'deposit-invoice': 'Facture d’acompte', 'final-invoice': 'Facture de solde', 'credit-note': 'Avoir' },
  number: 'N°',
  issueDate: 'Date d’émission',
  dueDate: 'Date d’échéance',
  validUntil: 'Valable jusqu’au',
  period: (start, end) => `Période du ${start} au ${end}`,
  buyerReference: 'Votre référence',
  precedingInvoice: (number, date) => `Avoir sur la facture ${number} du ${date}`,
  seller: 'Émetteur',
  buyer: 'Client',
  siren: 'SIREN',
  siret: 'SIRET',
  vatNumber: 'N° de TVA intracommunautaire',
  columns: { description: 'Désignation', quantity: 'Qté', unit: 'Unité', unitPrice: 'P.U. HT', discount: 'Remise', vatRate: 'TVA', total: 'Total HT' },
  units: { C62: 'unité', HUR: 'heure', DAY: 'jour', MON: 'mois', ANN: 'an', KGM: 'kg', MTR: 'm', LTR: 'l', MTQ: 'm³', KMT: 'km', SET: 'lot' },
  vatBreakdown: 'Détail de la TVA',
  vatBase: 'Base HT',
  vatAmount: 'Montant TVA',
  vatRate: 'Taux',
  totalExcludingTax: 'Total HT',
  totalTax: 'Total TVA',
  totalIncludingTax: 'Total TTC',
  depositDeducted: (number, date) => `Acompte ${number} du ${date}`,
  paid: 'Déjà réglé',
  amountDue: 'Net à payer',
  creditTotal: 'Montant de l’avoir',
  payment: 'Paiement',
  paymentTerms: 'Conditions de paiement',
  iban: 'IBAN',
  bic: 'BIC',
  payOnline: 'Payer en ligne',
  mentions: 'Mentions légales',
  notes: 'Notes',
  approval: {
    title: 'Bon pour accord',
    intro: 'Devis à retourner daté et signé, précédé de la mention manuscrite « Lu et approuvé, bon pour accord ».',
    date: 'Date :',
    signature: 'Signature et cachet :',
    handwritten: '« Lu et approuvé »',
  },
  draft: 'BROUILLON',
  page: (page, count) => `Page ${page} / ${count}`,
};

const en: DocumentLabels = {
  title: { quote: 'Quote', invoice: 'Invoice', 'deposit-invoice': 'Deposit invoice', 'final-invoice': 'Final invoice', 'credit-note': 'Credit note' },
  number: 'No.',
  issueDate: 'Issue date',
  dueDate: 'Due date',
  validUntil: 'Valid until',
  period: (start, end) => `Period from ${start} to ${end}`,
  buyerReference: 'Your reference',
  precedingInvoice: (number, date) => `Credit note for invoice ${number} of ${date}`,
  seller: 'From',
  buyer: 'Bill to',
  siren: 'SIREN',
  siret: 'SIRET',
  vatNumber: 'VAT number',
  columns: { description: 'Description', quantity: 'Qty', unit: 'Unit', unitPrice: 'Unit price excl. VAT', discount: 'Discount', vatRate: 'VAT', total: 'Total excl. VAT' },
  units: { C62: 'unit', HUR: 'hour', DAY: 'day', MON: 'month', ANN: 'year', KGM: 'kg', MTR: 'm', LTR: 'l', MTQ: 'm³', KMT: 'km', SET: 'set' },
  vatBreakdown: 'VAT breakdown',
  vatBase: 'Taxable amount',
  vatAmount: 'VAT amount',
  vatRate: 'Rate',
  totalExcludingTax: 'Total excl. VAT',
  totalTax: 'Total VAT',
  totalIncludingTax: 'Total incl. VAT',
  depositDeducted: (number, date) => `Deposit ${number} of ${date}`,
  paid: 'Already paid',
  amountDue: 'Amount due',
  creditTotal: 'Credit note amount',
  payment: 'Payment',
  paymentTerms: 'Payment terms',
  iban: 'IBAN',
  bic: 'BIC',
  payOnline: 'Pay online',
  mentions: 'Legal notices',
  notes: 'Notes',
  approval: {
    title: 'Approval',
    intro: 'Please return this quote dated and signed, with the handwritten words "Read and approved".',
    date: 'Date:',
    signature: 'Signature and company stamp:',
    handwritten: '"Read and approved"',
  },
  draft: 'DRAFT',
  page: (page, count) => `Page ${page} of ${count}`,
};

export const documentLabels: Record<DocumentLanguage, DocumentLabels> = { fr, en };
