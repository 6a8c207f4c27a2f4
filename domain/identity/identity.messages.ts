import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The identity context's messages (docs/adr/0010-server-messages.md): managing collaborators. */
const both = (fr: string, en: string) => ({ fr, en });
type UserAction = 'read' | 'create' | 'update' | 'delete';

export const identityMessages = defineMessages({
  'auth.bad-credentials': both('L\'e-mail ou le mot de passe est incorrect.', 'Email or password is incorrect.'),
  'auth.several-organisations': both(
    'Cet e-mail a un compte dans plusieurs organisations : choisissez-en une et envoyez son identifiant (slug) dans « tenant ».',
    'This email has an account in several organisations: choose one and send its slug as "tenant".',
  ),
  'auth.bearer-missing': both(
    'Envoyez votre jeton d\'accès dans l\'en-tête Authorization : « Bearer <accessToken> ».',
    'Send your access token in the Authorization header: "Bearer <accessToken>".',
  ),
  'auth.token-invalid': both(
    'Votre jeton d\'accès est invalide ou a expiré : renouvelez-le ou reconnectez-vous.',
    'Your access token is invalid or has expired: refresh it or sign in again.',
  ),
  'auth.session-ended': both(
    'Votre session est terminée ou votre compte est désactivé : reconnectez-vous.',
    'Your session has ended or your account is disabled: sign in again.',
  ),
  'auth.no-session-to-refresh': both('Aucune session à renouveler : connectez-vous.', 'No session to refresh: sign in.'),
  'auth.json-body': both(
    'Envoyez un corps JSON (Content-Type: application/json), même vide : {}.',
    'Send a JSON body (Content-Type: application/json), even an empty one: {}.',
  ),
  'auth.too-many-attempts': both(
    'Trop de tentatives de connexion échouées. Réessayez dans 15 minutes, ou demandez à un administrateur de réinitialiser votre mot de passe.',
    'Too many failed sign-in attempts. Try again in 15 minutes, or ask an administrator to reset your password.',
  ),
  'audit.forbidden': both(
    'Vérifier le journal d\'audit demande la permission identity.audit-log.read, qu\'ont les administrateurs des collaborateurs.',
    'Checking the audit log needs the permission identity.audit-log.read, which collaborators\' administrators have.',
  ),
  'roles.grants-beyond': entry({
    example: { why: 'assign' as 'assign' | 'manage', role: { key: 'manager', fr: 'Responsable', en: 'Manager' }, self: false, missing: ['core.account.update (all)'] as readonly string[], more: 0 },
    fr: (p, f) => {
      const action = p.why === 'assign'
        ? `attribuer ou retirer le rôle ${f.quote(p.role.fr)} (${p.role.key})${p.self ? ' à vous-même' : ''}`
        : `modifier un collaborateur qui a le rôle ${f.quote(p.role.fr)} (${p.role.key})`;
      return `Vous ne pouvez pas ${action} : ce rôle donne des droits que vous n'avez pas (${p.missing.join(', ')}${p.more ? `… (${p.missing.length + p.more} droits)` : ''}). Demandez-le à quelqu'un qui les a.`;
    },
    en: (p, f) => {
      const action = p.why === 'assign'
        ? `give or withdraw the role ${f.quote(p.role.en)} (${p.role.key})${p.self ? ' to yourself' : ''}`
        : `change a collaborator who has the role ${f.quote(p.role.en)} (${p.role.key})`;
      return `You may not ${action}: this role grants rights you do not have (${p.missing.join(', ')}${p.more ? `… (${p.missing.length + p.more} rights)` : ''}). Ask someone who has them.`;
    },
  }),
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
