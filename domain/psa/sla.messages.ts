import { defineMessages, entry, messagesOf, type Text } from '../i18n/messages';
import { planningMessage } from '../planning/planning.messages';

/** SLA policies, business calendars and the ticket's SLA escalations (spec 003 §2.3.2, §6.2), French first. */
const both = (fr: string, en: string) => ({ fr, en });
const TARGET_FR: Record<string, string> = { response: 'de prise en charge', resolution: 'de résolution' };
const TARGET_EN: Record<string, string> = { response: 'response', resolution: 'resolution' };

export const slaMessages = defineMessages({
  'psa.sla.ticket-not-found': both("Ce ticket n'existe pas (ou plus).", 'This ticket does not exist (any more).'),
  'psa.sla.calendar-not-found': both("Ce calendrier n'existe pas (ou plus).", 'This calendar does not exist (any more).'),
  'psa.sla.calendar-forbidden': both("Vous n'avez pas le droit de consulter ou de modifier les calendriers ouvrés.", 'You may not read or change the business calendars.'),
  'psa.sla.calendar-invalid': entry({
    example: { detail: planningMessage('planning.calendar.overlap', { first: '09:00–12:00', second: '11:00–14:00' }) as Text },
    fr: (p, f) => `Ce calendrier ne peut pas compter les heures ouvrées : ${f.text(p.detail)}.`,
    en: (p, f) => `This calendar cannot count business hours: ${f.text(p.detail)}.`,
  }),
  'psa.sla.calendar-in-use': entry({
    example: { policies: 2 },
    fr: (p) => `Ce calendrier est celui de ${p.policies} politique(s) SLA : choisissez-leur un autre calendrier avant de le supprimer.`,
    en: (p) => `This calendar is used by ${p.policies} SLA polic${p.policies === 1 ? 'y' : 'ies'}: give them another calendar before deleting it.`,
  }),
  'psa.sla.default-calendar-delete': both(
    "Le calendrier par défaut de l'organisation ne peut pas être supprimé : désignez-en un autre par défaut d'abord.",
    "The organisation's default calendar cannot be deleted: make another one the default first.",
  ),
  'psa.sla.policy-in-use': entry({
    example: { contracts: 3 },
    fr: (p) => `Cette politique SLA s'applique à ${p.contracts} contrat(s) : choisissez-leur une autre politique avant de la supprimer.`,
    en: (p) => `This SLA policy applies to ${p.contracts} contract(s): give them another policy before deleting it.`,
  }),
  'psa.sla.default-policy-delete': both(
    "La politique SLA par défaut ne peut pas être supprimée : désignez-en une autre par défaut d'abord.",
    'The default SLA policy cannot be deleted: make another one the default first.',
  ),
  'psa.sla.resolution-before-response': both('doit être au moins égal au délai de prise en charge', 'must be at least the response target'),
  'psa.sla.levels': both('trois seuils croissants en pourcentage, le dernier à 100 (par exemple 70, 90, 100)', 'three ascending percentages, the last one 100 (e.g. 70, 90, 100)'),
  'psa.sla.escalation-subject': entry({
    example: { number: 12, title: 'Imprimante hors service', target: 'response', percent: 90 },
    fr: (p) => p.percent >= 100
      ? `SLA dépassé : délai ${TARGET_FR[p.target] ?? p.target} du ticket n° ${p.number} « ${p.title} »`
      : `SLA à ${p.percent} % : délai ${TARGET_FR[p.target] ?? p.target} du ticket n° ${p.number} « ${p.title} »`,
    en: (p) => p.percent >= 100
      ? `SLA breached: ${TARGET_EN[p.target] ?? p.target} target of ticket #${p.number} "${p.title}"`
      : `SLA at ${p.percent} %: ${TARGET_EN[p.target] ?? p.target} target of ticket #${p.number} "${p.title}"`,
  }),
  'psa.sla.escalation-body': entry({
    example: { number: 12, title: 'Imprimante hors service', client: 'Boulangerie Le Fournil', target: 'resolution', percent: 100, dueAt: '30/03/2026 16:00', reassigned: 'Marie Durand', url: 'https://relais.example/psa/tickets/1' },
    fr: (p) => [
      'Bonjour,',
      '',
      p.percent >= 100
        ? `Le délai ${TARGET_FR[p.target] ?? p.target} du ticket n° ${p.number} « ${p.title} » (${p.client}) est dépassé depuis le ${p.dueAt}.`
        : `Le ticket n° ${p.number} « ${p.title} » (${p.client}) a consommé ${p.percent} % de son délai ${TARGET_FR[p.target] ?? p.target}, qui échoit le ${p.dueAt}.`,
      ...(p.reassigned ? [`Le ticket est réaffecté à ${p.reassigned}.`] : []),
      '',
      `Ouvrir le ticket : ${p.url}`,
    ].join('\n'),
    en: (p) => [
      'Hello,',
      '',
      p.percent >= 100
        ? `The ${TARGET_EN[p.target] ?? p.target} target of ticket #${p.number} "${p.title}" (${p.client}) was breached on ${p.dueAt}.`
        : `Ticket #${p.number} "${p.title}" (${p.client}) has used ${p.percent} % of its ${TARGET_EN[p.target] ?? p.target} target, due on ${p.dueAt}.`,
      ...(p.reassigned ? [`The ticket is reassigned to ${p.reassigned}.`] : []),
      '',
      `Open the ticket: ${p.url}`,
    ].join('\n'),
  }),
});

export const slaMessage = messagesOf(slaMessages);
