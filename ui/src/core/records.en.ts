import type recordsFr from './records.fr';

/** Texts of the core records' creation and of the account's related records (English). */
const recordsEn: typeof recordsFr = {
  account: {
    new: 'New account',
    createTitle: 'New client account',
    createHint: 'You will own it. Fill in the rest later in its panel.',
    created: 'Account “{name}” created',
  },
  onboarding: {
    title: 'Client onboarding',
    none: 'This client was not onboarded: owner, contacts and sites, welcome message, check after 30 days.',
    start: 'Start onboarding',
    running: 'Onboarding under way',
    waiting: 'waiting for: {steps}.',
    waitingTimer: 'next step: the satisfaction check after 30 days.',
    completed: 'Client onboarded.',
    stopped: 'The onboarding was stopped.',
    open: 'Follow it',
  },
  contact: {
    new: 'Add a contact',
    createTitle: 'New contact of the account',
    assign: 'Assign this contact',
    assignTitle: 'Assign {name}',
    assignHint: 'A contact is created on the account, then assigned to a site, to billing, to support…',
    fields: { firstName: 'First name', lastName: 'Last name', jobTitle: 'Job title', email: 'Email', phone: 'Phone', mobile: 'Mobile' },
  },
  site: {
    new: 'Add a site',
    createTitle: 'New site of the account',
    search: 'Search a site',
    count: '{n} site | {n} sites',
    all: 'All sites',
    open: 'Open the site {name}',
    noneMatch: 'No site matches.',
    contacts: 'Contacts of the site',
    noContacts: 'No contact assigned to this site',
    assignTitle: 'Assign a contact to “{name}”',
    billing: 'Billing site',
    noBilling: 'No billing site',
    fields: { name: 'Site name', billingSiteId: 'Billing site', addressLine1: 'Address', postalCode: 'Postal code', city: 'City', phone: 'Phone', accessNotes: 'Access instructions' },
  },
  billingSite: {
    new: 'Add a billing site',
    createTitle: 'New billing site',
    fields: { name: 'Name', externalRef: 'Billing reference (CFAST, Pennylane…)', billingEmail: 'Billing email', addressLine1: 'Address', postalCode: 'Postal code', city: 'City' },
  },
  assignment: {
    purpose: 'Assign to',
    site: 'Site',
    billingSite: 'Billing site',
    purposes: {
      site: 'A site',
      billing: 'Billing',
      support: 'Support',
      communications: 'Communications',
      tickets: 'Tickets',
      deployments: 'Deployments',
    },
    short: { site: 'Site', billing: 'Billing', support: 'Support', communications: 'Communications', tickets: 'Tickets', deployments: 'Deployments' },
    submit: 'Assign',
    remove: 'Remove an assignment of {name}',
    removeFromSite: 'Remove {name} from the site {site}',
    removeTitle: 'Remove the assignment?',
    removeText: '{name} will no longer be assigned to: {target}. The removal is kept in the account\'s history.',
    removeSubmit: 'Remove',
  },
};

export default recordsEn;
