import type { Knex } from 'knex';
import { DateTime, Duration } from 'luxon';
import { z } from 'zod';
import type { MailAttachment } from '../../integrations/mail/mail.port';
import { getRecord, isUuid, type RequestContext } from '../core/record-service';
import { UnprocessableError } from '../errors';
import type { Locale } from '../i18n/messages';
import type { BusinessLabelResolver } from '../modules/vertical-module';
import { DEFAULT_DUNNING_DELAYS, INVOICE_DUNNING, type DunningDelays } from './dunning-start';
import { dunningMessage } from './dunning.messages';
import { documentViewOf } from './document-view-of';
import { markInvoiceOverdue, markInvoiceSent } from './invoice-actions';
import { renderDocumentPdf } from './render/document-pdf';
import { billingInvoices } from './resources';

/**
 * « Relance des factures impayées » (`workflows/billing/invoice-dunning.bpmn`), the process every
 * organisation gets with billing: one instance per issued invoice (its id is the business key and
 * the `invoiceId` variable). It mails the invoice, waits for its due date, reminds the client at the
 * delays its variables say after that date, and ends the moment the invoice is paid or cancelled by
 * a credit note (dunning-signal.ts). What its service tasks do is here; the activities
 * (activities/billing/) only call it.
 *
 * Started exactly once per invoice (dunning-start.ts).
 */
type Row = Record<string, unknown>;

/** The permissions the dunning's service tasks act with, on every invoice of their organisation. */
export const DUNNING_PERMISSIONS = ['billing.invoice.read', 'billing.invoice.update', 'core.account.read', 'core.contact.read', 'core.billing-site.read'];

/** The hour (Paris) a planned step of the dunning happens on its day. */
const STEP_HOUR = 9;
const PARIS = 'Europe/Paris';

/** What the process plans when it starts: the invoice's due date and the day (and instant, 9 am in Paris) of each step. */
export interface DunningPlan {
  number: string;
  dueDate: string;
  settled: boolean;
  overdueOn: string; overdueAt: string;
  courteousOn: string; courteousAt: string;
  firmOn: string; firmAt: string;
  formalNoticeOn: string; formalNoticeAt: string;
}

/** Nothing left to collect: paid, or cancelled by a credit note. */
export function isSettled(invoice: Row): boolean {
  return Number(invoice.amountDueCents) === 0 || invoice.status === 'paid' || invoice.status === 'cancelled';
}

function stepOf(dueDate: string, delay: string): { on: string; at: string } {
  const days = Duration.fromISO(delay).as('days');
  if (!Number.isFinite(days)) throw new Error(`"${delay}" is not an ISO 8601 duration in days`);
  const on = DateTime.fromISO(dueDate, { zone: PARIS }).plus({ days: Math.round(days) });
  return { on: on.toISODate()!, at: on.set({ hour: STEP_HOUR }).toUTC().toISO()! };
}

/** The days (and instants) of the dunning's steps for an invoice due on `dueDate`: overdue the next day, then each reminder. */
export function dunningSchedule(dueDate: string, delays: DunningDelays): Omit<DunningPlan, 'number' | 'dueDate' | 'settled'> {
  const overdue = stepOf(dueDate, 'P1D');
  const courteous = stepOf(dueDate, delays.courteousReminderDelay);
  const firm = stepOf(dueDate, delays.firmReminderDelay);
  const notice = stepOf(dueDate, delays.formalNoticeDelay);
  return {
    overdueOn: overdue.on, overdueAt: overdue.at, courteousOn: courteous.on, courteousAt: courteous.at,
    firmOn: firm.on, firmAt: firm.at, formalNoticeOn: notice.on, formalNoticeAt: notice.at,
  };
}

/** Reads the invoice and plans its dunning from its due date (a draft has none: refused, the instance opens an incident). */
export async function planDunning(ctx: RequestContext, invoiceId: string, delays: DunningDelays): Promise<DunningPlan> {
  const invoice = await getRecord(ctx, billingInvoices, invoiceId);
  if (!invoice.number || !invoice.dueDate) throw new UnprocessableError(dunningMessage('billing.dunning.not-issued', { status: String(invoice.status) }));
  const dueDate = String(invoice.dueDate);
  return { number: String(invoice.number), dueDate, settled: isSettled(invoice), ...dunningSchedule(dueDate, delays) };
}

/** The invoice past its due date becomes « overdue » for the day the process planned (nothing changes once it is settled). */
export async function markDunnedInvoiceOverdue(ctx: RequestContext, invoiceId: string, day: string): Promise<{ settled: boolean; status: string; amountDueCents: number }> {
  const { invoice } = await markInvoiceOverdue(ctx, invoiceId, { today: day });
  return { settled: isSettled(invoice), status: String(invoice.status), amountDueCents: Number(invoice.amountDueCents) };
}

/** Whom the invoice's mails and SMS go to. */
export interface DunningRecipient {
  /** The contact written to (greeting, mobile), when one is known. */
  contactId: string | null;
  name: string | null;
  email: string | null;
  mobile: string | null;
}

/**
 * The client's billing contact: the billing site's contact, else a contact assigned to billing on the
 * invoice's billing site, then on any of the account's, else the account's first contact. The mail
 * goes to the address frozen on the invoice (the billing site's, else the account's), else that
 * contact's; the SMS to that contact's mobile, else the first of the account's contacts with one.
 */
export async function dunningRecipient(trx: Knex.Transaction, invoice: Row): Promise<DunningRecipient> {
  const siteId = (invoice.billingSiteId as string | null) ?? null;
  const site = siteId ? ((await trx('billingSites').where({ id: siteId }).first('billingContactId')) as Row | undefined) : undefined;
  const contacts = trx('contacts as c').where('c.accountId', String(invoice.accountId));
  const contact = (await contacts.clone()
    .orderByRaw('(c.id = ?) desc', [(site?.billingContactId as string | null) ?? '00000000-0000-0000-0000-000000000000'])
    .orderByRaw("(exists (select 1 from contact_assignments x where x.contact_id = c.id and x.purpose = 'billing' and x.billing_site_id is not distinct from ?)) desc", [siteId])
    .orderByRaw("(exists (select 1 from contact_assignments x where x.contact_id = c.id and x.purpose = 'billing')) desc")
    .orderBy([{ column: 'c.createdAt' }, { column: 'c.id' }])
    .first('c.id', 'c.firstName', 'c.lastName', 'c.email', 'c.mobile')) as Row | undefined;
  const mobile = (contact?.mobile as string | null) ?? ((await contacts.clone().whereNotNull('c.mobile').orderBy([{ column: 'c.createdAt' }, { column: 'c.id' }]).first('c.mobile')) as Row | undefined)?.mobile as string | undefined;
  const buyer = (invoice.buyer as { email?: string | null } | null) ?? null;
  const name = contact ? [contact.firstName, contact.lastName].filter(Boolean).join(' ') || null : null;
  return { contactId: (contact?.id as string | undefined) ?? null, name, email: buyer?.email ?? (contact?.email as string | null) ?? null, mobile: mobile ?? null };
}

/** The invoice as its mails speak of it, in its language. */
export interface InvoiceMailFacts {
  invoice: Row;
  language: Locale;
  seller: string;
  recipient: DunningRecipient;
}

export async function invoiceMailFacts(ctx: RequestContext, invoiceId: string): Promise<InvoiceMailFacts> {
  const invoice = await getRecord(ctx, billingInvoices, invoiceId);
  const row = (await ctx.trx('billingInvoices').where({ id: invoiceId }).first('buyer', 'seller', 'billingSiteId', 'accountId')) as Row;
  const seller = (row.seller as { tradingName?: string | null; name?: string } | null) ?? null;
  const tenant = (await ctx.trx('tenants').first('name')) as { name: string };
  return {
    invoice,
    language: invoice.language === 'en' ? 'en' : 'fr',
    seller: seller?.tradingName ?? seller?.name ?? tenant.name,
    recipient: await dunningRecipient(ctx.trx, row),
  };
}

/** The mail of the invoice itself, or of a reminder: subject and text in the invoice's language. */
export function invoiceMail(facts: InvoiceMailFacts, kind: 'invoice' | 'courteous' | 'firm'): { subject: string; body: string } {
  const { invoice, language } = facts;
  const number = String(invoice.number);
  const params = {
    client: facts.recipient.name, number, dueDate: String(invoice.dueDate), seller: facts.seller,
    amountCents: Number(kind === 'invoice' ? invoice.totalIncludingTaxCents : invoice.amountDueCents), paymentUrl: (invoice.paymentUrl as string | null) ?? null,
  };
  const subject = kind === 'invoice' ? dunningMessage('billing.dunning.invoice-subject', { number, seller: facts.seller })
    : dunningMessage(kind === 'courteous' ? 'billing.dunning.courteous-subject' : 'billing.dunning.firm-subject', { number });
  const body = dunningMessage(kind === 'invoice' ? 'billing.dunning.invoice-body' : kind === 'courteous' ? 'billing.dunning.courteous-body' : 'billing.dunning.firm-body', params);
  return { subject: subject.render(language), body: body.render(language) };
}

export function reminderSms(facts: InvoiceMailFacts): string {
  return dunningMessage('billing.dunning.firm-sms', { number: String(facts.invoice.number), amountCents: Number(facts.invoice.amountDueCents), seller: facts.seller }).render(facts.language);
}

/** The invoice's PDF (its frozen view, as `GET …/invoices/{id}/pdf` renders it), to attach to its mails. */
export async function invoiceAttachment(ctx: RequestContext, invoiceId: string): Promise<MailAttachment> {
  const view = await documentViewOf(ctx, 'invoice', invoiceId);
  const name = view.language === 'en' ? 'Invoice' : 'Facture';
  return { filename: `${name} ${view.number}.pdf`, contentType: 'application/pdf', content: await renderDocumentPdf(view) };
}

/**
 * Notes the invoice sent once its mail went out: a retried task finds it sent and writes nothing more;
 * an invoice cancelled by a credit note meanwhile stays as it is (the credit note's message ends the process).
 */
export async function noteInvoiceMailed(ctx: RequestContext, invoiceId: string): Promise<void> {
  const row = (await ctx.trx('billingInvoices').where({ id: invoiceId }).forUpdate().first('sentAt', 'status')) as { sentAt: Date | null; status: string } | undefined;
  if (row && !row.sentAt && row.status !== 'cancelled') await markInvoiceSent(ctx, invoiceId);
}

// ---- where it stands, for the invoice's panel ----

const day = z.string();
export const invoiceDunningState = z.object({
  /** The process instance; null while its start waits (the engine away, the process not deployed). */
  instanceId: z.string().uuid().nullable(),
  status: z.enum(['requested', 'running', 'incident', 'completed', 'cancelled', 'failed']),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  delays: z.object({ courteousReminderDelay: z.string(), firmReminderDelay: z.string(), formalNoticeDelay: z.string() }),
  /** The planned days (Paris) of each step; null for an invoice without a due date. */
  schedule: z.object({ overdueOn: day, courteousOn: day, firmOn: day, formalNoticeOn: day }).nullable(),
  openTasks: z.array(z.object({ id: z.string().uuid(), name: z.string().nullable(), elementId: z.string(), dueAt: z.string().nullable() })),
  /** The mails and SMS it sent about this invoice, oldest first. */
  messages: z.array(z.object({ id: z.string().uuid(), channel: z.enum(['sms', 'mail']), subject: z.string().nullable(), status: z.string(), createdAt: z.string() })),
});
export type InvoiceDunningState = z.infer<typeof invoiceDunningState>;

const isoOf = (v: unknown) => (v instanceof Date ? v.toISOString() : (v as string | null) ?? null);

/** Where the invoice's dunning stands (null: none was asked for — a draft, an invoice issued before billing had it). */
export async function invoiceDunning(ctx: RequestContext, invoiceId: string): Promise<InvoiceDunningState | null> {
  const invoice = await getRecord(ctx, billingInvoices, invoiceId);
  const where = { processKey: INVOICE_DUNNING, businessKey: invoiceId };
  const instance = (await ctx.trx('processInstances').where(where).orderBy('startedAt', 'desc').first('id', 'status', 'startedAt', 'endedAt', 'workflowId')) as Row | undefined;
  const request = (await ctx.trx('processStartRequests').where(where).first('variables')) as { variables: Record<string, unknown> } | undefined;
  if (!instance && !request) return null;
  const asked = request?.variables ?? {};
  const delays = Object.fromEntries(Object.entries(DEFAULT_DUNNING_DELAYS).map(([k, v]) => [k, typeof asked[k] === 'string' ? asked[k] : v])) as unknown as DunningDelays;
  const planned = invoice.dueDate ? dunningSchedule(String(invoice.dueDate), delays) : null;
  const tasks: Row[] = instance ? await ctx.trx('tasks').where({ instanceId: instance.id, status: 'open' }).orderBy('createdAt').select('id', 'name', 'elementId', 'dueAt') : [];
  const messages: Row[] = instance ? await ctx.trx('messages').where({ recordType: billingInvoices.recordType, recordId: invoiceId, sentByProcess: instance.workflowId })
    .orderBy('createdAt').select('id', 'channel', 'subject', 'status', 'createdAt') : [];
  return {
    instanceId: (instance?.id as string | undefined) ?? null,
    status: (instance?.status as InvoiceDunningState['status'] | undefined) ?? 'requested',
    startedAt: isoOf(instance?.startedAt), endedAt: isoOf(instance?.endedAt), delays,
    schedule: planned ? { overdueOn: planned.overdueOn, courteousOn: planned.courteousOn, firmOn: planned.firmOn, formalNoticeOn: planned.formalNoticeOn } : null,
    openTasks: tasks.map((t) => ({ id: String(t.id), name: (t.name as string | null) ?? null, elementId: String(t.elementId), dueAt: isoOf(t.dueAt) })),
    messages: messages.map((m) => ({ id: String(m.id), channel: m.channel as 'sms' | 'mail', subject: (m.subject as string | null) ?? null, status: String(m.status), createdAt: isoOf(m.createdAt)! })),
  };
}

/** « Facture F-2026-00042 — Boulangerie Le Fournil »: the invoice of each instance (its `invoiceId`, else its business key). One query for the page. */
export const invoiceDunningLabel: BusinessLabelResolver = async (trx, instances, locale) => {
  const idOf = (i: (typeof instances)[number]) => {
    const fromVariables = i.variables?.invoiceId;
    return isUuid(fromVariables) ? fromVariables : isUuid(i.businessKey) ? i.businessKey : null;
  };
  const ids = [...new Set(instances.map(idOf).filter((id): id is string => id !== null))];
  if (!ids.length) return new Map();
  const rows: Array<{ id: string; number: string | null; account: string }> = await trx('billingInvoices as i').join('accounts as a', 'a.id', 'i.accountId')
    .whereIn('i.id', ids).select('i.id', 'i.number', 'a.name as account');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const labels = new Map<string, string>();
  for (const instance of instances) {
    const row = byId.get(idOf(instance) ?? '');
    if (row?.number) labels.set(instance.businessKey, dunningMessage('billing.dunning.label', { number: row.number, account: row.account }).render(locale));
  }
  return labels;
};
