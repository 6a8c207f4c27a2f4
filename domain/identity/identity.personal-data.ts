import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, SUBJECTS, cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';

/** Identity's personal data (docs/adr/0022): the people who sign in, their sessions and the access log. */
export const identityPersonalData: PersonalDataDeclaration = {
  activities: [
    {
      key: 'identity.accounts',
      name: { fr: 'Gestion des comptes utilisateurs et des habilitations', en: 'User accounts and permissions' },
      purpose: { fr: 'Permettre aux collaborateurs et aux clients de se connecter et n’accéder qu’à ce que leur rôle permet', en: 'Let staff and clients sign in and reach only what their role allows' },
      legalBasis: 'contract',
      dataSubjects: [SUBJECTS.staff, SUBJECTS.portalUsers],
      recipients: [RECIPIENTS.staff, RECIPIENTS.host],
      retention: { duration: 'P6M', from: { fr: 'après la désactivation du compte', en: 'after the account is deactivated' } },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
    {
      key: 'identity.access-log',
      name: { fr: 'Journalisation des connexions et des actions sensibles', en: 'Sign-in and sensitive action log' },
      purpose: { fr: 'Détecter les accès frauduleux et prouver qui a fait quoi', en: 'Detect fraudulent access and prove who did what' },
      legalBasis: 'legitimate-interest',
      dataSubjects: [SUBJECTS.staff, SUBJECTS.portalUsers],
      recipients: [RECIPIENTS.staff, RECIPIENTS.host],
      retention: { duration: 'P1Y', from: { fr: 'après l’événement', en: 'after the event' }, legalReference: 'CNIL, recommandation journalisation (2021) : 6 mois à 1 an' },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
  ],
  tables: {
    users: {
      activity: 'identity.accounts',
      personal: { email: p.pseudonymise('contact'), display_name: p.mask('identity', 'initials') },
      notPersonal: cols('id tenant_id type password_hash account_id active created_at updated_at version'),
    },
    roles: { activity: 'identity.accounts', notPersonal: cols('id tenant_id key label_fr label_en vertical') },
    user_roles: { activity: 'identity.accounts', notPersonal: cols('tenant_id user_id role_id') },
    permission_grants: { activity: 'identity.accounts', notPersonal: cols('id tenant_id role_id permission scope') },
    refresh_tokens: { activity: 'identity.accounts', notPersonal: cols('id tenant_id user_id family_id token_hash expires_at used_at revoked_at created_at') },
    revoked_access_tokens: { activity: 'identity.accounts', notPersonal: cols('jti tenant_id expires_at') },
    login_attempts: {
      activity: 'identity.access-log',
      personal: { key: p.erase('connection') },
      notPersonal: cols('hits reset_at'),
    },
    audit_log: {
      activity: 'identity.access-log',
      personal: { details: p.erase('connection'), ip: p.erase('connection') },
      notPersonal: cols('id tenant_id actor_user_id action target_type target_id at prev_hash hash'),
    },
    principal_versions: { activity: 'identity.accounts', notPersonal: cols('tenant_id version') },
    session_narrowings: { activity: 'identity.accounts', notPersonal: cols('check_function') },
    tenants: { activity: 'identity.accounts', notPersonal: cols('id slug name branding verticals locale time_zone created_at updated_at version') },
  },
  subjects: [
    { kind: 'user', label: { fr: 'Utilisateur (collaborateur ou client du portail)', en: 'User (staff member or portal client)' }, table: 'users', name: ['display_name'], addresses: ['email'] },
  ],
  subjectLinks: {
    user: [
      { match: 'ref', table: 'user_roles', column: 'user_id' },
      { match: 'ref', table: 'refresh_tokens', column: 'user_id' },
      { match: 'ref', table: 'audit_log', column: 'actor_user_id' },
    ],
    '*': [{ match: 'any-id', table: 'audit_log', column: 'target_id' }],
  },
  notAboutSubjects: {
    login_attempts: { fr: 'Clé hachée (adresse IP ou identifiant), effacée après une minute', en: 'A hashed key (IP address or login), gone after a minute' },
  },
};
