import { each, on } from '../identity/grants';
import type { Grant } from '../identity/ability';
import { ACCOUNT_VIEW_SUBJECT, BILLING_FIELDS, BILLING_GROUP, OPERATIONS_FIELDS, OPERATIONS_GROUP } from './account-view';
import { telecomMailVariant } from './brand-mail';
import { BRAND_SUBJECT } from './brands';
import { seedBrandsDemo } from './brands.demo';
import { brandsMessages } from './brands.messages';
import { brandsPersonalData } from './brands.personal-data';
import type { TelecomPart } from './telecom-part';

const view = (group: string, scope: Grant['scope'] = 'all'): Grant => ({ permission: `${group}.read`, scope });
const operations = (scope?: Grant['scope']) => view(OPERATIONS_GROUP, scope);
const billing = (scope?: Grant['scope']) => view(BILLING_GROUP, scope);

/**
 * The telecom vertical's white-label brands and the role-dependent views (spec 002 §10–11, ADR 0046): the
 * `telecom.brand` resource (the brands' screen), the account panel's sections as field-level permissions
 * (account-view.ts says who sees what), the brands' branding and users, and their demo.
 */
export const brandsPart: TelecomPart = {
  resources: { 'telecom.brand': BRAND_SUBJECT },
  fieldGroups: {
    [OPERATIONS_GROUP]: { subject: ACCOUNT_VIEW_SUBJECT, fields: OPERATIONS_FIELDS },
    [BILLING_GROUP]: { subject: ACCOUNT_VIEW_SUBJECT, fields: BILLING_FIELDS },
  },
  grants: {
    direction: [...on('telecom.brand', 'ru=all'), operations(), billing()],
    manager: [...on('telecom.brand', 'ru=all'), operations(), billing()],
    'support-n1': [operations()],
    'support-n2': [operations()],
    sales: [...on('telecom.brand', 'r=all'), operations(), billing('own')],
    accounting: [...on('telecom.brand', 'r=all'), billing()],
    client: [operations('own')],
    // A partner reads its brands' clients (row-level security narrows `all` to them, ADR 0046).
    partner: [...each(['core.account', 'core.contact', 'core.site'], 'r=all'), ...each(['telecom.line', 'telecom.fleet'], 'r=all'), operations()],
  },
  messages: brandsMessages,
  personalData: brandsPersonalData,
  seedDemo: seedBrandsDemo,
  // A client of a brand gets the brand's mail templates and sender (ADR 0048).
  mailVariant: telecomMailVariant,
};
