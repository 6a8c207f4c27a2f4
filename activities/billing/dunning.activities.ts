import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import {
  billingDunningPlan, billingInvoiceMarkOverdue, billingInvoiceRemind, billingInvoiceSend,
} from '../../domain/billing/billing.activity-contracts';
import {
  DUNNING_PERMISSIONS, invoiceAttachment, invoiceMail, invoiceMailFacts, isSettled, markDunnedInvoiceOverdue, noteInvoiceMailed, planDunning, reminderSms,
} from '../../domain/billing/dunning';
import { dunningMessage } from '../../domain/billing/dunning.messages';
import { billingInvoices } from '../../domain/billing/resources';
import { processContext } from '../../domain/core/process-context';
import type { RequestContext } from '../../domain/core/record-service';
import { DomainError } from '../../domain/errors';
import { DEFAULT_LOCALE } from '../../domain/i18n/messages';
import { COMMS_FAILURE } from '../../workflows/comms/comms.contract';
import type { ModuleActivityDeps } from '../activities-module';
import { parseTaskInput, type ServiceTaskMeta } from '../registry';

/** What a send reports to the process: the message, or why nothing went out. */
interface Delivery {
  sent: boolean;
  messageId: string | null;
  recipient: string | null;
  reason: string | null;
}

const notSent = (reason: string | null): Delivery => ({ sent: false, messageId: null, recipient: null, reason });

/**
 * The service tasks of `billing.invoice-dunning`: each runs the billing domain's action for one
 * invoice (domain/billing/dunning.ts) in the process's context, and sends through comms (the same
 * outbox, consent, retries; delivery on the invoice's timeline). Idempotent: a mail or SMS is keyed
 * on the task's key, so a retried task sends nothing twice. A refusal of the domain (the invoice gone
 * or not issued) fails the task without retrying: an incident an operator resolves. A mail or SMS
 * comms refuses (no address, an address refused, STOP) is reported to the process, not failed.
 */
export function createDunningActivities(deps: Pick<ModuleActivityDeps, 'knex' | 'sendMail' | 'sendSms'>) {
  const inProcess = async <T>(meta: ServiceTaskMeta, fn: (ctx: RequestContext) => Promise<T>): Promise<T> => {
    try {
      return await withTenant({ tenantId: meta.tenantId }, (trx: Knex.Transaction) => fn(processContext(trx, meta.tenantId, meta.workflowId, DUNNING_PERMISSIONS, meta.actorUserId ?? null)), deps.knex);
    } catch (error) {
      if (error instanceof DomainError) throw ApplicationFailure.create({ type: 'InvoiceDunningRefused', nonRetryable: true, message: error.message });
      throw error;
    }
  };
  /** A send through comms; its refusal (for good) becomes a reason, anything else is retried by Temporal. */
  const deliver = async (recipient: string, send: () => Promise<{ messageId: string }>): Promise<Delivery> => {
    try {
      return { sent: true, messageId: (await send()).messageId, recipient, reason: null };
    } catch (error) {
      if (error instanceof ApplicationFailure && (error.type === COMMS_FAILURE.refused || error.type === COMMS_FAILURE.rejected)) return { ...notSent(error.message), recipient };
      throw error;
    }
  };
  const keyed = (meta: ServiceTaskMeta, what: string): ServiceTaskMeta => ({ ...meta, idempotencyKey: `${meta.idempotencyKey}/${what}` });
  const record = (invoiceId: string) => ({ recordType: billingInvoices.recordType, recordId: invoiceId });

  return {
    async 'billing.dunning.plan'(raw: unknown, meta: ServiceTaskMeta) {
      const { invoiceId, ...delays } = parseTaskInput(billingDunningPlan.input, raw);
      return inProcess(meta, (ctx) => planDunning(ctx, invoiceId, delays));
    },

    async 'billing.invoice.send'(raw: unknown, meta: ServiceTaskMeta): Promise<Delivery> {
      const { invoiceId } = parseTaskInput(billingInvoiceSend.input, raw);
      const key = keyed(meta, 'mail');
      const { facts, attachment, sentBefore } = await inProcess(meta, async (ctx) => {
        const found = await invoiceMailFacts(ctx, invoiceId);
        // Sent already, by hand or otherwise (POST …/send), and not by this task (whose retry finds its own message): not mailed again.
        const mine = await ctx.trx('messages').where({ idempotencyKey: key.idempotencyKey }).first('id');
        if (found.invoice.sentAt && !mine) return { facts: found, attachment: null, sentBefore: String(found.invoice.sentAt) };
        return { facts: found, attachment: found.recipient.email ? await invoiceAttachment(ctx, invoiceId) : null, sentBefore: null };
      });
      if (sentBefore) return { sent: true, messageId: null, recipient: null, reason: dunningMessage('billing.dunning.sent-before', { sentAt: sentBefore }).render(DEFAULT_LOCALE) };
      const to = facts.recipient.email;
      if (!to || !attachment) return notSent(dunningMessage('billing.dunning.no-email').render(DEFAULT_LOCALE));
      const mail = invoiceMail(facts, 'invoice');
      const sent = await deliver(to, () => deps.sendMail({
        to, ...(facts.recipient.contactId ? { contactId: facts.recipient.contactId } : {}), subject: mail.subject, body: mail.body, ...record(invoiceId), attachments: [attachment],
      }, key));
      if (sent.sent) await inProcess(meta, (ctx) => noteInvoiceMailed(ctx, invoiceId));
      return sent;
    },

    async 'billing.invoice.mark-overdue'(raw: unknown, meta: ServiceTaskMeta) {
      const { invoiceId, day } = parseTaskInput(billingInvoiceMarkOverdue.input, raw);
      return inProcess(meta, (ctx) => markDunnedInvoiceOverdue(ctx, invoiceId, day));
    },

    async 'billing.invoice.remind'(raw: unknown, meta: ServiceTaskMeta) {
      const { invoiceId, level, sms } = parseTaskInput(billingInvoiceRemind.input, raw);
      const { facts, attachment } = await inProcess(meta, async (ctx) => {
        const found = await invoiceMailFacts(ctx, invoiceId);
        return { facts: found, attachment: !isSettled(found.invoice) && found.recipient.email ? await invoiceAttachment(ctx, invoiceId) : null };
      });
      const amountDueCents = Number(facts.invoice.amountDueCents);
      if (isSettled(facts.invoice)) return { settled: true, amountDueCents, mail: notSent(null), sms: null };
      const to = facts.recipient.email;
      const text = invoiceMail(facts, level);
      const mail = to && attachment
        ? await deliver(to, () => deps.sendMail({
          to, ...(facts.recipient.contactId ? { contactId: facts.recipient.contactId } : {}), subject: text.subject, body: text.body, ...record(invoiceId), attachments: [attachment],
        }, keyed(meta, 'mail')))
        : notSent(dunningMessage('billing.dunning.no-email').render(DEFAULT_LOCALE));
      let smsSent: Delivery | null = null;
      if (sms) {
        const mobile = facts.recipient.mobile;
        smsSent = mobile
          ? await deliver(mobile, () => deps.sendSms({ to: mobile, body: reminderSms(facts), ...record(invoiceId) }, keyed(meta, 'sms')))
          : notSent(dunningMessage('billing.dunning.no-mobile').render(DEFAULT_LOCALE));
      }
      return { settled: false, amountDueCents, mail, sms: smsSent };
    },
  };
}
