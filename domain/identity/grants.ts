import type { ModuleRole } from '../modules/vertical-module';
import type { Grant, Scope } from './ability';
import { mayAssign } from './role-assignment';

/**
 * Building blocks for the starting roles modules declare
 * (`domain/<vertical>/<vertical>.module.ts`): the grants on core records that
 * most roles share, written once.
 */
const LETTERS = { r: 'read', c: 'create', u: 'update', d: 'delete' } as const;

/** `on('core.account', 'r=all cu=own')` → read everything, create and update one's own. */
export function on(resource: string, spec: string): Grant[] {
  return spec.split(' ').flatMap((part) => {
    const [letters, scope] = part.split('=') as [string, Scope];
    return [...letters].map((l) => ({ permission: `${resource}.${LETTERS[l as keyof typeof LETTERS]}`, scope }));
  });
}

/** The same spec on several resources. */
export const each = (resources: string[], spec: string): Grant[] => resources.flatMap((r) => on(r, spec));

export const CORE_RECORDS = ['core.account', 'core.contact', 'core.site', 'core.billing-site', 'core.document'];

export const readAll = [...each(CORE_RECORDS, 'r=all'), ...on('core.catalogue', 'r=all')];
export const manageAll = [...each(CORE_RECORDS, 'rcud=all'), ...on('core.catalogue', 'rcud=all')];
export const finance = (scope: Scope = 'all'): Grant[] => [{ permission: 'core.account.finance.read', scope }];
export const margin: Grant[] = [{ permission: 'core.catalogue.purchase-price.read', scope: 'all' }];
/** Who manages the collaborators names the data protection officer (issue 15) without reading the register themself. */
const nameTheDpo = mayAssign('dpo');
/**
 * Who manages the collaborators also verifies the audit log of their sign-ins, and follows the
 * platform's backups and starts a restore drill (ADR 0020: backups are platform-wide). As the
 * organisation's direction, they read its data breaches and are told before the CNIL's 72 hours run out (ADR 0025).
 */
export const users = [...on('identity.user', 'rcud=all'), ...on('identity.audit-log', 'r=all'), ...on('backup.backup', 'rc=all'), ...on('gdpr.breach', 'r=all'), ...nameTheDpo];
export const smoke = on('system.smoke', 'rc=all');
/** Communications: staff read the log; senders also send and manage templates; administrators set the providers. */
export const commsRead = on('comms.message', 'r=all');
export const commsSend = [...on('comms.message', 'rc=all'), ...on('comms.template', 'rcud=all')];
export const commsAdmin = [...commsSend, ...on('comms.settings', 'ru=all')];
/** Billing (issue 13): quotes, invoices, credit notes and the payments ledger (written once, never edited). */
export const BILLING_DOCUMENTS = ['billing.quote', 'billing.invoice', 'billing.credit-note', 'billing.subscription'];
/** Who invoices (administration, accounting): every document and payment, and the legal profile and numbering. */
export const billingWrite = [...each(BILLING_DOCUMENTS, 'rcud=all'), ...on('billing.payment', 'rc=all'), ...on('billing.settings', 'ru=all')];
/** Who follows the invoicing without doing it (direction, account managers): every document, and the legal profile. */
export const billingRead = [...each([...BILLING_DOCUMENTS, 'billing.payment'], 'r=all'), ...on('billing.settings', 'r=all')];
/** A sales rep's own accounts' documents, or a client user's own company's once they left draft. */
export const billingOwn = each([...BILLING_DOCUMENTS, 'billing.payment'], 'r=own');
/** A sales rep: reads everything, creates accounts for themself, edits what they own. */
export const salesRep = [...readAll, ...on('core.account', 'cu=own'), ...each(['core.contact', 'core.site', 'core.billing-site'], 'cud=own'),
  ...on('core.document', 'c=own'), ...finance('own')];
/** A client user: their own company's records only. */
export const clientUser = [...each(CORE_RECORDS, 'r=own'), ...on('core.contact', 'cu=own'), ...on('core.document', 'c=own'), ...finance('own')];
/** Someone who works on assigned accounts only (auditor, field technician). */
export const assignedOnly = [...each(CORE_RECORDS, 'r=assigned'), ...on('core.site', 'u=assigned'), ...on('core.document', 'c=assigned')];

export const role = (key: string, labelFr: string, labelEn: string, userType: ModuleRole['userType'], grants: Grant[], flags: Pick<ModuleRole, 'ownsProcesses' | 'authorsDefinitions' | 'managesAccounts'> = {}): ModuleRole =>
  ({ key, labelFr, labelEn, userType, grants, ...flags });

/**
 * `r`, whose holders may also give `roleKeys` to OTHER collaborators although
 * they do not hold all their grants (role-assignment.ts, `mayAssign`): how the
 * role that manages the collaborators staffs the organisation. Never a role
 * that owns processes or authors definitions unless `r` does too (a test over
 * the registered modules checks it).
 */
export const assigning = (r: ModuleRole, ...roleKeys: string[]): ModuleRole => ({ ...r, grants: [...r.grants, ...mayAssign(...roleKeys)] });

/** Runs the organisation's processes and authors their definitions. */
export const PROCESS_LEAD = { ownsProcesses: true, authorsDefinitions: true } as const;

/** Manages the client accounts (names their owners, core.account-onboarding) and runs the processes. */
export const ACCOUNTS_LEAD = { ...PROCESS_LEAD, managesAccounts: true } as const;

/**
 * The roles of an operator (spec 002 §10), shared by the telecom and field
 * service verticals: direction, account management, accounting, client.
 */
export const OPERATOR_ROLES = {
  direction: role('direction', 'Direction', 'Management board', 'internal', [...readAll, ...on('core.account', 'ud=all'), ...finance(), ...margin, ...users, ...smoke, ...commsRead, ...on('comms.settings', 'ru=all'), ...billingRead], PROCESS_LEAD),
  manager: role('manager', 'Gestionnaire', 'Account manager', 'internal', [...manageAll, ...finance(), ...smoke, ...commsSend, ...billingRead], ACCOUNTS_LEAD),
  accounting: role('accounting', 'Comptabilité', 'Accounting', 'internal', [...readAll, ...on('core.account', 'u=all'), ...on('core.billing-site', 'cu=all'), ...finance(), ...margin, ...commsRead, ...billingWrite]),
  client: role('client', 'Client', 'Client', 'client', [...clientUser, ...billingOwn]),
};
