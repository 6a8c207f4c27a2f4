import type { DomainModule } from '../modules/vertical-module';

/** Users, roles and sign-in: the collaborators of an organisation. */
export const identityModule: DomainModule = {
  key: 'identity',
  kind: 'core',
  label: { fr: 'Utilisateurs', en: 'Users' },
  resources: { 'identity.user': 'User' },
};
