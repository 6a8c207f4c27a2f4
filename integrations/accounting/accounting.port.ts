/**
 * The accounting port (issue 13): issued invoices and credit notes go to the
 * organisation's accounting software, and what it knows about their payment
 * comes back. Every push is an upsert by our own reference (the document's
 * id): pushing the same document twice leaves one copy there. Expected
 * failures are typed results; the activity decides what is retried.
 */
export type AccountingProvider = 'sandbox' | 'pennylane';

export interface AccountingCustomer {
  /** Our account's id: the customer's external reference at the provider. */
  reference: string;
  name: string;
  siren: string | null;
  vatNumber: string | null;
  email: string | null;
  addressLine1: string | null;
  postalCode: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
  language: 'fr' | 'en';
}

export interface AccountingLine {
  label: string;
  /** Up to three decimals. */
  quantity: number;
  /** UN/ECE Recommendation 20 code (C62, HUR, DAY…). */
  unit: string | null;
  vatRateBasisPoints: number;
  /** Quantity × unit price − discount, rounded to the cent. */
  lineExcludingTaxCents: number;
  /** The line's share of its rate's VAT (the shares of one rate add up to the document's VAT at that rate). */
  lineTaxCents: number;
}

export interface AccountingDocument {
  kind: 'invoice' | 'credit-note';
  /** Our document's id: its external reference at the provider, the key of the upsert. */
  reference: string;
  /** Our gapless number (`F-2026-00042`): the provider keeps it, it never numbers our documents. */
  number: string;
  /** yyyy-mm-dd. */
  issueDate: string;
  dueDate: string;
  currency: string;
  totalExcludingTaxCents: number;
  totalTaxCents: number;
  totalIncludingTaxCents: number;
  lines: AccountingLine[];
  customer: AccountingCustomer;
  /** A credit note: the invoice it corrects (our number; it was pushed first). */
  creditedNumber: string | null;
  /** The issued PDF (Factur-X), attached as the document's file. */
  pdf: Buffer;
  filename: string;
}

export type AccountingFailureReason =
  /** Our token is wrong or lacks a scope: an administrator must fix the settings. */
  | 'misconfigured'
  /** Refused for a reason retrying will not fix (a field, a rate the provider does not know). */
  | 'rejected'
  /** Outage, timeout, throttling after the adapter's own retries: worth retrying later. */
  | 'unavailable';

export type AccountingFailure = { ok: false; reason: AccountingFailureReason; retryable: boolean; status?: number; message: string };

export type PushResult =
  | { ok: true; externalId: string; customerExternalId: string | null; created: boolean }
  | AccountingFailure;

/** What the accounting software says about one of our documents. */
export interface PaymentState {
  /** Our document's id (its external reference there). */
  reference: string;
  externalId: string;
  number: string;
  paid: boolean;
  /** What remains to pay, in cents, as the provider computes it. */
  remainingCents: number;
  totalCents: number;
  /** When the provider last changed it (ISO). */
  changedAt: string;
}

export type PullResult =
  | { ok: true; states: PaymentState[]; cursor: string | null }
  | AccountingFailure;

export interface AccountingPort {
  readonly provider: AccountingProvider;
  /** Creates the document (and its customer) unless one with this reference exists; answers the provider's id either way. */
  push(document: AccountingDocument): Promise<PushResult>;
  /**
   * Payment states of our documents changed since `cursor` (null: as far back
   * as the provider remembers), and the cursor to pass next time. Documents
   * without an external reference are skipped; the caller ignores references
   * it does not know (documents entered at the provider by hand).
   */
  pullPaymentStates(cursor: string | null): Promise<PullResult>;
}
