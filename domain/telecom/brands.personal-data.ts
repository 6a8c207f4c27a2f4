import { cols, type PersonalDataDeclaration } from '../gdpr/personal-data';

/**
 * The white-label brands' tables (ADR 0046): a brand's branding names no one (its mail sender is the brand's
 * name); who belongs to a brand points at a user, whose identity lives in `users` (identity's declaration).
 */
export const brandsPersonalData: PersonalDataDeclaration = {
  tables: {
    telecom_brand_brandings: {
      activity: 'identity.accounts',
      notPersonal: cols('brand_id tenant_id primary_color secondary_color logo logo_content_type mail_sender_name mail_templates updated_by created_at updated_at version'),
    },
    telecom_brand_users: {
      activity: 'identity.accounts',
      notPersonal: cols('user_id brand_id tenant_id created_by created_at'),
    },
  },
};
