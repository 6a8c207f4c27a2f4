/**
 * The payments port (issue 13): a hosted payment page per invoice (a Stripe
 * Checkout Session, or the sandbox's simulated page) and the provider's
 * signed notifications. Like the SMS and mail ports, adapters answer expected
 * failures as typed results; the caller decides what is retried.
 */
export type PaymentsProvider = 'sandbox' | 'stripe';

export interface CheckoutRequest {
  /** What remains due, in cents (> 0). */
  amountCents: number;
  /** ISO 4217, upper case (`EUR`). */
  currency: string;
  invoiceNumber: string;
  /** Prefills the payer's email on the provider's page, when known. */
  customerEmail: string | null;
  successUrl: string;
  cancelUrl: string;
  /** The line the payer reads (« Facture F-2026-00042 »). */
  description: string;
  /** Returned untouched with the session and its events: how a notification finds its invoice. */
  metadata: { tenantId: string; invoiceId: string; invoiceNumber: string };
  /**
   * The same key asks for the same session: a retried call after a lost
   * answer creates nothing new (Stripe's `Idempotency-Key`).
   */
  idempotencyKey: string;
  /** The page's language. */
  locale: 'fr' | 'en';
}

export type CheckoutStatus = 'open' | 'complete' | 'expired';
export type CheckoutPaymentStatus = 'paid' | 'unpaid' | 'no_payment_required';

export interface CheckoutSession {
  id: string;
  url: string | null;
  status: CheckoutStatus;
  paymentStatus: CheckoutPaymentStatus;
  amountTotalCents: number;
  currency: string;
  metadata: Record<string, string>;
  /** The payment's own id at the provider (a PaymentIntent), once paid. */
  paymentReference: string | null;
}

export type PaymentsFailureReason =
  /** Our credentials are wrong: an administrator must fix the settings. */
  | 'misconfigured'
  /** Refused for a reason retrying will not fix (amount, currency, parameters). */
  | 'rejected'
  /** Outage, timeout, throttling: worth retrying later. */
  | 'unavailable';

export type PaymentsFailure = { ok: false; reason: PaymentsFailureReason; retryable: boolean; code?: string; message: string };
export type CheckoutResult = { ok: true; session: CheckoutSession } | PaymentsFailure;

/** A notification whose signature was checked: its id (unique at the provider), type and object. */
export interface VerifiedEvent {
  id: string;
  type: string;
  /** Seconds since the epoch, as the provider dated it. */
  created: number;
  /** The provider's account the event comes from (Stripe Connect), when it says. */
  account: string | null;
  /** A Checkout Session for `checkout.session.*` events; null for any other kind. */
  session: CheckoutSession | null;
}

export type WebhookRefusal =
  /** No signature header at all. */
  | 'unsigned'
  /** A signature that does not match the body and the secret. */
  | 'forged'
  /** Correctly signed, but its timestamp is outside the tolerance (a replay). */
  | 'stale'
  /** Signed, but not an event we can read. */
  | 'malformed';

export type WebhookResult = { ok: true; event: VerifiedEvent } | { ok: false; reason: WebhookRefusal; message: string };

export interface PaymentsPort {
  readonly provider: PaymentsProvider;
  createCheckout(request: CheckoutRequest): Promise<CheckoutResult>;
  retrieveCheckout(sessionId: string): Promise<CheckoutResult>;
  /**
   * Checks a notification's signature over its raw bytes and reads it. Pure:
   * no call to the provider; `nowSeconds` is the clock the tolerance is
   * measured against.
   */
  verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined, nowSeconds?: number): WebhookResult;
}

/** How long a signed notification stays acceptable (Stripe's default, 5 minutes): older ones are replays. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
