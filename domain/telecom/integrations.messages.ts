import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** Messages of the telecom connections and the operators' webhooks (ADR 0042; docs/adr/0010-server-messages.md). */
const both = (fr: string, en: string) => ({ fr, en });

export const integrationsMessages = defineMessages({
  'telecom.connections.forbidden-read': both(
    'Vous ne pouvez pas consulter les connexions aux opérateurs et systèmes de facturation (permission telecom.connection.read).',
    'You may not view the connections to operators and billing systems (permission telecom.connection.read).',
  ),
  'telecom.connections.forbidden-update': both(
    'Vous ne pouvez pas configurer les connexions aux opérateurs et systèmes de facturation (permission telecom.connection.update).',
    'You may not configure the connections to operators and billing systems (permission telecom.connection.update).',
  ),
  'telecom.connections.unknown-adapter': entry({
    example: { adapter: 'snaic' },
    fr: (p) => `aucun adaptateur « ${p.adapter} » n’est installé pour ce type de connexion`,
    en: (p) => `no adapter "${p.adapter}" is installed for this kind of connection`,
  }),
  'telecom.connections.credential-required': entry({
    example: { adapter: 'snaic' },
    fr: (p) => `est obligatoire pour l’adaptateur ${p.adapter}`,
    en: (p) => `is required by the ${p.adapter} adapter`,
  }),
  'telecom.connections.credential-unknown': entry({
    example: { adapter: 'snaic' },
    fr: (p) => `n’est pas un identifiant demandé par l’adaptateur ${p.adapter}`,
    en: (p) => `is not a credential the ${p.adapter} adapter asks for`,
  }),
  'telecom.connections.base-url-required': both('est obligatoire pour cet adaptateur (l’adresse de l’API du fournisseur)', 'is required by this adapter (the vendor\'s API address)'),
  'telecom.connections.base-url-https': both('doit être une adresse https (http n’est admis que vers cette machine)', 'must be an https address (http only towards this machine)'),
  'telecom.connections.settings-too-large': both('sont trop volumineux (4 Ko au plus)', 'are too large (4 KB at most)'),
  'telecom.connections.bad-kind': both(
    'Type de connexion inconnu : « operator » (opérateur) ou « billing-system » (système de facturation).',
    'Unknown kind of connection: "operator" or "billing-system".',
  ),
  'telecom.connections.bad-key': both(
    'Clé invalide : des minuscules, chiffres et tirets, 2 à 40 caractères, commençant par une lettre (snaic, alphalink, cfast).',
    'Invalid key: lower-case letters, digits and hyphens, 2 to 40 characters, starting with a letter (snaic, alphalink, cfast).',
  ),
  'telecom.webhook.unknown': both(
    'Aucune connexion à cet opérateur n’attend de notification à cette adresse.',
    'No connection to this operator expects notifications at this address.',
  ),
  'telecom.webhook.bad-signature': both(
    'La signature de cette notification ne correspond pas au secret de la connexion : elle est refusée et rien n’a changé.',
    'This notification\'s signature does not match the connection\'s secret: it is refused and nothing changed.',
  ),
  'telecom.webhook.no-order': both(
    'Cette notification ne désigne aucune commande : elle est ignorée.',
    'This notification names no order: it is ignored.',
  ),
});

export const integrationsMessage = messagesOf(integrationsMessages);
