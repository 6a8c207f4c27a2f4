import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The breach register's messages (docs/adr/0010-server-messages.md), French first. */
export const breachMessages = defineMessages({
  'gdpr.breach.forbidden-read': {
    fr: 'Le registre des violations de données est réservé au délégué à la protection des données et à la direction',
    en: 'The register of data breaches is for the data protection officer and the direction',
  },
  'gdpr.breach.forbidden-write': {
    fr: 'Seul le délégué à la protection des données déclare et instruit les violations de données',
    en: 'Only the data protection officer declares and handles data breaches',
  },
  'gdpr.breach.not-found': { fr: 'Cette violation de données n’existe pas dans votre organisation', en: 'This data breach does not exist in your organisation' },
  'gdpr.breach.discovered-in-future': { fr: 'La date de découverte ne peut pas être dans le futur', en: 'The discovery date cannot be in the future' },
  'gdpr.breach.started-after-discovery': { fr: 'La violation ne peut pas avoir commencé après sa découverte', en: 'The breach cannot have started after it was discovered' },
  'gdpr.breach.reason-required': {
    fr: 'Indiquez pourquoi la violation n’est pas susceptible d’engendrer un risque : cette justification est exigée (art. 33.5)',
    en: 'Say why the breach is unlikely to result in a risk: this justification is required (art. 33.5)',
  },
  'gdpr.breach.risk-needs-notification': {
    fr: 'Une violation présentant un risque doit être notifiée à la CNIL (art. 33.1) : choisissez « aucun risque » pour ne pas la notifier',
    en: 'A breach that results in a risk must be notified to the CNIL (art. 33.1): choose "no risk" not to notify it',
  },
  'gdpr.breach.people-reason-required': {
    fr: 'Indiquez pourquoi les personnes ne sont pas informées d’une violation à risque élevé (art. 34.3)',
    en: 'Say why the people are not told of a high-risk breach (art. 34.3)',
  },
  'gdpr.breach.decision-needs-risk': { fr: 'Évaluez d’abord le niveau de risque', en: 'Assess the risk level first' },
  'gdpr.breach.closed': { fr: 'Cette violation est clôturée : elle ne peut plus être modifiée', en: 'This breach is closed: it can no longer be changed' },
  'gdpr.breach.initial-missing': { fr: 'Enregistrez d’abord la notification initiale', en: 'Record the initial notification first' },
  'gdpr.breach.initial-twice': { fr: 'La notification initiale est déjà enregistrée : ajoutez un complément', en: 'The initial notification is already recorded: add a complement' },
  'gdpr.breach.documented-not-notified': {
    fr: 'Il a été décidé de ne pas notifier cette violation : changez d’abord la décision',
    en: 'It was decided not to notify this breach: change the decision first',
  },
  'gdpr.breach.late-reason-required': {
    fr: 'Notifiée plus de 72 heures après la découverte : indiquez les motifs du retard (art. 33.1)',
    en: 'Notified more than 72 hours after discovery: give the reasons for the delay (art. 33.1)',
  },
  'gdpr.breach.not-closable': {
    fr: 'Une violation se clôture une fois notifiée à la CNIL ou documentée sans notification',
    en: 'A breach is closed once notified to the CNIL or documented without notification',
  },
  'gdpr.breach.unknown-contact': { fr: 'Un des contacts concernés n’existe pas dans votre organisation', en: 'One of the contacts concerned does not exist in your organisation' },
  'gdpr.breach.label': entry({
    example: { number: 3, title: 'Perte d’un ordinateur portable' },
    fr: (p) => `Violation n° ${p.number} — ${p.title}`,
    en: (p) => `Breach no. ${p.number} — ${p.title}`,
  }),
  'gdpr.breach.escalation-subject': entry({
    example: { number: 3, title: 'Perte d’un ordinateur portable', hours: 24 },
    fr: (p) => (p.hours >= 72
      ? `Délai de 72 h dépassé : violation n° ${p.number} non notifiée à la CNIL`
      : `Violation n° ${p.number} : ${p.hours} h écoulées depuis la découverte, notification CNIL à faire`),
    en: (p) => (p.hours >= 72
      ? `72-hour deadline passed: breach no. ${p.number} not notified to the CNIL`
      : `Breach no. ${p.number}: ${p.hours} h since discovery, CNIL notification to make`),
  }),
  'gdpr.breach.escalation-body': entry({
    example: { number: 3, title: 'Perte d’un ordinateur portable', hours: 24, deadlineAt: '2026-03-05T10:00:00.000Z', url: 'https://relais.example/gdpr/breaches/1' },
    fr: (p, f) => [
      'Bonjour,',
      '',
      p.hours >= 72
        ? `La violation de données n° ${p.number} (« ${p.title} ») n’a pas été notifiée à la CNIL dans les 72 heures suivant sa découverte (échéance : ${f.dateTime(p.deadlineAt)}). Notifiez-la sans attendre en indiquant les motifs du retard (article 33.1 du RGPD).`
        : `La violation de données n° ${p.number} (« ${p.title} ») a été découverte il y a ${p.hours} heures. Sauf décision motivée de ne pas la notifier, la CNIL doit être notifiée avant le ${f.dateTime(p.deadlineAt)} (article 33 du RGPD).`,
      '',
      `Ouvrir la violation : ${p.url}`,
    ].join('\n'),
    en: (p, f) => [
      'Hello,',
      '',
      p.hours >= 72
        ? `Data breach no. ${p.number} ("${p.title}") was not notified to the CNIL within 72 hours of its discovery (deadline: ${f.dateTime(p.deadlineAt)}). Notify it now, giving the reasons for the delay (GDPR article 33.1).`
        : `Data breach no. ${p.number} ("${p.title}") was discovered ${p.hours} hours ago. Unless it is decided, with reasons, not to notify it, the CNIL must be notified before ${f.dateTime(p.deadlineAt)} (GDPR article 33).`,
      '',
      `Open the breach: ${p.url}`,
    ].join('\n'),
  }),
});

export const breachMessage = messagesOf(breachMessages);
