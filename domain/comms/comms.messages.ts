import { defineMessages, entry, messagesOf } from '../i18n/messages';

/**
 * The communications context's messages (docs/adr/0010-server-messages.md):
 * refusals of a send (`comms.refused.*`, whose `reason` code travels beside
 * them), the checks of templates, campaigns and settings, and permissions.
 */
const both = (fr: string, en: string) => ({ fr, en });
type Channel = 'sms' | 'mail';
const CHANNEL = { sms: ['SMS', 'SMS'], mail: ['e-mail', 'mail'] } as const;

export const commsMessages = defineMessages({
  'comms.forbidden-send': both(
    'Vous ne pouvez pas envoyer de messages (permission comms.message.create).',
    'You may not send messages (permission comms.message.create).',
  ),
  'comms.forbidden-read': both(
    'Vous ne pouvez pas consulter les messages (permission comms.message.read).',
    'You may not view messages (permission comms.message.read).',
  ),
  'comms.forbidden-campaign-contacts': both(
    'Vous ne pouvez pas consulter les contacts, donc pas leur envoyer de campagne (permission core.contact.read).',
    'You may not read contacts, so you cannot send them a campaign (permission core.contact.read).',
  ),
  'comms.forbidden-templates': entry({
    example: { action: 'update' as 'read' | 'create' | 'update' | 'delete' },
    fr: (p) => `Vous ne pouvez pas ${({ read: 'consulter', create: 'créer', update: 'modifier', delete: 'supprimer' })[p.action]} les modèles de message (permission comms.template.${p.action}).`,
    en: (p) => `You may not ${p.action} message templates (permission comms.template.${p.action}).`,
  }),
  'comms.forbidden-settings-read': both(
    'Seuls les administrateurs peuvent consulter les réglages des communications (permission comms.settings.read).',
    'Only administrators may view the communication settings (permission comms.settings.read).',
  ),
  'comms.forbidden-settings-update': both(
    'Seuls les administrateurs peuvent modifier les réglages des communications (permission comms.settings.update).',
    'Only administrators may change the communication settings (permission comms.settings.update).',
  ),
  'comms.consent-not-found': entry({
    example: { channel: 'sms' as Channel },
    fr: (p) => `Aucun consentement ${p.channel === 'sms' ? 'aux SMS' : 'aux e-mails'} n'est enregistré pour ce contact.`,
    en: (p) => `A consent to ${p.channel} for this contact was not found, or you do not have access to it.`,
  }),
  'comms.sandbox-only': both(
    'Les réponses ne peuvent être simulées que tant que les SMS passent par le bac à sable.',
    'Replies can be simulated only while SMS go through the sandbox.',
  ),

  // ---- why a message is not sent (prepare-outgoing.ts, policy.ts) ----
  'comms.refused.unknown-contact': both(
    'Le contact n\'existe pas, ou vous n\'y avez pas accès.',
    'The contact does not exist, or you do not have access to it.',
  ),
  'comms.refused.unknown-template': entry({
    example: { channel: 'sms' as Channel, key: 'payment-reminder', language: 'fr' as string | null },
    fr: (p, f) => `Il n'y a pas de modèle ${CHANNEL[p.channel][0]} ${f.quote(p.key)}${p.language ? ` en ${p.language}` : ''}.`,
    en: (p) => `There is no ${p.channel === 'sms' ? 'SMS' : 'mail'} template "${p.key}"${p.language ? ` in ${p.language}` : ''}.`,
  }),
  'comms.refused.missing-variables': entry({
    example: { missing: ['contact.firstName'] as readonly string[] },
    fr: (p) => `Le modèle a besoin de valeurs pour : ${p.missing.join(', ')}.`,
    en: (p) => `The template needs values for: ${p.missing.join(', ')}.`,
  }),
  'comms.refused.no-phone': both('Le contact n\'a ni mobile ni téléphone.', 'The contact has no mobile or phone number.'),
  'comms.refused.invalid-number': entry({
    example: { number: '12' },
    fr: (p, f) => `${f.quote(p.number)} n'est pas un numéro de téléphone valide (par exemple 06 12 34 56 78 ou +33 6 12 34 56 78).`,
    en: (p) => `"${p.number}" is not a valid phone number (e.g. 06 12 34 56 78 or +33 6 12 34 56 78).`,
  }),
  'comms.refused.too-long': entry({
    example: { max: 1600, length: 1700 },
    fr: (p) => `Un SMS compte au plus ${p.max} caractères ; celui-ci en compte ${p.length}.`,
    en: (p) => `An SMS may hold at most ${p.max} characters; this one has ${p.length}.`,
  }),
  'comms.refused.no-email': both('Le contact n\'a pas d\'adresse e-mail.', 'The contact has no email address.'),
  'comms.refused.invalid-address': entry({
    example: { address: 'x@' },
    fr: (p, f) => `${f.quote(p.address)} n'est pas une adresse e-mail valide.`,
    en: (p) => `"${p.address}" is not a valid email address.`,
  }),
  'comms.refused.opted-out': entry({
    example: { channel: 'sms' as Channel, recipient: '+33612345678' },
    fr: (p) => (p.channel === 'sms'
      ? `${p.recipient} a répondu STOP : aucun SMS ne peut être envoyé à ce numéro tant qu'il n'a pas répondu START.`
      : `${p.recipient} s'est désabonné : aucun e-mail ne peut être envoyé à cette adresse.`),
    en: (p) => (p.channel === 'sms'
      ? `${p.recipient} replied STOP: no SMS may be sent to this number until it replies START.`
      : `${p.recipient} unsubscribed: no mail may be sent to this address.`),
  }),
  'comms.refused.marketing-needs-contact': both(
    'Un message commercial ne part que vers un contact dont le consentement est enregistré : désignez le contact.',
    'A marketing message goes only to a contact with recorded consent: name the contact.',
  ),
  'comms.refused.no-consent': entry({
    example: { channel: 'sms' as Channel },
    fr: (p) => `Ce contact n'a pas consenti à la prospection par ${CHANNEL[p.channel][0]} : enregistrez d'abord son consentement.`,
    en: (p) => `This contact has not consented to marketing by ${p.channel === 'sms' ? 'SMS' : 'mail'}: record their consent first.`,
  }),

  // ---- field messages (read after the field's name) ----
  'comms.field.not-a-cursor': both('n\'est pas un curseur de cette liste ; recommencez sans lui', 'is not a cursor of this list; start again without it'),
  'comms.field.give-recipients': both('indiquez accountIds, ou all: true pour tous les contacts', 'give accountIds, or all: true for every contact'),
  'comms.field.hidden-contacts': entry({
    example: { count: 2 },
    fr: (p) => `${p.count} d'entre eux sont des contacts que vous ne voyez pas, ou qui n'existent pas`,
    en: (p) => `${p.count} of them are contacts you cannot see, or do not exist`,
  }),
  'comms.field.too-many-recipients': entry({
    example: { max: 5000 },
    fr: (p) => `désigne plus de ${p.max} contacts ; envoyez plusieurs campagnes`,
    en: (p) => `matches more than ${p.max} contacts; send several campaigns`,
  }),
  'comms.field.no-recipient': both('ne désigne aucun contact', 'matches no contact'),
  'comms.field.no-such-template': both('ne désigne aucun modèle de votre organisation', 'refers to no template of your organisation'),
  'comms.field.unknown-kind': entry({
    example: { kinds: ['payment-reminder'] as readonly string[] },
    fr: (p) => `n'est pas un type connu${p.kinds.length ? ` ; types : ${p.kinds.join(', ')}` : ''}`,
    en: (p) => `is not a known kind${p.kinds.length ? `; kinds: ${p.kinds.join(', ')}` : ''}`,
  }),
  'comms.field.bad-placeholder': entry({
    example: { placeholder: '{{ a b }}' },
    fr: (p) => `${p.placeholder} n'est pas une variable : écrivez {{ nom.de.la.variable }} avec des lettres, des chiffres et des points seulement`,
    en: (p) => `${p.placeholder} is not a variable: write {{ name.of.variable }} with letters, digits and dots only`,
  }),
  'comms.field.unknown-variables': entry({
    example: { unknown: ['contact.age'] as readonly string[], kind: 'payment-reminder', allowed: ['contact.firstName'] as readonly string[] },
    fr: (p, f) => `utilise ${p.unknown.length > 1 ? 'les variables inconnues' : 'la variable inconnue'} ${p.unknown.map((u) => `{{${u}}}`).join(', ')} ; un modèle ${f.quote(p.kind)} peut utiliser : ${p.allowed.join(', ')}`,
    en: (p) => `uses unknown variable${p.unknown.length > 1 ? 's' : ''} ${p.unknown.map((u) => `{{${u}}}`).join(', ')}; a "${p.kind}" template may use: ${p.allowed.join(', ')}`,
  }),
  'comms.field.mail-subject': both('est obligatoire pour un modèle d\'e-mail', 'is required for a mail template'),
  'comms.field.stop-mention': both(
    'd\'un SMS commercial doit dire comment se désabonner (par exemple « STOP au 36180 » ou « Répondez STOP »)',
    'of a marketing SMS must tell how to opt out (e.g. "STOP au 36180" or "Répondez STOP")',
  ),
  'comms.field.template-in-use': both(
    'est utilisé par une campagne ; modifiez le modèle au lieu de le supprimer',
    'is used by a campaign; change the template instead of deleting it',
  ),
  'comms.field.required-for': entry({
    example: { provider: 'Twilio' as 'Twilio' | 'SMTP' },
    fr: (p) => `est obligatoire pour ${p.provider}`,
    en: (p) => `is required for ${p.provider}`,
  }),
  'comms.field.twilio-sender': both(
    'ou twilioMessagingServiceSid est obligatoire pour Twilio',
    'or twilioMessagingServiceSid is required for Twilio',
  ),
  'comms.field.sms-sender': both(
    'doit être un numéro de téléphone ou un expéditeur alphanumérique de 11 caractères au plus',
    'must be a phone number or an alphanumeric sender of at most 11 characters',
  ),
});

export const commsMessage = messagesOf(commsMessages);
