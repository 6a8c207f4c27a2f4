import { defineMessages, messagesOf } from '../i18n/messages';

/** The gdpr context's messages (docs/adr/0010-server-messages.md). */
export const gdprMessages = defineMessages({
  'gdpr.forbidden-register-read': {
    fr: 'Le registre des traitements est réservé au délégué à la protection des données',
    en: 'The register of processing activities is for the data protection officer',
  },
  'gdpr.forbidden-register-update': {
    fr: 'Seul le délégué à la protection des données modifie le registre des traitements',
    en: 'Only the data protection officer edits the register of processing activities',
  },
  'gdpr.unknown-activity': {
    fr: 'Ce traitement n’existe pas dans le registre de votre organisation',
    en: 'This processing activity is not in your organisation’s register',
  },
});

export const gdprMessage = messagesOf(gdprMessages);
