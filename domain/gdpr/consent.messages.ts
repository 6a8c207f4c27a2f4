import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The consent ledger's messages (docs/adr/0010-server-messages.md, docs/adr/0024-consent-ledger.md). */
const both = (fr: string, en: string) => ({ fr, en });

export const consentMessages = defineMessages({
  'gdpr.consent.unknown-purpose': entry({
    example: { purpose: 'comms.marketing' },
    fr: (p) => `La finalité « ${p.purpose} » n’existe pas dans votre organisation`,
    en: (p) => `The purpose "${p.purpose}" does not exist in your organisation`,
  }),
  'gdpr.consent.unknown-channel': entry({
    example: { channel: 'fax', channels: 'mail, sms' },
    fr: (p) => `Le canal « ${p.channel} » ne fait pas partie de cette finalité (canaux : ${p.channels})`,
    en: (p) => `The channel "${p.channel}" is not one of this purpose's (channels: ${p.channels})`,
  }),
  'gdpr.consent.not-for-subject': both('Cette finalité ne concerne pas ce type de personne', 'This purpose does not concern this kind of person'),
  'gdpr.consent.no-soft-opt-in': both('Cette finalité n’accepte pas le consentement implicite (soft opt-in)', 'This purpose does not accept a soft opt-in'),
  'gdpr.consent.in-future': both('La date du consentement ne peut pas être dans le futur', 'The consent date cannot be in the future'),
  'gdpr.consent.expiry-before': both('L’expiration doit être après la date du consentement', 'The expiry must be after the consent date'),
  'gdpr.consent.expiry-on-opt-out': both('Un retrait de consentement n’a pas d’expiration', 'A withdrawal has no expiry'),
  'gdpr.consent.text-mismatch': both('Ce texte de consentement n’appartient pas à cette finalité', 'This consent text does not belong to this purpose'),
  'gdpr.consent.forbidden-read': both('Vous ne pouvez pas consulter les consentements de cette personne', 'You may not read this person’s consents'),
  'gdpr.consent.forbidden-write': both('Vous ne pouvez pas modifier les consentements de cette personne', 'You may not change this person’s consents'),
  'gdpr.consent.forbidden-texts': both('Les textes de consentement sont réservés au délégué à la protection des données', 'Consent texts are for the data protection officer'),
  'gdpr.consent.text-used': both(
    'Ce texte a déjà été présenté à des personnes : il ne change plus. Publiez une nouvelle version.',
    'This text has already been shown to people: it no longer changes. Publish a new version.',
  ),
  'gdpr.consent.no-subject': both('Cette personne n’existe pas dans votre organisation', 'This person does not exist in your organisation'),
});

export const consentMessage = messagesOf(consentMessages);
