import type { AccountingCustomer, AccountingDocument, AccountingFailure, AccountingPort, PaymentState, PullResult, PushResult } from './accounting.port';
import { createPennylaneHttp, type PennylaneCall, type PennylaneHttpOptions } from './pennylane.http';

/**
 * Pennylane (Company API v2, https://pennylane.readme.io). Our documents are
 * numbered and rendered by Relais, so they are *imported* (the PDF attached,
 * our number kept: `POST /customer_invoices/import`), never created in
 * Pennylane's editor, which would number them again. The upsert:
 *   1. `GET /customer_invoices?filter=[invoice_number eq …]`: already there → its id;
 *   2. the customer by external reference (our account id), created when missing
 *      (`POST /company_customers`);
 *   3. the PDF (`POST /file_attachments`), then the import with our document id
 *      as `external_reference`; a 409 (already imported by a call whose answer
 *      was lost) → step 1 again.
 * Payment states come from the change log (`GET /changelogs/customer_invoices`,
 * four weeks retained), each changed invoice read for `paid` and
 * `remaining_amount_with_tax`.
 */
export type PennylaneOptions = PennylaneHttpOptions;

/** Pennylane's VAT codes for the French rates we issue. */
export const PENNYLANE_VAT_RATES: Record<number, string> = {
  2000: 'FR_200', 1000: 'FR_100', 850: 'FR_85', 550: 'FR_55', 210: 'FR_21', 0: 'exempt',
};

/** Cents as Pennylane writes amounts: a decimal string in currency units. */
export function decimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Pennylane's decimal strings back to cents, exactly ("230.3" → 23030, "-12" → -1200). */
export function cents(value: unknown): number {
  const text = String(value ?? '0').trim();
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return 0;
  const fraction = (match[3] ?? '').padEnd(3, '0');
  const value3 = Number(match[2]) * 1000 + Number(fraction.slice(0, 3));
  const rounded = Math.round(value3 / 10);
  return match[1] ? -rounded : rounded;
}

/** Our unit codes (UN/ECE Rec. 20) as the words Pennylane prints. */
const UNITS: Record<string, string> = { C62: 'piece', HUR: 'hour', DAY: 'day', MON: 'month', ANN: 'year', KGM: 'kg', MTR: 'm', LTR: 'l', MTQ: 'm3', KMT: 'km', SET: 'set' };

/** The unit price after discount, net ÷ quantity, with the six decimals Pennylane takes. */
export function unitPrice(netCents: number, quantity: number): string {
  if (!quantity) return decimal(netCents);
  return (netCents / 100 / quantity).toFixed(6).replace(/(\.\d\d\d*?)0+$/, '$1');
}

const filter = (field: string, value: string) => JSON.stringify([{ field, operator: 'eq', value }]);
const idOf = (body: Record<string, unknown>) => String(body.id);
const firstItem = (body: Record<string, unknown>) => (Array.isArray(body.items) ? (body.items[0] as Record<string, unknown> | undefined) : undefined);

export function createPennylaneAccountingAdapter(options: PennylaneOptions): AccountingPort {
  const call: PennylaneCall = createPennylaneHttp(options);

  async function findInvoice(number: string): Promise<{ ok: true; found: Record<string, unknown> | null } | AccountingFailure> {
    const answer = await call({ method: 'GET', path: '/customer_invoices', query: { filter: filter('invoice_number', number), limit: '1' } });
    return answer.ok ? { ok: true, found: firstItem(answer.body) ?? null } : answer;
  }

  async function ensureCustomer(customer: AccountingCustomer): Promise<{ ok: true; id: string } | AccountingFailure> {
    const lookup = () => call({ method: 'GET', path: '/customers', query: { filter: filter('external_reference', customer.reference), limit: '1' } });
    const existing = await lookup();
    if (!existing.ok) return existing;
    const found = firstItem(existing.body);
    if (found) return { ok: true, id: idOf(found) };
    const created = await call({
      method: 'POST', path: '/company_customers',
      json: {
        name: customer.name,
        ...(customer.vatNumber ? { vat_number: customer.vatNumber } : {}),
        ...(customer.siren ? { reg_no: customer.siren } : {}),
        ...(customer.email ? { emails: [customer.email] } : {}),
        billing_address: { address: customer.addressLine1 ?? '', postal_code: customer.postalCode ?? '', city: customer.city ?? '', country_alpha2: customer.country },
        external_reference: customer.reference,
        billing_language: customer.language === 'en' ? 'en_GB' : 'fr_FR',
      },
    });
    if (created.ok) return { ok: true, id: idOf(created.body) };
    if (created.status !== 409) return created;
    const again = await lookup();
    if (!again.ok) return again;
    const raced = firstItem(again.body);
    return raced ? { ok: true, id: idOf(raced) } : created;
  }

  function linesOf(document: AccountingDocument): { ok: true; lines: unknown[] } | AccountingFailure {
    const sign = document.kind === 'credit-note' ? -1 : 1;
    const lines = [];
    for (const line of document.lines) {
      const vatRate = PENNYLANE_VAT_RATES[line.vatRateBasisPoints];
      if (!vatRate) return { ok: false, reason: 'rejected', retryable: false, message: `Pennylane has no French VAT code for ${line.vatRateBasisPoints / 100} %.` };
      lines.push({
        label: line.label,
        quantity: line.quantity,
        unit: UNITS[line.unit ?? 'C62'] ?? 'piece',
        raw_currency_unit_price: unitPrice(line.lineExcludingTaxCents, line.quantity),
        vat_rate: vatRate,
        currency_amount: decimal(sign * (line.lineExcludingTaxCents + line.lineTaxCents)),
        currency_tax: decimal(sign * line.lineTaxCents),
      });
    }
    return { ok: true, lines };
  }

  async function push(document: AccountingDocument): Promise<PushResult> {
    const already = await findInvoice(document.number);
    if (!already.ok) return already;
    if (already.found) {
      if (already.found.external_reference !== document.reference) {
        return { ok: false, reason: 'rejected', retryable: false, message: `Pennylane already holds a document numbered ${document.number} that is not this one.` };
      }
      return { ok: true, externalId: idOf(already.found), customerExternalId: null, created: false };
    }
    const lines = linesOf(document);
    if (!lines.ok) return lines;
    let creditedId: string | null = null;
    if (document.creditedNumber) {
      const credited = await findInvoice(document.creditedNumber);
      if (!credited.ok) return credited;
      // Not a fault of Pennylane's: the next documents may still go; this one waits for its invoice.
      if (!credited.found) return { ok: false, reason: 'rejected', retryable: true, message: `The credited invoice ${document.creditedNumber} is not in Pennylane yet.` };
      creditedId = idOf(credited.found);
    }
    const customer = await ensureCustomer(document.customer);
    if (!customer.ok) return customer;
    const file = await call({ method: 'POST', path: '/file_attachments', file: { field: 'file', content: document.pdf, filename: document.filename, contentType: 'application/pdf' } });
    if (!file.ok) return file;
    const sign = document.kind === 'credit-note' ? -1 : 1;
    const imported = await call({
      method: 'POST', path: '/customer_invoices/import',
      json: {
        file_attachment_id: Number(file.body.id),
        import_as_incomplete: false,
        date: document.issueDate,
        deadline: document.dueDate,
        customer_id: Number(customer.id),
        invoice_number: document.number,
        currency: document.currency,
        currency_amount_before_tax: decimal(sign * document.totalExcludingTaxCents),
        currency_tax: decimal(sign * document.totalTaxCents),
        currency_amount: decimal(sign * document.totalIncludingTaxCents),
        invoice_lines: lines.lines,
        external_reference: document.reference,
        ...(creditedId ? { credited_invoice_id: Number(creditedId) } : {}),
      },
    });
    if (imported.ok) return { ok: true, externalId: idOf(imported.body), customerExternalId: customer.id, created: true };
    if (imported.status !== 409) return imported;
    // Imported by an earlier call whose answer was lost: the document is there, under our number.
    const raced = await findInvoice(document.number);
    if (!raced.ok) return raced;
    return raced.found ? { ok: true, externalId: idOf(raced.found), customerExternalId: customer.id, created: false } : imported;
  }

  async function pullPaymentStates(cursor: string | null): Promise<PullResult> {
    const changed = new Map<string, string>();
    let next: string | null = null;
    let since = cursor;
    for (let page = 0; page < 50; page += 1) {
      const query: Record<string, string> = { limit: '100' };
      if (next) query.cursor = next;
      else if (since) query.start_date = since;
      const answer = await call({ method: 'GET', path: '/changelogs/customer_invoices', query });
      if (!answer.ok) {
        // The cursor fell out of the four weeks Pennylane keeps: start again from the oldest change it has.
        if (answer.status === 422 && since && !next) {
          since = null;
          continue;
        }
        return answer;
      }
      for (const item of (answer.body.items as Array<Record<string, unknown>> | undefined) ?? []) {
        if (item.operation !== 'delete') changed.set(String(item.id), String(item.processed_at));
        if (!since || String(item.processed_at) > since) since = String(item.processed_at);
      }
      next = answer.body.has_more && typeof answer.body.next_cursor === 'string' ? answer.body.next_cursor : null;
      if (!next) break;
    }
    const states: PaymentState[] = [];
    for (const [id] of changed) {
      const answer = await call({ method: 'GET', path: `/customer_invoices/${encodeURIComponent(id)}` });
      if (!answer.ok) {
        if (answer.status === 404) continue;
        return answer;
      }
      const invoice = answer.body;
      if (typeof invoice.external_reference !== 'string' || invoice.draft === true) continue;
      states.push({
        reference: invoice.external_reference, externalId: id, number: String(invoice.invoice_number ?? ''),
        paid: invoice.paid === true, remainingCents: Math.abs(cents(invoice.remaining_amount_with_tax)), totalCents: Math.abs(cents(invoice.currency_amount)),
        changedAt: String(invoice.updated_at ?? changed.get(id)),
      });
    }
    return { ok: true, states, cursor: since };
  }

  return { provider: 'pennylane', push, pullPaymentStates };
}
