import path from 'node:path';
import { coreMessages } from '../i18n/core.messages';
import type { DomainModule } from '../modules/vertical-module';
import { ACCOUNT_ONBOARDING, accountOnboardingLabel } from './account-onboarding';
import { ACCOUNT_ONBOARDING_ACTIVITIES } from './account-onboarding.activity-contracts';
import { ACCOUNT_ONBOARDING_FORMS } from './account-onboarding.forms';
import { accountOnboardingMessages } from './account-onboarding.messages';
import { ACCOUNT_FINANCE_FIELDS } from './account.schema';
import { bulkMessages } from './bulk.messages';
import { CATALOGUE_MARGIN_FIELDS } from './catalogue-item.schema';
import { accountSample, billingSiteSample, catalogueItemSample, contactSample, siteSample } from './record-samples';
import { accounts, billingSites, catalogueItems, contacts, sites } from './resources';
import { savedViewMessages } from './saved-views.messages';
import { companyRegistryMessages } from './company-registry.messages';
import { corePersonalData } from './core.personal-data';

/** The core records every organisation has: accounts and what hangs on them, documents, the catalogue. */
export const coreModule: DomainModule = {
  key: 'core',
  personalData: corePersonalData,
  messages: { ...coreMessages, ...bulkMessages, ...savedViewMessages, ...accountOnboardingMessages, ...companyRegistryMessages },
  kind: 'core',
  label: { fr: 'Socle', en: 'Core' },
  resources: {
    'core.account': 'Account',
    'core.contact': 'Contact',
    'core.site': 'Site',
    'core.billing-site': 'BillingSite',
    'core.document': 'Document',
    'core.catalogue': 'CatalogueItem',
  },
  fieldGroups: {
    'core.account.finance': { subject: 'Account', fields: ACCOUNT_FINANCE_FIELDS },
    'core.catalogue.purchase-price': { subject: 'CatalogueItem', fields: CATALOGUE_MARGIN_FIELDS },
  },
  records: [
    {
      resource: accounts, path: 'accounts', label: { fr: 'compte', en: 'account', frPlural: 'comptes', enPlural: 'accounts' },
      search: { names: ['t.search_name'], words: [{ column: 't.search', config: 'french' }], phones: 't.phone', number: 't.number', show: { title: 't.name', subtitle: 't.city', accountId: 't.id' } },
      personalDataColumns: ['email', 'phone', 'address_line1', 'address_line2', 'postal_code', 'city', 'notes'],
      sample: accountSample,
    },
    {
      resource: contacts, path: 'contacts', label: { fr: 'contact', en: 'contact', frPlural: 'contacts', enPlural: 'contacts' },
      search: {
        names: ['t.search_name'], words: [{ column: 't.search', config: 'simple' }], phones: 't.search_phones',
        show: { title: "ltrim(coalesce(t.first_name, '') || ' ' || t.last_name)", subtitle: 'a.name', accountId: 't.account_id' },
      },
      personalDataColumns: ['first_name', 'last_name', 'job_title', 'email', 'phone', 'mobile', 'availability', 'notes'],
      sample: contactSample,
    },
    {
      resource: sites, path: 'sites', label: { fr: 'site', en: 'site', frPlural: 'sites', enPlural: 'sites' },
      search: { names: ['t.search_name'], words: [{ column: 't.search', config: 'french' }], phones: 't.phone', show: { title: 't.name', subtitle: "concat_ws(' — ', a.name, t.city)", accountId: 't.account_id' } },
      personalDataColumns: ['phone', 'access_notes', 'address_line1', 'address_line2', 'postal_code', 'city'],
      sample: siteSample,
    },
    {
      resource: billingSites, path: 'billing-sites', label: { fr: 'site de facturation', en: 'billing site', frPlural: 'sites de facturation', enPlural: 'billing sites' },
      personalDataColumns: ['billing_email', 'address_line1', 'address_line2', 'postal_code', 'city'],
      sample: billingSiteSample,
    },
    {
      resource: catalogueItems, path: 'catalogue-items', label: { fr: 'article du catalogue', en: 'catalogue item', frPlural: 'articles du catalogue', enPlural: 'catalogue items' },
      personalDataColumns: [],
      sample: catalogueItemSample,
    },
  ],
  // Every organisation welcomes its new client accounts (domain/core/account-onboarding.ts).
  forms: ACCOUNT_ONBOARDING_FORMS,
  activities: ACCOUNT_ONBOARDING_ACTIVITIES,
  processes: [path.resolve(__dirname, '../../workflows/core/account-onboarding.bpmn')],
  businessLabels: { [ACCOUNT_ONBOARDING]: accountOnboardingLabel },
};
