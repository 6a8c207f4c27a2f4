import { z } from 'zod';
import { defineActivity } from '../process/activity-definition';
import { fieldIssue } from '../i18n/zod-issues';

/**
 * The service tasks of `billing.invoice-dunning` (workflows/billing/invoice-dunning.bpmn). Each runs
 * the billing domain's action for one invoice and may run again (a retry, a replay) with the same
 * effect: the mails and SMS are keyed on the task's idempotency key, marking an invoice sent or
 * overdue twice changes nothing. Calendar days (`2026-04-07`) are the days the process planned: a
 * step run late still acts for the day it was due.
 */
const uuid = z.string().uuid();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const instant = z.string().datetime({ offset: true });
/** ISO 8601 days or weeks after the due date (P7D, P3W): reminders fall on calendar days. */
const delay = z.string().regex(/^P(\d+W|\d+D|\d+W\d+D)$/, fieldIssue('field.iso-days'));
const retry = { maximumAttempts: 5 };

/** What a send reports: the message (comms) or why nothing went out. */
const delivery = z.object({
  sent: z.boolean(),
  messageId: uuid.nullable(),
  recipient: z.string().nullable(),
  /** Why nothing was sent (no address, refused by comms), in French. */
  reason: z.string().nullable(),
});

export const billingDunningPlan = defineActivity({
  name: 'billing.dunning.plan',
  description: {
    fr: "Lit la facture et fixe l'échéancier de relance : échéance, relances à J+n après l'échéance (9 h, heure de Paris)",
    en: "Reads the invoice and sets the dunning schedule: due date, reminders n days after it (9 am, Paris time)",
  },
  input: z.object({ invoiceId: uuid, courteousReminderDelay: delay, firmReminderDelay: delay, formalNoticeDelay: delay }).strict(),
  output: z.object({
    number: z.string(),
    dueDate: day,
    /** Nothing left to collect (paid, or cancelled by a credit note): the process ends at once. */
    settled: z.boolean(),
    /** The day after the due date, when the invoice is overdue, and each reminder: the day and its instant. */
    overdueOn: day, overdueAt: instant,
    courteousOn: day, courteousAt: instant,
    firmOn: day, firmAt: instant,
    formalNoticeOn: day, formalNoticeAt: instant,
  }),
  retry,
});

export const billingInvoiceSend = defineActivity({
  name: 'billing.invoice.send',
  description: {
    fr: "Envoie la facture au client par e-mail, son PDF en pièce jointe, et la note envoyée (suivi sur l'historique de la facture)",
    en: "Mails the invoice to the client with its PDF attached and marks it sent (tracked on the invoice's timeline)",
  },
  input: z.object({ invoiceId: uuid }).strict(),
  output: delivery,
  retry: { maximumAttempts: 8, initialIntervalMs: 5_000, backoffCoefficient: 2, maximumIntervalMs: 10 * 60_000 },
  timeoutMs: 60_000,
});

export const billingInvoiceMarkOverdue = defineActivity({
  name: 'billing.invoice.mark-overdue',
  description: { fr: 'Passe la facture « en retard » si elle reste due après son échéance', en: 'Marks the invoice overdue when money is still due after its due date' },
  input: z.object({ invoiceId: uuid, day }).strict(),
  output: z.object({ settled: z.boolean(), status: z.string(), amountDueCents: z.number().int() }),
  retry,
});

export const reminderLevel = z.enum(['courteous', 'firm']);

export const billingInvoiceRemind = defineActivity({
  name: 'billing.invoice.remind',
  description: {
    fr: "Relance le client d'une facture impayée : e-mail courtois ou ferme (PDF joint), et SMS si demandé ; rien si elle est réglée",
    en: 'Reminds the client of an unpaid invoice: a courteous or firm mail (PDF attached), and an SMS if asked; nothing once it is settled',
  },
  input: z.object({ invoiceId: uuid, level: reminderLevel, sms: z.boolean().default(false), day }).strict(),
  output: z.object({ settled: z.boolean(), amountDueCents: z.number().int(), mail: delivery, sms: delivery.nullable() }),
  retry: { maximumAttempts: 8, initialIntervalMs: 5_000, backoffCoefficient: 2, maximumIntervalMs: 10 * 60_000 },
  timeoutMs: 60_000,
});

export const BILLING_ACTIVITIES = [billingDunningPlan, billingInvoiceSend, billingInvoiceMarkOverdue, billingInvoiceRemind];
