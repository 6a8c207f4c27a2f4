import { defineMessages, messagesOf } from '../i18n/messages';

/** Transfers' messages (docs/adr/0010-server-messages.md, docs/adr/0030-transfers.md). */
export const transferMessages = defineMessages({
  'gdpr.forbidden-transfer': {
    fr: 'Seul le délégué à la protection des données déclare, prévisualise et exporte les transferts de données',
    en: 'Only the data protection officer declares, previews and exports data transfers',
  },
  'gdpr.forbidden-reidentify': {
    fr: 'Seul le délégué à la protection des données, qui détient la clé, peut ré-identifier un pseudonyme',
    en: 'Only the data protection officer, who holds the key, may re-identify a pseudonym',
  },
  'gdpr.unknown-transfer': {
    fr: 'Ce transfert n’existe pas dans votre organisation',
    en: 'This transfer does not exist in your organisation',
  },
  'gdpr.transfer-unknown-activity': {
    fr: 'Ce traitement n’existe pas dans le registre de votre organisation',
    en: 'This processing activity is not in your organisation’s register',
  },
  'gdpr.transfer-safeguard-needed': {
    fr: 'Un destinataire hors de l’Union européenne sans décision d’adéquation exige une garantie (clauses contractuelles types, règles d’entreprise contraignantes…)',
    en: 'A recipient outside the European Union without an adequacy decision needs a safeguard (standard contractual clauses, binding corporate rules…)',
  },
  'gdpr.transfer-unknown-table': {
    fr: 'Ce type de fiche n’existe pas dans votre organisation',
    en: 'This kind of record does not exist in your organisation',
  },
  'gdpr.transfer-table-twice': {
    fr: 'Ce type de fiche est choisi deux fois',
    en: 'This kind of record is chosen twice',
  },
  'gdpr.transfer-unknown-column': {
    fr: 'Ce champ n’existe pas dans les données déclarées de cette fiche',
    en: 'This field is not among the record’s declared data',
  },
  'gdpr.transfer-secret-column': {
    fr: 'Ce champ ouvre des accès (mot de passe, jeton, clé) : il n’est jamais transféré',
    en: 'This field opens doors (password, token, key): it is never transferred',
  },
  'gdpr.transfer-sensitive': {
    fr: 'Ce champ est une donnée sensible : il n’est transféré que si vous l’autorisez en donnant la raison',
    en: 'This field is sensitive data: it is transferred only if you allow it and give the reason',
  },
  'gdpr.transfer-not-sensitive': {
    fr: 'Cette autorisation vise un champ qui n’est pas une donnée sensible choisie',
    en: 'This allowance names a field that is not a chosen sensitive field',
  },
  'gdpr.pseudonym-anonymised': {
    fr: 'Ce transfert est anonymisé : il ne contient aucun pseudonyme à ré-identifier',
    en: 'This transfer is anonymised: it holds no pseudonym to re-identify',
  },
});

export const transferMessage = messagesOf(transferMessages);
