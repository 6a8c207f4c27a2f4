import { defineMessages, entry, messagesOf } from '../i18n/messages';

/**
 * The messages of billing's processes (docs/adr/0010-server-messages.md): the mails and SMS of the
 * dunning of an invoice (`billing.invoice-dunning`), its instances' labels, and the refusals and
 * wording of subscriptions (recurring invoicing). Merged into the billing module's catalogue.
 */
const MAIL = { client: 'Jeanne Martin' as string | null, number: 'F-2026-00042', amountCents: 120_000, dueDate: '2026-04-30', seller: 'SoftWhere', paymentUrl: 'https://pay.example/f42' as string | null };
const greeting = (name: string | null, fr: boolean) => (fr ? (name ? `Bonjour ${name},` : 'Bonjour,') : (name ? `Hello ${name},` : 'Hello,'));
const payLink = (url: string | null, fr: boolean) => (url ? [fr ? `Vous pouvez la régler en ligne : ${url}` : `You can pay it online: ${url}`, ''] : []);

export const dunningMessages = defineMessages({
  // ---- the invoice and its reminders ----
  'billing.dunning.invoice-subject': entry({
    example: { number: 'F-2026-00042', seller: 'SoftWhere' },
    fr: (p) => `Facture ${p.number} — ${p.seller}`,
    en: (p) => `Invoice ${p.number} — ${p.seller}`,
  }),
  'billing.dunning.invoice-body': entry({
    example: MAIL,
    fr: (p, f) => [
      greeting(p.client, true), '',
      `Veuillez trouver ci-joint notre facture ${p.number} d'un montant de ${f.money(p.amountCents)}, à régler au plus tard le ${f.date(p.dueDate)}.`, '',
      ...payLink(p.paymentUrl, true),
      'Nous vous remercions de votre confiance.', '', p.seller,
    ].join('\n'),
    en: (p, f) => [
      greeting(p.client, false), '',
      `Please find attached our invoice ${p.number} for ${f.money(p.amountCents)}, due on ${f.date(p.dueDate)} at the latest.`, '',
      ...payLink(p.paymentUrl, false),
      'Thank you for your business.', '', p.seller,
    ].join('\n'),
  }),
  'billing.dunning.courteous-subject': entry({
    example: { number: 'F-2026-00042' },
    fr: (p) => `Rappel : facture ${p.number} en attente de règlement`,
    en: (p) => `Reminder: invoice ${p.number} awaiting payment`,
  }),
  'billing.dunning.courteous-body': entry({
    example: MAIL,
    fr: (p, f) => [
      greeting(p.client, true), '',
      `Sauf erreur de notre part, notre facture ${p.number}, échue le ${f.date(p.dueDate)}, reste due pour ${f.money(p.amountCents)}. Il s'agit peut-être d'un simple oubli : vous la trouverez ci-jointe.`, '',
      ...payLink(p.paymentUrl, true),
      'Si vous avez réglé entre-temps, merci de ne pas tenir compte de ce message.', '', p.seller,
    ].join('\n'),
    en: (p, f) => [
      greeting(p.client, false), '',
      `Unless we are mistaken, our invoice ${p.number}, due on ${f.date(p.dueDate)}, still has ${f.money(p.amountCents)} outstanding. It may simply have been overlooked: you will find it attached.`, '',
      ...payLink(p.paymentUrl, false),
      'If you have paid in the meantime, please disregard this message.', '', p.seller,
    ].join('\n'),
  }),
  'billing.dunning.firm-subject': entry({
    example: { number: 'F-2026-00042' },
    fr: (p) => `Deuxième relance : facture ${p.number} impayée`,
    en: (p) => `Second reminder: invoice ${p.number} unpaid`,
  }),
  'billing.dunning.firm-body': entry({
    example: MAIL,
    fr: (p, f) => [
      greeting(p.client, true), '',
      `Malgré notre premier rappel, notre facture ${p.number}, échue le ${f.date(p.dueDate)}, reste impayée : ${f.money(p.amountCents)} restent dus.`,
      'Nous vous demandons de la régler sous huit jours. Passé ce délai, nous serons contraints de vous adresser une mise en demeure ; des pénalités de retard et, entre professionnels, une indemnité forfaitaire de 40 € pour frais de recouvrement sont exigibles.', '',
      ...payLink(p.paymentUrl, true),
      p.seller,
    ].join('\n'),
    en: (p, f) => [
      greeting(p.client, false), '',
      `Despite our first reminder, our invoice ${p.number}, due on ${f.date(p.dueDate)}, remains unpaid: ${f.money(p.amountCents)} is outstanding.`,
      'Please pay it within eight days. After that we will have to send you a formal notice; late payment penalties and, between businesses, a fixed €40 recovery indemnity are due.', '',
      ...payLink(p.paymentUrl, false),
      p.seller,
    ].join('\n'),
  }),
  'billing.dunning.firm-sms': entry({
    example: { number: 'F-2026-00042', amountCents: 120_000, seller: 'SoftWhere' },
    fr: (p, f) => `${p.seller} : notre facture ${p.number} reste impayée (${f.money(p.amountCents)}). Merci de la régler sous 8 jours ; le détail vous a été envoyé par e-mail.`,
    en: (p, f) => `${p.seller}: our invoice ${p.number} remains unpaid (${f.money(p.amountCents)}). Please pay it within 8 days; details were sent to you by email.`,
  }),
  'billing.dunning.no-email': {
    fr: "Aucune adresse e-mail pour cette facture : ni le client, ni son site de facturation, ni ses contacts n'en ont.",
    en: 'No email address for this invoice: neither the client, nor its billing site, nor its contacts have one.',
  },
  'billing.dunning.no-mobile': {
    fr: "Aucun numéro de mobile parmi les contacts du client : le SMS n'est pas envoyé.",
    en: "No mobile number among the client's contacts: the SMS is not sent.",
  },
  'billing.dunning.sent-before': entry({
    example: { sentAt: '2026-03-02T10:00:00.000Z' },
    fr: (p, f) => `La facture avait déjà été envoyée au client (${f.dateTime(p.sentAt)}) : elle n'est pas envoyée une seconde fois.`,
    en: (p, f) => `The invoice had already been sent to the client (${f.dateTime(p.sentAt)}): it is not sent a second time.`,
  }),
  'billing.dunning.label': entry({
    example: { number: 'F-2026-00042', account: 'Boulangerie Le Fournil' },
    fr: (p) => `Facture ${p.number} — ${p.account}`,
    en: (p) => `Invoice ${p.number} — ${p.account}`,
  }),
  'billing.dunning.not-issued': entry({
    example: { status: 'draft' },
    fr: (p) => `Cette facture n'est pas émise (statut ${p.status}) : elle ne se relance pas.`,
    en: (p) => `This invoice is not issued (status ${p.status}): there is nothing to collect.`,
  }),

  // ---- subscriptions ----
  'billing.subscription.flat-quantity': {
    fr: 'un abonnement forfaitaire se facture tel quel : sa quantité est 1',
    en: 'a flat subscription is invoiced as it is: its quantity is 1',
  },
  'billing.subscription.end-before-start': {
    fr: 'la date de fin doit être postérieure à la date de début',
    en: 'the end date must come after the start date',
  },
  'billing.subscription.periods-invoiced': entry({
    example: { number: 3 },
    fr: (p) => `L'abonnement n° ${p.number} a déjà des périodes facturées : sa date de début et sa fréquence ne changent plus. Donnez-lui une date de fin et créez-en un nouveau.`,
    en: (p) => `Subscription no. ${p.number} already has invoiced periods: its start date and frequency can no longer change. Give it an end date and create a new one.`,
  }),
  'billing.subscription.delete-invoiced': entry({
    example: { number: 3 },
    fr: (p) => `L'abonnement n° ${p.number} a des périodes facturées : il ne se supprime pas. Désactivez-le ou donnez-lui une date de fin.`,
    en: (p) => `Subscription no. ${p.number} has invoiced periods: it cannot be deleted. Deactivate it or give it an end date.`,
  }),
  'billing.subscription.period': entry({
    example: { from: '2026-03-01', to: '2026-03-31' },
    fr: (p, f) => `période du ${f.date(p.from)} au ${f.date(p.to)}`,
    en: (p, f) => `period from ${f.date(p.from)} to ${f.date(p.to)}`,
  }),
  'billing.subscription.invoice-note': entry({
    example: { name: 'Infogérance — 12 postes', number: 3 },
    fr: (p) => `Abonnement n° ${p.number} : ${p.name}`,
    en: (p) => `Subscription no. ${p.number}: ${p.name}`,
  }),
});

export const dunningMessage = messagesOf(dunningMessages);
