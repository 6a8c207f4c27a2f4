import { defineMessages, entry, messagesOf } from '../i18n/messages';

/**
 * The audit → report → anonymise process (issue 16, docs/adr/0039-audit-anonymisation.md): the delivery
 * mail, the postponement's refusals, the labels of its instances. French first (ADR 0010).
 */
const both = (fr: string, en: string) => ({ fr, en });

export const anonymisationMessages = defineMessages({
  'audits.process.label': entry({
    example: { number: 12, title: 'Audit de la mairie', account: 'Mairie de Quimper' },
    fr: (p) => `Mission n° ${p.number} — ${p.title} (${p.account})`,
    en: (p) => `Mission #${p.number} — ${p.title} (${p.account})`,
  }),
  'audits.delivery.subject': entry({
    example: { title: 'Audit de la mairie', firm: 'Cassandre Audits' },
    fr: (p) => `Votre rapport d'audit « ${p.title} » — ${p.firm}`,
    en: (p) => `Your audit report "${p.title}" — ${p.firm}`,
  }),
  'audits.delivery.body': entry({
    example: { title: 'Audit de la mairie', firm: 'Cassandre Audits', url: 'https://relais.example/api/v1/audits/deliveries/abc', expiresOn: '2026-12-18' },
    fr: (p, f) => [
      'Bonjour,', '',
      `Le rapport de la mission « ${p.title} » est disponible au téléchargement sécurisé jusqu'au ${f.date(p.expiresOn)} :`, p.url, '',
      'Ce lien est personnel : ne le transférez pas. Passé cette date, demandez-nous un nouveau lien.', '', p.firm,
    ].join('\n'),
    en: (p, f) => [
      'Hello,', '',
      `The report of the mission "${p.title}" can be downloaded securely until ${f.date(p.expiresOn)}:`, p.url, '',
      'This link is personal: do not forward it. After that date, ask us for a new link.', '', p.firm,
    ].join('\n'),
  }),
  'audits.delivery.expired': both(
    'Ce lien de téléchargement a expiré : demandez un nouveau lien au cabinet d’audit.',
    'This download link has expired: ask the audit firm for a new link.',
  ),
  'audits.delivery.unknown': both('Ce lien de téléchargement n’existe pas.', 'This download link does not exist.'),
  'audits.delivery.no-report': both('Le rapport de cette mission n’est plus disponible.', 'This mission\'s report is no longer available.'),
  'audits.postpone.already': entry({
    example: { until: '2027-01-18' },
    fr: (p, f) => `L’anonymisation de cette mission a déjà été reportée (au ${f.date(p.until)}) : elle ne peut l’être qu’une fois.`,
    en: (p, f) => `This mission's anonymisation was already postponed (to ${f.date(p.until)}): it can be postponed only once.`,
  }),
  'audits.postpone.not-delivered': both(
    'Seule une mission livrée attend son anonymisation : celle-ci ne peut pas être reportée.',
    'Only a delivered mission waits for its anonymisation: this one cannot be postponed.',
  ),
  'audits.postpone.anonymised': both('Cette mission est déjà anonymisée.', 'This mission is already anonymised.'),
  'audits.postpone.not-later': entry({
    example: { planned: '2027-01-03' },
    fr: (p, f) => `doit être postérieure au jour prévu (${f.date(p.planned)})`,
    en: (p, f) => `must be after the planned day (${f.date(p.planned)})`,
  }),
  'audits.postpone.too-far': entry({
    example: { latest: '2028-01-03' },
    fr: (p, f) => `ne peut pas dépasser le ${f.date(p.latest)} (un an après le jour prévu)`,
    en: (p, f) => `cannot be after ${f.date(p.latest)} (a year after the planned day)`,
  }),
  'audits.postpone.until-or-days': both('donnez soit une date (until), soit un nombre de jours (days)', 'give either a date (until) or a number of days (days)'),
  'audits.statistics.forbidden': both(
    'L’historique anonymisé des missions est réservé à qui voit toutes les missions (responsables de mission, service administratif).',
    'The anonymised history of missions is for those who see every mission (mission leads, administration).',
  ),
  'audits.process.not-installed': both(
    'Le processus « De l’audit à l’anonymisation » n’est pas déployé dans cette organisation.',
    'The process "From audit to anonymisation" is not deployed in this organisation.',
  ),
  'audits.process.already-running': entry({
    example: { number: 12 },
    fr: (p) => `Le processus de la mission n° ${p.number} est déjà en cours : suivez-le dans Processus → Suivi.`,
    en: (p) => `Mission #${p.number}'s process is already running: follow it in Processes → Monitor.`,
  }),
  'audits.process.engine-unavailable': both(
    'Le moteur de processus ne répond pas : rien n’a été lancé, réessayez dans un instant.',
    'The process engine does not answer: nothing was started, try again in a moment.',
  ),
});

export const anonymisationMessage = messagesOf(anonymisationMessages);
