import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The identity context's messages (docs/adr/0010-server-messages.md): managing collaborators. */
const both = (fr: string, en: string) => ({ fr, en });
type UserAction = 'read' | 'create' | 'update' | 'delete';

export const identityMessages = defineMessages({
  'users.forbidden': entry({
    example: { action: 'create' as UserAction },
    fr: (p) => `Vous ne pouvez pas ${({ read: 'consulter', create: 'créer', update: 'modifier', delete: 'supprimer' })[p.action]} les collaborateurs (permission identity.user.${p.action}).`,
    en: (p) => `You may not ${p.action === 'read' ? 'view' : p.action} collaborators (permission identity.user.${p.action}).`,
  }),
  'users.unknown-roles': entry({
    example: { unknown: ['wizard'] as string[], known: ['management', 'sales'] as string[] },
    fr: (p) => `rôle inconnu : ${p.unknown.join(', ')} ; rôles de cette organisation : ${p.known.join(', ')}`,
    en: (p) => `unknown role ${p.unknown.join(', ')}; roles of this organisation: ${p.known.join(', ')}`,
  }),
  'users.email-taken': entry({
    example: { email: 'jo@example.com' },
    fr: (p) => `Un collaborateur a déjà l'adresse ${p.email} dans cette organisation.`,
    en: (p) => `A collaborator with the email ${p.email} already exists in this organisation.`,
  }),
  'users.not-yourself': both(
    'vous ne pouvez pas vous désactiver ni retirer tous vos propres rôles : demandez à un autre responsable',
    'you cannot deactivate yourself or remove all your own roles: ask another manager',
  ),
  'users.not-remove-yourself': both('vous ne pouvez pas vous supprimer vous-même : demandez à un autre responsable', 'you cannot remove yourself: ask another manager'),
});

export const identityMessage = messagesOf(identityMessages);
