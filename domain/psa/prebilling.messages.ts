import { defineMessages, entry, messagesOf } from '../i18n/messages';
import { durationText } from './time.messages';

/**
 * The pre-billing queue (spec 003 §6.3, issue 14): its refusals, the per-item report of « Facturer »,
 * and the texts of the invoices it makes (written in the organisation's language).
 */
export const prebillingMessages = defineMessages({
  'psa.prebilling.fed-by-tickets': {
    fr: "La file de pré-facturation se remplit seule : un ticket fermé y porte son temps validé facturable hors contrat. Elle ne se saisit pas à la main.",
    en: 'The pre-billing queue fills itself: a closed ticket brings its approved billable time outside any contract. Items are not entered by hand.',
  },
  'psa.prebilling.invoiced-fixed': entry({
    example: { number: 'F-2026-00042' as string | null },
    fr: (p) => `Cet élément est facturé${p.number ? ` (facture ${p.number})` : ''} : il ne change plus. Un avoir corrige la facture.`,
    en: (p) => `This item is invoiced${p.number ? ` (invoice ${p.number})` : ''}: it no longer changes. A credit note corrects the invoice.`,
  }),
  'psa.prebilling.reason-required': { fr: "indiquez pourquoi ce temps n'est pas facturé", en: 'say why this time is not invoiced' },
  'psa.prebilling.not-found': { fr: "introuvable : il n'existe pas ou vous ne pouvez pas le voir", en: 'not found: it does not exist or you may not see it' },
  'psa.prebilling.already-invoiced': entry({
    example: { number: 'F-2026-00042' as string | null },
    fr: (p) => `déjà facturé${p.number ? ` (facture ${p.number})` : ' (facture en brouillon)'}`,
    en: (p) => `already invoiced${p.number ? ` (invoice ${p.number})` : ' (draft invoice)'}`,
  }),
  'psa.prebilling.excluded': entry({
    example: { reason: 'Geste commercial' },
    fr: (p, f) => `exclu de la facturation : ${f.quote(p.reason)}`,
    en: (p, f) => `excluded from invoicing: ${f.quote(p.reason)}`,
  }),
  'psa.prebilling.line': entry({
    example: { number: 42, title: 'Imprimante en panne', minutes: 150, rates: [9000] as number[] },
    fr: (p, f) => `Ticket n° ${p.number} — ${p.title} : ${durationText(p.minutes)} d'intervention${p.rates.length ? ` à ${f.list(p.rates.map((r) => `${f.money(r)} HT`))} de l'heure` : ''}`,
    en: (p, f) => `Ticket #${p.number} — ${p.title}: ${durationText(p.minutes)} of work${p.rates.length ? ` at ${f.list(p.rates.map((r) => `${f.money(r)} excl. VAT`))} an hour` : ''}`,
  }),
  'psa.prebilling.invoice-note': { fr: 'Interventions hors contrat (tickets clôturés).', en: 'Work outside contract (closed tickets).' },
});

export const prebillingMessage = messagesOf(prebillingMessages);
