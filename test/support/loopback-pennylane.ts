import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP server that answers like Pennylane's Company API v2 (bearer token, JSON, cursor
 * lists with `filter=[{field, operator, value}]`): customers (`GET /customers`, `POST
 * /company_customers`, external_reference unique → 409), file attachments (multipart), customer
 * invoices (`GET /customer_invoices`, `GET /customer_invoices/{id}`, `POST /customer_invoices/import`:
 * external_reference and invoice_number unique → 409), and the change log of customer invoices. It
 * records every request as received, and can answer the next ones with throttling (429 with
 * Retry-After) or failures (5xx, 4xx) to exercise the adapter's retries.
 */
export interface ReceivedPennylaneRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  rawBody: Buffer;
  json: Record<string, unknown> | null;
}

type Item = Record<string, unknown> & { id: number };

export interface LoopbackPennylane {
  url: string;
  apiToken: string;
  requests: ReceivedPennylaneRequest[];
  customers: Item[];
  invoices: Item[];
  files: Array<{ id: number; filename: string; size: number; startsWithPdf: boolean }>;
  /** The next requests (any path) answer these statuses, with a Retry-After header when given. */
  failNext(...answers: Array<{ status: number; retryAfter?: string }>): void;
  /** A person matched a bank transfer in Pennylane: the invoice is paid (or partly), a change is logged. */
  markPaid(invoiceNumber: string, remainingCents?: number): void;
  calls(method: string, path: string): ReceivedPennylaneRequest[];
  close(): Promise<void>;
}

const money = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

export async function startLoopbackPennylane(): Promise<LoopbackPennylane> {
  const apiToken = crypto.randomBytes(20).toString('hex');
  const requests: ReceivedPennylaneRequest[] = [];
  const customers: Item[] = [];
  const invoices: Item[] = [];
  const files: LoopbackPennylane['files'] = [];
  const changes: Array<{ id: number; operation: string; processed_at: string }> = [];
  let failures: Array<{ status: number; retryAfter?: string }> = [];
  let nextId = 1000;
  const base = '/api/external/v2';

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (res: http.ServerResponse, status: number, message: string, headers: Record<string, string> = {}) => send(res, status, { error: message, status }, headers);
  const filtered = (items: Item[], query: URLSearchParams) => {
    const raw = query.get('filter');
    const rules = raw ? (JSON.parse(raw) as Array<{ field: string; operator: string; value: string }>) : [];
    return items.filter((item) => rules.every((r) => r.operator === 'eq' && String(item[r.field]) === String(r.value)));
  };
  const list = (res: http.ServerResponse, items: Item[], query: URLSearchParams) => {
    const limit = Number(query.get('limit') ?? 20);
    send(res, 200, { has_more: items.length > limit, next_cursor: null, items: items.slice(0, limit) });
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://loopback');
      const rawBody = Buffer.concat(chunks);
      let json: Record<string, unknown> | null = null;
      if (String(req.headers['content-type']).startsWith('application/json')) {
        try {
          json = JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>;
        } catch {
          return error(res, 400, 'Malformed JSON');
        }
      }
      const path = url.pathname.startsWith(base) ? url.pathname.slice(base.length) : url.pathname;
      requests.push({ method: req.method ?? '', path, query: url.searchParams, headers: req.headers, rawBody, json });
      if (req.headers.authorization !== `Bearer ${apiToken}`) return error(res, 401, 'Access token is missing or invalid');
      const failure = failures.shift();
      if (failure) return error(res, failure.status, `Simulated ${failure.status}`, failure.retryAfter ? { 'Retry-After': failure.retryAfter } : {});

      if (req.method === 'GET' && path === '/customers') return list(res, filtered(customers, url.searchParams), url.searchParams);
      if (req.method === 'POST' && path === '/company_customers') {
        if (!json?.name || !json.billing_address) return error(res, 422, 'name and billing_address are required');
        if (customers.some((c) => c.external_reference === json!.external_reference)) return error(res, 409, 'external_reference already taken');
        const customer = { ...json, id: nextId++, customer_type: 'company' } as Item;
        customers.push(customer);
        return send(res, 201, customer);
      }
      if (req.method === 'POST' && path === '/file_attachments') {
        const text = rawBody.toString('latin1');
        if (!String(req.headers['content-type']).startsWith('multipart/form-data')) return error(res, 400, 'Expected multipart');
        const filename = /filename="([^"]+)"/.exec(text)?.[1] ?? 'file';
        const file = { id: nextId++, filename, size: rawBody.length, startsWithPdf: text.includes('%PDF-') };
        files.push(file);
        return send(res, 201, { id: file.id, url: `https://loopback.invalid/files/${file.id}`, filename, created_at: new Date().toISOString(), updated_at: new Date().toISOString() });
      }
      if (req.method === 'GET' && path === '/customer_invoices') return list(res, filtered(invoices, url.searchParams), url.searchParams);
      const one = /^\/customer_invoices\/(\d+)$/.exec(path);
      if (req.method === 'GET' && one) {
        const invoice = invoices.find((i) => i.id === Number(one[1]));
        return invoice ? send(res, 200, invoice) : error(res, 404, 'The resource was not found');
      }
      if (req.method === 'POST' && path === '/customer_invoices/import') {
        const body = json ?? {};
        for (const field of ['file_attachment_id', 'date', 'deadline', 'customer_id', 'currency_amount_before_tax', 'currency_amount', 'currency_tax', 'invoice_lines']) {
          if (body[field] === undefined) return error(res, 422, `${field} is missing`);
        }
        if (!files.some((f) => f.id === body.file_attachment_id)) return error(res, 422, 'Unknown file attachment');
        if (!customers.some((c) => c.id === body.customer_id)) return error(res, 422, 'Unknown customer');
        if (invoices.some((i) => i.external_reference === body.external_reference || i.invoice_number === body.invoice_number)) return error(res, 409, 'Invoice already exists');
        const now = new Date().toISOString();
        const invoice: Item = {
          id: nextId++, invoice_number: body.invoice_number, external_reference: body.external_reference, date: body.date, deadline: body.deadline,
          currency: body.currency ?? 'EUR', currency_amount: body.currency_amount, currency_amount_before_tax: body.currency_amount_before_tax, currency_tax: body.currency_tax,
          amount: body.currency_amount, remaining_amount_with_tax: body.currency_amount, paid: false, draft: false, status: 'upcoming',
          customer: { id: body.customer_id }, credited_invoice: body.credited_invoice_id ? { id: body.credited_invoice_id } : null, created_at: now, updated_at: now,
        };
        invoices.push(invoice);
        changes.push({ id: invoice.id, operation: 'insert', processed_at: now });
        return send(res, 201, invoice);
      }
      if (req.method === 'GET' && path === '/changelogs/customer_invoices') {
        if (url.searchParams.get('start_date') && url.searchParams.get('cursor')) return error(res, 400, 'start_date and cursor cannot be given together');
        const since = url.searchParams.get('start_date');
        const items = changes.filter((c) => !since || c.processed_at >= since).map((c) => ({ ...c, created_at: c.processed_at, updated_at: c.processed_at }));
        return send(res, 200, { items, has_more: false, next_cursor: null });
      }
      return error(res, 404, 'The resource was not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${base}`,
    apiToken, requests, customers, invoices, files,
    failNext(...answers) {
      failures = answers;
    },
    markPaid(invoiceNumber, remainingCents = 0) {
      const invoice = invoices.find((i) => i.invoice_number === invoiceNumber);
      if (!invoice) throw new Error(`no invoice ${invoiceNumber}`);
      // A distinct instant for each change, after the invoice's own.
      const at = new Date(Math.max(Date.now(), Date.parse(String(invoice.updated_at)) + 1)).toISOString();
      Object.assign(invoice, { remaining_amount_with_tax: money(remainingCents), paid: remainingCents === 0, status: remainingCents === 0 ? 'paid' : 'upcoming', updated_at: at });
      changes.push({ id: invoice.id, operation: 'update', processed_at: at });
    },
    calls: (method, path) => requests.filter((r) => r.method === method && r.path === path),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
