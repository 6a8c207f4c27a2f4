import path from 'node:path';
import { commsAdmin, commsRead, commsSend, each, finance, on, PROCESS_LEAD, readAll, role, salesRep, smoke, users } from '../identity/grants';
import type { DomainModule } from '../modules/vertical-module';
import { mayAssign } from '../identity/role-assignment';
import { leadToEventLabel } from './business-label';
import { seedEventsDemo } from './demo-seed';
import { EVENTS_ACTIVITIES } from './events.activity-contracts';
import { eventsMessages } from './events.messages';
import { EVENTS_FORMS } from './forms';
import { LEAD_TO_EVENT } from './lead-to-event';
import { clientSample, contractSample, eventSample } from './record-samples';
import { eventClients, eventContracts, eventEvents } from './resources';
import { eventsPersonalData } from './events.personal-data';

/**
 * Spec 001: every collaborator reads every client, contract and event; writes follow the
 * departments exactly. Management creates and edits all contracts (and records payments)
 * and edits events to assign support; sales create clients (theirs automatically), update
 * their clients and those clients' contracts, and create events for them; support update
 * the events they are responsible for.
 */
const EVENT_RECORDS = ['events.client', 'events.contract', 'events.event', 'events.payment'];
const eventsReadAll = each(EVENT_RECORDS, 'r=all');

/** Epic Events (spec 001): clients, contracts and payments, events, and the lead-to-event process. */
export const eventsModule: DomainModule = {
  key: 'events',
  personalData: eventsPersonalData,
  messages: eventsMessages,
  kind: 'vertical',
  label: { fr: 'Événementiel', en: 'Events' },
  resources: {
    'events.client': 'EventClient',
    'events.contract': 'EventContract',
    'events.event': 'Event',
    'events.payment': 'EventPayment',
    /** The import right: `events.import.create` runs the legacy spreadsheet's migration (spreadsheet-import.ts). */
    'events.import': 'EventImport',
  },
  roles: [
    role('management', 'Gestion', 'Management', 'internal', [...readAll, ...on('core.catalogue', 'cud=all'), ...finance(), ...users, ...smoke, ...commsAdmin,
      ...eventsReadAll, ...on('events.contract', 'cu=all'), ...on('events.event', 'u=all'), ...on('events.payment', 'c=all'),
      // Management migrates the legacy spreadsheet: the import right (spreadsheet-import.ts says what it carries).
      ...on('events.import', 'c=all'),
      // Management hires the departments without doing their work (separation of duties): it may give their roles to others.
      ...mayAssign('sales', 'support')], PROCESS_LEAD),
    role('sales', 'Commercial', 'Sales', 'internal', [...salesRep, ...commsSend,
      ...eventsReadAll, ...on('events.client', 'cu=own'), ...on('events.contract', 'u=own'), ...on('events.event', 'c=own')]),
    role('support', 'Support', 'Support', 'internal', [...readAll, ...commsRead, ...eventsReadAll, ...on('events.event', 'u=assigned')]),
  ],
  records: [
    {
      resource: eventClients, path: 'events/clients', label: { fr: 'client', en: 'client', frPlural: 'clients', enPlural: 'clients' },
      search: { names: ['t.search_name'], words: [{ column: 't.search', config: 'simple' }], phones: 't.phone', number: 't.number', show: { title: 't.full_name', subtitle: 't.company_name', accountId: null } },
      personalDataColumns: ['full_name', 'email', 'phone', 'notes'],
      sample: clientSample,
    },
    {
      resource: eventContracts, path: 'events/contracts', label: { fr: 'contrat', en: 'contract', frPlural: 'contrats', enPlural: 'contracts' },
      // Found by its client's name and its number; shown as « Contrat n° … » with the client's name.
      search: { names: ['c.search_name'], words: [{ column: 'c.search', config: 'simple' }], number: 't.number', show: { title: 'c.full_name', subtitle: 'c.company_name', accountId: null } },
      personalDataColumns: ['notes'],
      sample: contractSample,
    },
    {
      resource: eventEvents, path: 'events/events', label: { fr: 'événement', en: 'event', frPlural: 'événements', enPlural: 'events' },
      // Found by its own name or its client's (its words include its location).
      search: { names: ['t.search_name', 'c.search_name'], words: [{ column: 't.search', config: 'french' }, { column: 'c.search', config: 'simple' }], number: 't.number', show: { title: 't.name', subtitle: 'c.full_name', accountId: null } },
      personalDataColumns: ['notes'],
      sample: eventSample,
    },
  ],
  forms: EVENTS_FORMS,
  activities: EVENTS_ACTIVITIES,
  processes: [path.resolve(__dirname, '../../workflows/events/lead-to-event.bpmn')],
  businessLabels: { [LEAD_TO_EVENT]: leadToEventLabel },
  seedDemo: seedEventsDemo,
};
