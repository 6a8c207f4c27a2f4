import { billingOwn, billingWrite, clientUser, commsAdmin, commsRead, commsSend, finance, manageAll, margin, on, PROCESS_LEAD, readAll, role, smoke, users } from '../identity/grants';
import path from 'node:path';
import type { DomainModule } from '../modules/vertical-module';
import { planningManage, planningTeamMember } from '../planning/grants';
import { ticketsToPlan } from './plannable-tickets';
import { contractSample, psaContracts } from './contracts';
import { contractsMessages } from './contracts.messages';
import { seedPsaDemo } from './demo-seed';
import { machineSample, psaMachines } from './machines';
import { machinesMessages } from './machines.messages';
import { mailIntakeMessages } from './mail-intake.messages';
import { interactionSample, opportunitySample, psaInteractions, psaOpportunities, psaPipelineStages, stageSample } from './opportunities';
import { pipelineMessages } from './pipeline.messages';
import { psaTickets } from './ticket-resource';
import { ticketSample } from './ticket-samples';
import { ticketsMessages } from './tickets.messages';
import { SLA_ACTIVITIES } from './sla.activity-contracts';
import { psaSlaPolicies, slaPolicySample } from './sla-policies';
import { slaMessages } from './sla.messages';
import { SLA_PROCESS_FORMS } from './sla-process.forms';
import { psaPrebillingItems } from './prebilling';
import { prebillingMessages } from './prebilling.messages';
import { psaTimeEntries } from './time-entries';
import { TIME_COST_FIELDS } from './time-entry.schema';
import { prebillingSample, timeEntrySample } from './time-samples';
import { timeMessages } from './time.messages';
import { psaPersonalData } from './psa.personal-data';

/** The internal cost and margin of time (`TIME_COST_FIELDS`): the admin and the manager; technicians and clients never read them. */
const timeCost = [{ permission: 'psa.time-entry.cost.read', scope: 'all' as const }];

/** MSP professional services automation (spec 003): its starting roles; its records, forms and processes come with the vertical. */
export const psaModule: DomainModule = {
  key: 'psa',
  personalData: psaPersonalData,
  kind: 'vertical',
  label: { fr: 'Infogérance (PSA)', en: 'Managed services (PSA)' },
  roles: [
    role('admin', 'Administrateur MSP', 'MSP administrator', 'internal', [...manageAll, ...finance(), ...margin, ...users, ...smoke, ...commsAdmin, ...billingWrite, ...planningManage,
      ...on('psa.contract', 'rcud=all'), ...on('psa.ticket', 'rcud=all'), ...on('psa.machine', 'rcud=all'),
      // Time: every entry (approves and corrects); the pre-billing queue: invoices or waives its items.
      ...on('psa.time-entry', 'rcud=all'), ...timeCost, ...on('psa.prebilling', 'ru=all'),
      // The pipeline: the admin edits its stages; opportunities and the journal, everyone's.
      ...on('psa.pipeline-stage', 'rcud=all'), ...on('psa.opportunity', 'rcud=all'), ...on('psa.interaction', 'rcud=all'),
      // The SLA policies the tickets are measured against: the admin sets them.
      ...on('psa.sla-policy', 'rcud=all')], PROCESS_LEAD),
    role('manager', 'Manager', 'Manager', 'internal', [...manageAll, ...finance(), ...commsSend, ...billingWrite, ...planningManage,
      ...on('psa.contract', 'rcud=all'), ...on('psa.ticket', 'rcud=all'), ...on('psa.machine', 'rcud=all'),
      // The manager approves time (update on every entry) and, holding billing's rights, invoices the pre-billing queue.
      ...on('psa.time-entry', 'rcud=all'), ...timeCost, ...on('psa.prebilling', 'ru=all'),
      // The manager sells: every opportunity and the journal; the stages as the admin set them.
      ...on('psa.pipeline-stage', 'r=all'), ...on('psa.opportunity', 'rcud=all'), ...on('psa.interaction', 'rcud=all'), ...on('psa.sla-policy', 'r=all')], { ownsProcesses: true, managesAccounts: true }),
    role('technician', 'Technicien', 'Technician', 'internal', [...readAll, ...on('core.contact', 'cu=all'), ...on('core.site', 'u=all'), ...on('core.document', 'c=all'), ...commsRead, ...planningTeamMember,
      ...on('psa.contract', 'r=all'),
      // Spec 003 §8: a technician creates, assigns and closes tickets — any ticket of the queue, not only those assigned to them.
      ...on('psa.ticket', 'rcu=all'),
      // Technicians register and update the clients' machines (the RMM agent will later).
      ...on('psa.machine', 'rcu=all'),
      // Their own time (enter, edit while draft or sent back, submit, delete a draft); colleagues' time on the tickets, read only.
      ...on('psa.time-entry', 'r=all cud=own'),
      // The pipeline, read only; the journal: logs their calls and visits, edits their own entries.
      ...on('psa.pipeline-stage', 'r=all'), ...on('psa.opportunity', 'r=all'), ...on('psa.interaction', 'rc=all ud=own'), ...on('psa.sla-policy', 'r=all')]),
    role('client', 'Client', 'Client', 'client', [...clientUser, ...billingOwn,
      ...on('psa.contract', 'r=own'),
      // The portal: its company's tickets (opens, follows, replies; never internal notes).
      ...on('psa.ticket', 'rc=own'),
      // Its company's machines, to name one on a ticket.
      ...on('psa.machine', 'r=own')]),
  ],
  resources: {
    'psa.contract': 'PsaContract',
    'psa.ticket': 'PsaTicket',
    'psa.machine': 'PsaMachine',
    'psa.time-entry': 'PsaTimeEntry',
    'psa.prebilling': 'PsaPrebillingItem',
    'psa.pipeline-stage': 'PsaPipelineStage',
    'psa.opportunity': 'PsaOpportunity',
    'psa.interaction': 'PsaInteraction',
    'psa.sla-policy': 'PsaSlaPolicy',
  },
  fieldGroups: {
    'psa.time-entry.cost': { subject: 'PsaTimeEntry', fields: TIME_COST_FIELDS },
  },
  records: [
    {
      resource: psaSlaPolicies, path: 'psa/sla-policies', label: { fr: 'politique SLA', en: 'SLA policy', frPlural: 'politiques SLA', enPlural: 'SLA policies' },
      personalDataColumns: [], sample: slaPolicySample,
    },
    {
      resource: psaContracts, path: 'psa/contracts', label: { fr: 'contrat', en: 'contract', frPlural: 'contrats', enPlural: 'contracts' },
      // Found by its number, its name or its client's name (the client user: its company's only, by its read scope).
      search: {
        names: ['t.search_name', 'a.search_name'], words: [{ column: 't.search', config: 'french' }, { column: 'a.search', config: 'french' }], number: 't.number',
        show: { title: 't.name', subtitle: 'a.name', accountId: 't.account_id' },
      },
      personalDataColumns: ['notes'], sample: contractSample,
    },
    {
      resource: psaTickets, path: 'psa/tickets', label: { fr: 'ticket', en: 'ticket', frPlural: 'tickets', enPlural: 'tickets' },
      search: {
        names: ['t.search_name', 'a.search_name'], words: [{ column: 't.search', config: 'french' }, { column: 'a.search', config: 'french' }], number: 't.number',
        show: { title: 't.title', subtitle: 'a.name', accountId: 't.account_id' },
      },
      personalDataColumns: ['requester_email'], sample: ticketSample,
    },
    {
      resource: psaMachines, path: 'psa/machines', label: { fr: 'machine', en: 'machine', frPlural: 'machines', enPlural: 'machines' },
      personalDataColumns: [], sample: machineSample,
    },
    {
      resource: psaTimeEntries, path: 'psa/time-entries', label: { fr: 'saisie de temps', en: 'time entry', frPlural: 'saisies de temps', enPlural: 'time entries' },
      personalDataColumns: ['description', 'review_comment'], sample: timeEntrySample,
    },
    {
      resource: psaPrebillingItems, path: 'psa/pre-billing', label: { fr: 'élément de pré-facturation', en: 'pre-billing item', frPlural: 'éléments de pré-facturation', enPlural: 'pre-billing items' },
      personalDataColumns: ['excluded_reason'], sample: prebillingSample,
    },
    {
      resource: psaPipelineStages, path: 'psa/pipeline-stages', label: { fr: 'étape du pipeline', en: 'pipeline stage', frPlural: 'étapes du pipeline', enPlural: 'pipeline stages' },
      personalDataColumns: [], sample: stageSample,
    },
    {
      resource: psaOpportunities, path: 'psa/opportunities', label: { fr: 'opportunité', en: 'opportunity', frPlural: 'opportunités', enPlural: 'opportunities' },
      personalDataColumns: ['notes', 'lost_reason'], sample: opportunitySample,
    },
    {
      resource: psaInteractions, path: 'psa/interactions', label: { fr: 'échange', en: 'interaction', frPlural: 'échanges', enPlural: 'interactions' },
      personalDataColumns: ['subject', 'body'], sample: interactionSample,
    },
  ],
  /** Open tickets not planned yet: the agenda's side list (domain/planning/plannable.ts). */
  plannables: [ticketsToPlan],
  messages: { ...contractsMessages, ...ticketsMessages, ...machinesMessages, ...mailIntakeMessages, ...timeMessages, ...prebillingMessages, ...pipelineMessages, ...slaMessages },
  /** The ticket's process, from its triage and SLA to its invoice (workflows/psa/ticket-to-invoice.bpmn, domain/psa/sla*.ts). */
  activities: [...SLA_ACTIVITIES],
  forms: [...SLA_PROCESS_FORMS],
  processes: [path.resolve(__dirname, '../../workflows/psa/ticket-to-invoice.bpmn')],
  seedDemo: seedPsaDemo,
};
