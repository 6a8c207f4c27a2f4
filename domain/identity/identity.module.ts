import type { DomainModule } from '../modules/vertical-module';
import { identityMessages } from './identity.messages';
import { identityPersonalData } from './identity.personal-data';

/** Users, roles and sign-in: the collaborators of an organisation. */
export const identityModule: DomainModule = {
  key: 'identity',
  personalData: identityPersonalData,
  messages: identityMessages,
  kind: 'core',
  label: { fr: 'Utilisateurs', en: 'Users' },
  /** identity.audit-log: the verification of the audit log's chain (read), granted with user management. */
  resources: { 'identity.user': 'User', 'identity.audit-log': 'AuditLog' },
};
