import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The messages of rights requests (domain/gdpr/requests.ts; docs/adr/0010-server-messages.md). */
export const requestMessages = defineMessages({
  'gdpr.request.forbidden': {
    fr: 'Les demandes d’exercice des droits sont traitées par le délégué à la protection des données ; vous pouvez déposer une demande pour vous-même',
    en: 'Rights requests are handled by the data protection officer; you may file a request about yourself',
  },
  'gdpr.request.not-found': { fr: 'Cette demande n’existe pas dans votre organisation', en: 'This request does not exist in your organisation' },
  'gdpr.request.unknown-subject-kind': entry({
    example: { kinds: ['contact', 'user'] },
    fr: (p, f) => `Ce type de personne n’existe pas dans votre organisation (types possibles : ${f.list(p.kinds)})`,
    en: (p, f) => `No such kind of person in your organisation (possible kinds: ${f.list(p.kinds)})`,
  }),
  'gdpr.request.subject-not-found': { fr: 'Cette personne n’existe pas dans votre organisation', en: 'This person does not exist in your organisation' },
  'gdpr.request.received-in-future': { fr: 'La date de réception ne peut pas être dans le futur', en: 'The date of receipt cannot be in the future' },
  'gdpr.request.received-before-gdpr': {
    fr: 'La date de réception ne peut pas précéder l’entrée en application du RGPD (25 mai 2018)',
    en: 'The date of receipt cannot precede the GDPR’s entry into application (25 May 2018)',
  },
  'gdpr.request.requester-required': {
    fr: 'Indiquez qui fait la demande (nom, et adresse e-mail si elle est connue)',
    en: 'Say who makes the request (name, and e-mail address if known)',
  },
  'gdpr.request.closed': { fr: 'Cette demande a déjà reçu sa réponse', en: 'This request has already been answered' },
  'gdpr.request.already-extended': {
    fr: 'Le délai de cette demande a déjà été prolongé une fois (deux mois au plus, art. 12.3 du RGPD)',
    en: 'This request’s deadline was already extended once (two months at most, GDPR art. 12.3)',
  },
  'gdpr.request.not-verified': {
    fr: 'Vérifiez d’abord l’identité du demandeur : une demande n’est satisfaite qu’une fois son identité vérifiée',
    en: 'Verify the requester’s identity first: a request is granted only once their identity is verified',
  },
  'gdpr.request.verified-already': { fr: 'L’identité du demandeur est déjà vérifiée', en: 'The requester’s identity is already verified' },
  'gdpr.request.no-export': {
    fr: 'Seules les demandes d’accès et de portabilité dont l’identité est vérifiée ont un export',
    en: 'Only access and portability requests whose identity is verified have an export',
  },
  'gdpr.request.kind.access': { fr: 'Accès', en: 'Access' },
  'gdpr.request.kind.erasure': { fr: 'Effacement', en: 'Erasure' },
  'gdpr.request.kind.portability': { fr: 'Portabilité', en: 'Portability' },
  'gdpr.request.kind.rectification': { fr: 'Rectification', en: 'Correction (rectification)' },
  'gdpr.request.kind.objection': { fr: 'Opposition', en: 'Objection' },
  'gdpr.request.status.received': { fr: 'Reçue', en: 'Received' },
  'gdpr.request.status.verifying': { fr: 'Vérification d’identité', en: 'Verifying identity' },
  'gdpr.request.status.in-progress': { fr: 'En cours', en: 'In progress' },
  'gdpr.request.status.answered': { fr: 'Répondue', en: 'Answered' },
  'gdpr.request.status.refused': { fr: 'Refusée', en: 'Refused' },
});

export const requestMessage = messagesOf(requestMessages);
