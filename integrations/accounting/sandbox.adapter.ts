import crypto from 'node:crypto';
import type { AccountingPort } from './accounting.port';

/**
 * A pretend accounting software for development and demos: it keeps nothing
 * and calls nobody. A document's id there is derived from our reference, so a
 * second push of the same document answers the same id (`created` comes from
 * the caller's memory, `known`); it never learns of a payment, so pulling
 * answers no change and keeps the cursor.
 */
export interface SandboxAccountingOptions {
  /** Whether a document with this reference was pushed before (the caller's sync records). */
  known?: (reference: string) => Promise<boolean>;
}

const idFor = (kind: string, reference: string) => `sandbox-${kind}-${crypto.createHash('sha256').update(reference).digest('hex').slice(0, 16)}`;

export function createSandboxAccountingAdapter(options: SandboxAccountingOptions = {}): AccountingPort {
  return {
    provider: 'sandbox',
    async push(document) {
      if (document.totalIncludingTaxCents !== document.totalExcludingTaxCents + document.totalTaxCents) {
        return { ok: false, reason: 'rejected', retryable: false, status: 422, message: 'The sandbox refuses totals that do not add up.' };
      }
      const known = options.known ? await options.known(document.reference) : false;
      return { ok: true, externalId: idFor('document', document.reference), customerExternalId: idFor('customer', document.customer.reference), created: !known };
    },
    async pullPaymentStates(cursor) {
      return { ok: true, states: [], cursor };
    },
  };
}
