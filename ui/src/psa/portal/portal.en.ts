import type portalFr from './portal.fr';

/** Texts of the client portal in English: the same keys as the French ones. */
const portalEn: typeof portalFr = {
  title: 'My requests',
  search: 'Search a request',
  create: 'New request',
  count: '{count} request | {count} requests',
  none: 'No requests yet',
  created: 'Request #{number} sent: our team is on it.',
  hours: {
    title: 'My support hours',
    remaining: '{hours} left',
    of: 'of {hours} bought',
    none: 'No hour bank running.',
  },
  invoices: {
    title: 'My invoices',
    due: 'Left to pay: {amount}',
    paid: 'Paid',
    none: 'No invoices.',
    all: 'All my invoices',
  },
};

export default portalEn;
