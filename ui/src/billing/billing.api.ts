import type { HistoryEntry, Page } from '@/api/accounts.api';
import { http, request } from '@/api/client';

/**
 * The billing context's API (/api/v1/billing, domain/billing/billing.schema.ts): quotes, invoices,
 * credit notes, payments and the organisation's legal profile. Amounts are integer cents, rates
 * basis points (20 % = 2000), quantities decimals with at most three places.
 */

export const UNIT_CODES = ['C62', 'HUR', 'DAY', 'MON', 'ANN', 'KGM', 'MTR', 'LTR', 'MTQ', 'KMT', 'SET'] as const;
export type UnitCode = (typeof UNIT_CODES)[number];
export type VatCategory = 'S' | 'Z' | 'E' | 'AE' | 'K' | 'G' | 'O';

/** A line as the API takes it (billingLineInput). */
export interface BillingLineInput {
  id?: string;
  catalogueItemId?: string | null;
  description: string;
  quantity: number;
  unit?: UnitCode;
  unitPriceCents: number;
  discountBasisPoints?: number;
  vatRateBasisPoints: number;
  vatCategory?: VatCategory;
  vatExemptionReason?: string | null;
}

/** A line as the API answers it, with its net amount. */
export interface BillingLine extends BillingLineInput {
  id: string;
  unit: UnitCode;
  discountBasisPoints: number;
  vatCategory: VatCategory;
  netCents: number;
}

export interface VatBreakdownRow {
  category: VatCategory;
  rateBasisPoints: number;
  taxableCents: number;
  taxCents: number;
  exemptionReason: string | null;
}

/** What quotes, invoices and credit notes share. */
export interface BillingDocument {
  id: string;
  number: string | null;
  status: string;
  accountId: string;
  accountName: string;
  issueDate: string | null;
  lines: BillingLine[];
  vatBreakdown: VatBreakdownRow[];
  totalExcludingTaxCents: number;
  totalTaxCents: number;
  totalIncludingTaxCents: number;
  currency: 'EUR';
  language: 'fr' | 'en';
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'refused', 'expired'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export interface Quote extends BillingDocument {
  status: QuoteStatus;
  billingSiteId: string | null;
  validUntil: string | null;
  terms: string | null;
  notes: string | null;
  buyerReference: string | null;
  sentAt: string | null;
  decidedAt: string | null;
  invoiceIds: string[];
}

export const INVOICE_STATUSES = ['draft', 'issued', 'sent', 'partially_paid', 'paid', 'overdue', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export type InvoiceKind = 'standard' | 'deposit' | 'final';

export interface Invoice extends BillingDocument {
  status: InvoiceStatus;
  kind: InvoiceKind;
  billingSiteId: string | null;
  quoteId: string | null;
  dueDate: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  paymentTermsDays: number | null;
  depositBasisPoints: number | null;
  buyerReference: string | null;
  notes: string | null;
  depositsDeducted: { id: string; number: string; issueDate: string; amountIncludingTaxCents: number }[];
  depositsDeductedCents: number;
  paidCents: number;
  creditedCents: number;
  amountDueCents: number;
  /** Past its due date with money still due. */
  overdue: boolean;
  paymentUrl: string | null;
  issuedAt: string | null;
  sentAt: string | null;
}

export const CREDIT_NOTE_STATUSES = ['draft', 'issued'] as const;
export type CreditNoteStatus = (typeof CREDIT_NOTE_STATUSES)[number];

export interface CreditNote extends BillingDocument {
  status: CreditNoteStatus;
  invoiceId: string;
  invoiceNumber: string | null;
  reason: string | null;
  appliedCents: number;
  toAccountCreditCents: number;
  issuedAt: string | null;
}

export const PAYMENT_METHODS = ['transfer', 'card', 'cheque', 'cash', 'direct_debit', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface Payment {
  id: string;
  invoiceId: string;
  amountCents: number;
  paidOn: string;
  method: PaymentMethod | 'account_credit';
  reference: string | null;
  source: 'manual' | 'stripe' | 'accounting' | 'account_credit';
  createdAt: string;
}

export interface PaymentCreate {
  amountCents: number;
  paidOn?: string;
  method: PaymentMethod;
  reference?: string | null;
}

export interface BillingProfile {
  legalName: string | null;
  tradingName: string | null;
  legalForm: string | null;
  shareCapitalCents: number | null;
  siren: string | null;
  siret: string | null;
  vatNumber: string | null;
  registration: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  iban: string | null;
  bic: string | null;
  paymentTermsDays: number;
  latePenaltyRateBasisPoints: number | null;
  earlyPaymentDiscount: string | null;
  vatExemptionMention: string | null;
  invoiceNumberFormat: string;
  creditNoteNumberFormat: string;
  quoteNumberFormat: string;
  numberingYearlyReset: boolean;
  footer: string | null;
  logoDataUrl: string | null;
  /** 0 while the organisation never saved its profile. */
  version: number;
  updatedAt: string | null;
  /** The mandatory items still missing before a document can be issued (fields of the profile). */
  missing: string[];
}

/** An item of the organisation's catalogue (GET /catalogue-items), offered by the line editor. */
export interface CatalogueItem {
  id: string;
  code: string;
  name: string;
  description: string | null;
  unitPriceCents: number;
  vatRateBp: number;
  active: boolean;
}

/** An account's standing: what it was invoiced, owes, is late on, and its unapplied credit. */
export interface AccountBalance {
  accountId: string;
  invoicedCents: number;
  dueCents: number;
  overdueCents: number;
  creditCents: number;
  openInvoices: number;
}

/** The three kinds of documents, as their path under /billing. */
/** The organisation's payment and accounting providers (GET /billing/integrations); secrets are only said to be set. */
export interface BillingIntegrations {
  paymentsProvider: 'sandbox' | 'stripe';
  stripeSecretKeySet: boolean;
  stripeWebhookSecretSet: boolean;
  stripeAccountId: string | null;
  /** The address to give Stripe as the webhook endpoint. */
  stripeWebhookUrl: string;
  accountingProvider: 'none' | 'sandbox' | 'pennylane';
  pennylaneApiTokenSet: boolean;
  version: number;
}

/** PUT /billing/integrations: a secret left out (or null) keeps the stored one. */
export interface BillingIntegrationsUpdate {
  paymentsProvider: BillingIntegrations['paymentsProvider'];
  stripeSecretKey?: string | null;
  stripeWebhookSecret?: string | null;
  stripeAccountId?: string | null;
  accountingProvider: BillingIntegrations['accountingProvider'];
  pennylaneApiToken?: string | null;
}

export type BillingKind = 'quotes' | 'invoices' | 'credit-notes';

export interface BillingRecordOf {
  quotes: Quote;
  invoices: Invoice;
  'credit-notes': CreditNote;
}
export type AnyBillingDocument = BillingRecordOf[BillingKind];

export interface BillingListQuery {
  limit?: number;
  cursor?: string | null;
  sort?: string;
  q?: string;
  filters?: Record<string, string | null | undefined>;
}

const enc = encodeURIComponent;

function documentsApi<K extends BillingKind>(kind: K) {
  type Row = BillingRecordOf[K];
  const base = `/billing/${kind}`;
  return {
    list: (query: BillingListQuery, signal?: AbortSignal) => {
      const { filters, ...rest } = query;
      return http.get<Page<Row>>(base, { limit: 50, ...rest, ...filters }, signal);
    },
    get: (id: string) => http.get<Row>(`${base}/${enc(id)}`),
    create: (body: Record<string, unknown>, idempotencyKey: string) => http.post<Row>(base, body, { idempotencyKey }),
    update: (id: string, patch: Record<string, unknown>, version: number) => http.patch<Row>(`${base}/${enc(id)}`, patch, version),
    remove: (id: string, version: number) => request<void>('DELETE', `${base}/${enc(id)}`, { ifMatch: version }),
    history: (id: string) => http.get<{ items: HistoryEntry[] }>(`${base}/${enc(id)}/history`),
    /** The document's PDF (Factur-X for an issued invoice), as a file to show or download. */
    pdf: (id: string) => request<Blob>('GET', `${base}/${enc(id)}/pdf`, { responseType: 'blob', accept: 'application/pdf' }),
  };
}

/** Actions answer the document as it now is; the key makes a repeated click one action. */
const action = <T>(path: string, body: unknown, idempotencyKey: string) => http.post<T>(path, body ?? {}, { idempotencyKey });

export const billingApi = {
  quotes: {
    ...documentsApi('quotes'),
    send: (id: string, key: string) => action<Quote>(`/billing/quotes/${enc(id)}/send`, {}, key),
    /** Accepted: makes the invoice of the whole quote, or a deposit invoice (a share of it), as a draft. */
    accept: (id: string, body: { invoice: 'standard' | 'deposit' | 'none'; depositBasisPoints?: number }, key: string) =>
      action<{ quote: Quote; invoice: Invoice | null }>(`/billing/quotes/${enc(id)}/accept`, body, key),
    refuse: (id: string, key: string) => action<Quote>(`/billing/quotes/${enc(id)}/refuse`, {}, key),
    /** Sent, past its validity without an answer: « Expiré » (refused with a 422 while still valid). */
    expire: (id: string, key: string) => action<Quote>(`/billing/quotes/${enc(id)}/expire`, {}, key),
    /** After deposit invoices: the final invoice of the quote, its deposits deducted (a draft). */
    finalInvoice: (id: string, key: string) => action<Invoice>(`/billing/quotes/${enc(id)}/final-invoice`, {}, key),
  },
  invoices: {
    ...documentsApi('invoices'),
    issue: (id: string, key: string) => action<Invoice>(`/billing/invoices/${enc(id)}/issue`, {}, key),
    send: (id: string, key: string) => action<Invoice>(`/billing/invoices/${enc(id)}/send`, {}, key),
    payments: (id: string) => http.get<{ items: Payment[] }>(`/billing/invoices/${enc(id)}/payments`),
    addPayment: (id: string, body: PaymentCreate, key: string) =>
      action<{ payment: Payment; invoice: Invoice; duplicate: boolean }>(`/billing/invoices/${enc(id)}/payments`, body, key),
    /** A credit note of what remains creditable (or of `lines`), issued at once unless `draft`. */
    creditNote: (id: string, body: { reason?: string | null; lines?: BillingLineInput[]; draft?: boolean }, key: string) =>
      action<{ creditNote: CreditNote; invoice: Invoice }>(`/billing/invoices/${enc(id)}/credit-note`, body, key),
    /** Pays what is due (or `amountCents`) out of the client's unapplied credit. */
    applyCredit: (id: string, body: { amountCents?: number }, key: string) =>
      action<{ payment: Payment; invoice: Invoice }>(`/billing/invoices/${enc(id)}/apply-credit`, body, key),
    /** A hosted card payment page (Stripe Checkout, or the sandbox's) for what the invoice still owes; kept as its `paymentUrl`. */
    paymentLink: (id: string, key: string) =>
      action<{ invoiceId: string; provider: 'sandbox' | 'stripe'; url: string; amountCents: number }>(`/billing/invoices/${enc(id)}/payment-link`, {}, key),
  },
  'credit-notes': {
    ...documentsApi('credit-notes'),
    issue: (id: string, key: string) => action<CreditNote>(`/billing/credit-notes/${enc(id)}/issue`, {}, key),
  },
  profile: {
    get: () => http.get<BillingProfile>('/billing/profile'),
    /** The whole profile (PUT: a field left out takes its default), If-Match the version read. */
    update: (profile: Record<string, unknown>, version: number) => request<BillingProfile>('PUT', '/billing/profile', { body: profile, ifMatch: version }),
  },
  catalogue: (q: string) => http.get<Page<CatalogueItem>>('/catalogue-items', { q: q || undefined, active: 'true', limit: 20 }),
  integrations: {
    get: () => http.get<BillingIntegrations>('/billing/integrations'),
    save: (body: BillingIntegrationsUpdate, version: number) => request<BillingIntegrations>('PUT', '/billing/integrations', { body, ifMatch: version }),
  },
  accountBalance: (accountId: string) => http.get<AccountBalance>(`/billing/accounts/${enc(accountId)}/balance`),
};

/** The calls every document kind answers, typed by kind (list stores and the editor are generic). */
export interface BillingRecordApi<K extends BillingKind> {
  list(query: BillingListQuery, signal?: AbortSignal): Promise<Page<BillingRecordOf[K]>>;
  get(id: string): Promise<BillingRecordOf[K]>;
  update(id: string, patch: Record<string, unknown>, version: number): Promise<BillingRecordOf[K]>;
  history(id: string): Promise<{ items: HistoryEntry[] }>;
  pdf(id: string): Promise<Blob>;
  /** Deletes a draft (an issued document never goes). */
  remove(id: string, version: number): Promise<void>;
}

export function documentApi<K extends BillingKind>(kind: K): BillingRecordApi<K> {
  return billingApi[kind] as unknown as BillingRecordApi<K>;
}

export type { HistoryEntry, Page };
