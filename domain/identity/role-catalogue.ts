import type { Grant, Scope } from './ability';

/**
 * Business roles seeded per vertical, named after the specifications
 * (001: the three departments; 000: auditors, mission leads, administration,
 * candidates; 002 §10: Direction … Partenaire; 003: admin MSP, manager,
 * technician, client; 004: the school's offices, teachers, students, alumni).
 * Tenants may add or change roles; these are the starting point.
 */
export interface RoleDefinition {
  key: string;
  labelFr: string;
  labelEn: string;
  /** The user type a demo user of this role gets (spec 002 §10, level 1). */
  userType: 'internal' | 'client' | 'partner' | 'reseller' | 'technician' | 'candidate' | 'student';
  grants: Grant[];
}

const LETTERS = { r: 'read', c: 'create', u: 'update', d: 'delete' } as const;

/** `on('core.account', 'r=all cu=own')` → read everything, create and update one's own. */
function on(resource: string, spec: string): Grant[] {
  return spec.split(' ').flatMap((part) => {
    const [letters, scope] = part.split('=') as [string, Scope];
    return [...letters].map((l) => ({ permission: `${resource}.${LETTERS[l as keyof typeof LETTERS]}`, scope }));
  });
}

const CORE_RECORDS = ['core.account', 'core.contact', 'core.site', 'core.billing-site', 'core.document'];
const each = (resources: string[], spec: string) => resources.flatMap((r) => on(r, spec));

const readAll = [...each(CORE_RECORDS, 'r=all'), ...on('core.catalogue', 'r=all')];
const manageAll = [...each(CORE_RECORDS, 'rcud=all'), ...on('core.catalogue', 'rcud=all')];
const finance = (scope: Scope = 'all'): Grant[] => [{ permission: 'core.account.finance.read', scope }];
const margin: Grant[] = [{ permission: 'core.catalogue.purchase-price.read', scope: 'all' }];
const users = on('identity.user', 'rcud=all');
const smoke = on('system.smoke', 'rc=all');
/** Communications: staff read the log; senders also send and manage templates; administrators set the providers. */
const commsRead = on('comms.message', 'r=all');
const commsSend = [...on('comms.message', 'rc=all'), ...on('comms.template', 'rcud=all')];
const commsAdmin = [...commsSend, ...on('comms.settings', 'ru=all')];
/** A sales rep: reads everything, creates accounts for themself, edits what they own. */
const salesRep = [...readAll, ...on('core.account', 'cu=own'), ...each(['core.contact', 'core.site', 'core.billing-site'], 'cud=own'),
  ...on('core.document', 'c=own'), ...finance('own')];
/** A client user: their own company's records only. */
const clientUser = [...each(CORE_RECORDS, 'r=own'), ...on('core.contact', 'cu=own'), ...on('core.document', 'c=own'), ...finance('own')];
/** Someone who works on assigned accounts only (auditor, field technician). */
const assignedOnly = [...each(CORE_RECORDS, 'r=assigned'), ...on('core.site', 'u=assigned'), ...on('core.document', 'c=assigned')];

const role = (key: string, labelFr: string, labelEn: string, userType: RoleDefinition['userType'], grants: Grant[]): RoleDefinition =>
  ({ key, labelFr, labelEn, userType, grants });

const telecomStyle = {
  direction: role('direction', 'Direction', 'Management board', 'internal', [...readAll, ...on('core.account', 'ud=all'), ...finance(), ...margin, ...users, ...smoke, ...commsRead, ...on('comms.settings', 'ru=all')]),
  manager: role('manager', 'Gestionnaire', 'Account manager', 'internal', [...manageAll, ...finance(), ...smoke, ...commsSend]),
  accounting: role('accounting', 'Comptabilité', 'Accounting', 'internal', [...readAll, ...on('core.account', 'u=all'), ...on('core.billing-site', 'cu=all'), ...finance(), ...margin, ...commsRead]),
  client: role('client', 'Client', 'Client', 'client', clientUser),
};

/**
 * Spec 001: every collaborator reads every client, contract and event; writes follow the
 * departments exactly. Management creates and edits all contracts (and records payments)
 * and edits events to assign support; sales create clients (theirs automatically), update
 * their clients and those clients' contracts, and create events for them; support update
 * the events they are responsible for.
 */
const EVENT_RECORDS = ['events.client', 'events.contract', 'events.event', 'events.payment'];
const eventsReadAll = each(EVENT_RECORDS, 'r=all');

export const ROLE_CATALOGUE: Record<string, RoleDefinition[]> = {
  events: [
    role('management', 'Gestion', 'Management', 'internal', [...readAll, ...on('core.catalogue', 'cud=all'), ...finance(), ...users, ...smoke, ...commsAdmin,
      ...eventsReadAll, ...on('events.contract', 'cu=all'), ...on('events.event', 'u=all'), ...on('events.payment', 'c=all')]),
    role('sales', 'Commercial', 'Sales', 'internal', [...salesRep, ...commsSend,
      ...eventsReadAll, ...on('events.client', 'cu=own'), ...on('events.contract', 'u=own'), ...on('events.event', 'c=own')]),
    role('support', 'Support', 'Support', 'internal', [...readAll, ...commsRead, ...eventsReadAll, ...on('events.event', 'u=assigned')]),
  ],
  audits: [
    role('mission-lead', 'Responsable de mission', 'Mission lead', 'internal', [...each(CORE_RECORDS, 'rcu=all'), ...on('core.contact', 'd=all'), ...on('core.site', 'd=all'), ...on('core.catalogue', 'r=all'), ...finance(), ...smoke, ...commsSend]),
    role('auditor', 'Auditeur', 'Auditor', 'internal', [...assignedOnly, ...commsRead]),
    role('administration', 'Service administratif', 'Administration', 'internal', [...each(CORE_RECORDS, 'rcu=all'), ...on('core.billing-site', 'd=all'), ...on('core.catalogue', 'rcud=all'), ...finance(), ...margin, ...users, ...commsAdmin]),
    role('candidate', 'Candidat', 'Candidate', 'candidate', on('core.catalogue', 'r=all')),
  ],
  telecom: [
    telecomStyle.direction,
    telecomStyle.manager,
    role('support-n1', 'Support N1', 'Support level 1', 'internal', [...readAll, ...on('core.contact', 'u=all'), ...commsRead]),
    role('support-n2', 'Support N2', 'Support level 2', 'internal', [...readAll, ...on('core.contact', 'cu=all'), ...on('core.site', 'u=all'), ...commsRead]),
    role('sales', 'Commercial', 'Sales', 'internal', [...salesRep, ...commsSend]),
    telecomStyle.accounting,
    telecomStyle.client,
    role('partner', 'Partenaire', 'Partner', 'partner', [...on('core.account', 'rc=own'), ...each(['core.contact', 'core.site', 'core.billing-site'], 'r=own')]),
  ],
  fieldservice: [
    telecomStyle.direction,
    telecomStyle.manager,
    telecomStyle.accounting,
    role('technician', 'Intervenant', 'Field technician', 'technician', assignedOnly),
    telecomStyle.client,
  ],
  psa: [
    role('admin', 'Administrateur MSP', 'MSP administrator', 'internal', [...manageAll, ...finance(), ...margin, ...users, ...smoke, ...commsAdmin]),
    role('manager', 'Manager', 'Manager', 'internal', [...manageAll, ...finance(), ...commsSend]),
    role('technician', 'Technicien', 'Technician', 'internal', [...readAll, ...on('core.contact', 'cu=all'), ...on('core.site', 'u=all'), ...on('core.document', 'c=all'), ...commsRead]),
    role('client', 'Client', 'Client', 'client', clientUser),
  ],
  school: [
    role('director', 'Direction', 'Director', 'internal', [...readAll, ...finance(), ...users, ...smoke, ...commsRead, ...on('comms.settings', 'ru=all')]),
    role('school-lead', 'Responsable du pôle scolarité', 'Head of student office', 'internal', [...manageAll, ...users, ...commsAdmin]),
    role('school-office', 'Pôle scolarité', 'Student office', 'internal', [...each(CORE_RECORDS, 'rcu=all'), ...on('core.contact', 'd=all'), ...on('core.catalogue', 'r=all'), ...commsSend]),
    role('teacher', 'Professeur', 'Teacher', 'internal', [...on('core.account', 'r=all'), ...on('core.contact', 'r=all'), ...commsRead]),
    role('student', 'Étudiant', 'Student', 'student', on('core.account', 'r=all')),
    role('alumnus', 'Alumni', 'Alumnus', 'student', on('core.account', 'r=all')),
  ],
};

/** Who runs the processes of their organisation: they see every task and instance, cancel and repair. */
const PROCESS_OWNERS = new Set(['management', 'mission-lead', 'direction', 'manager', 'admin', 'school-lead']);

/**
 * Process permissions, by kind of role: everyone works the tasks offered to
 * them; internal staff start processes and follow them; process owners
 * manage all tasks, see variables, cancel instances and resolve incidents.
 */
function processGrants(role: RoleDefinition): Grant[] {
  const tasks = on('process.task', PROCESS_OWNERS.has(role.key) ? 'ru=all' : 'ru=own');
  if (role.userType !== 'internal') return tasks;
  if (!PROCESS_OWNERS.has(role.key)) return [...tasks, ...on('process.instance', 'rc=all'), ...on('process.message', 'c=all')];
  return [...tasks, ...on('process.instance', 'rcu=all'), ...on('process.message', 'rc=all'),
    { permission: 'process.instance.variables.read', scope: 'all' }];
}

/** Who saves and deploys process definitions (the modeler), by vertical; every internal role reads them. */
const DEFINITION_AUTHORS = new Set(([
  ['events', 'management'], ['audits', 'mission-lead'], ['telecom', 'direction'], ['telecom', 'manager'],
  ['fieldservice', 'direction'], ['fieldservice', 'manager'], ['psa', 'admin'], ['school', 'school-lead'],
] as const).map(([vertical, key]) => ROLE_CATALOGUE[vertical]!.find((r) => r.key === key)!));

function definitionGrants(role: RoleDefinition): Grant[] {
  if (role.userType !== 'internal') return [];
  return on('process.definition', DEFINITION_AUTHORS.has(role) ? 'rcu=all' : 'r=all');
}

/** The roles a tenant gets for its enabled verticals (the first vertical that defines a key wins). */
export function rolesForVerticals(verticals: string[]): RoleDefinition[] {
  const byKey = new Map<string, RoleDefinition>();
  for (const vertical of verticals) for (const r of ROLE_CATALOGUE[vertical] ?? []) if (!byKey.has(r.key)) byKey.set(r.key, r);
  return [...byKey.values()].map((r) => ({ ...r, grants: [...r.grants, ...processGrants(r), ...definitionGrants(r)] }));
}
