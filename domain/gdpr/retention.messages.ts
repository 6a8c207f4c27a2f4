import { defineMessages, messagesOf } from '../i18n/messages';

/** Retention's messages (docs/adr/0010-server-messages.md, docs/adr/0026-retention.md). */
export const retentionMessages = defineMessages({
  'gdpr.forbidden-retention-read': {
    fr: 'Les règles et les rapports de conservation sont réservés au délégué à la protection des données',
    en: 'Retention rules and reports are for the data protection officer',
  },
  'gdpr.forbidden-legal-hold': {
    fr: 'Seul le délégué à la protection des données place, modifie ou lève un gel juridique',
    en: 'Only the data protection officer places, changes or lifts a legal hold',
  },
  'gdpr.unknown-legal-hold': {
    fr: 'Ce gel juridique n’existe pas dans votre organisation',
    en: 'This legal hold does not exist in your organisation',
  },
  'gdpr.hold-table-without-rule': {
    fr: 'Aucune règle de conservation ne s’applique à cette table dans votre organisation',
    en: 'No retention rule applies to this table in your organisation',
  },
  'gdpr.hold-unknown-record': {
    fr: 'Cette fiche n’existe pas dans votre organisation',
    en: 'This record does not exist in your organisation',
  },
  'gdpr.hold-unknown-subject-kind': {
    fr: 'Ce type de personne n’existe pas dans votre organisation',
    en: 'This kind of person does not exist in your organisation',
  },
  'gdpr.hold-unknown-activity': {
    fr: 'Ce traitement n’existe pas dans le registre de votre organisation',
    en: 'This processing activity is not in your organisation’s register',
  },
  'gdpr.hold-lifted': {
    fr: 'Ce gel juridique est déjà levé : il ne change plus',
    en: 'This legal hold is already lifted: it no longer changes',
  },
  'gdpr.hold-until-past': {
    fr: 'La fin du gel ne peut pas être dans le passé',
    en: 'The hold’s end cannot be in the past',
  },
});

export const retentionMessage = messagesOf(retentionMessages);
