import { defineMessages, messagesOf } from '../i18n/messages';

/** The white-label brands' messages (docs/adr/0010-server-messages.md, ADR 0046). */
export const brandsMessages = defineMessages({
  'telecom.brands.read-forbidden': {
    fr: 'Seules la direction et la gestion consultent les marques blanches',
    en: 'Only the management board and account managers read the white-label brands',
  },
  'telecom.brands.update-forbidden': {
    fr: 'Seules la direction et la gestion modifient les marques blanches',
    en: 'Only the management board and account managers change the white-label brands',
  },
  'telecom.brands.logo-type': {
    fr: 'Le logo doit être une image PNG, JPEG ou WebP',
    en: 'The logo must be a PNG, JPEG or WebP image',
  },
  'telecom.brands.logo-size': {
    fr: 'Le logo dépasse 256 Ko : réduisez-le avant de l’envoyer',
    en: 'The logo is over 256 KB: make it smaller before sending it',
  },
  'telecom.brands.logo-missing': {
    fr: 'Joignez le fichier du logo (champ « file »)',
    en: 'Attach the logo file (field "file")',
  },
  'telecom.brands.member-not-partner': {
    fr: 'Seuls des utilisateurs partenaires ou revendeurs de votre organisation peuvent appartenir à une marque blanche',
    en: 'Only partner or reseller users of your organisation can belong to a white-label brand',
  },
  'telecom.brands.unknown-template': {
    fr: 'Ce modèle de mail n’existe pas dans votre organisation',
    en: 'This mail template does not exist in your organisation',
  },
  'telecom.brands.account-brand-forbidden': {
    fr: 'Seuls ceux qui modifient ce compte changent sa marque blanche',
    en: 'Only those who may change this account change its white-label brand',
  },
  'telecom.brands.no-profile': {
    fr: 'Ce compte n’a pas encore de fiche télécom (ID SoftWhere) : créez-la avant de choisir sa marque blanche',
    en: 'This account has no telecom profile yet (SoftWhere id): create it before choosing its white-label brand',
  },
  'telecom.brands.unknown-brand': {
    fr: 'Cette marque blanche n’existe pas ou n’est plus active dans votre organisation',
    en: 'This white-label brand does not exist or is no longer active in your organisation',
  },
});

export const brandsMessage = messagesOf(brandsMessages);
