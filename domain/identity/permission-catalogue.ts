import { ACCOUNT_FINANCE_FIELDS } from '../core/account.schema';
import { CATALOGUE_MARGIN_FIELDS } from '../core/catalogue-item.schema';

/**
 * Every permission Relais knows, named `<context>.<resource>.<action>`.
 * Grants give one of them to a role with a scope (own / assigned / all).
 */
export const ACTIONS = ['read', 'create', 'update', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

export const RESOURCES = {
  'core.account': 'Account',
  'core.contact': 'Contact',
  'core.site': 'Site',
  'core.billing-site': 'BillingSite',
  'core.document': 'Document',
  'core.catalogue': 'CatalogueItem',
  'identity.user': 'User',
  'system.smoke': 'SmokeRun',
  'process.instance': 'ProcessInstance',
  'process.task': 'Task',
  'process.message': 'ProcessMessage',
  'process.definition': 'ProcessDefinition',
  'comms.message': 'Message',
  'comms.template': 'MessageTemplate',
  'comms.settings': 'CommsSettings',
  'events.client': 'EventClient',
  'events.contract': 'EventContract',
  'events.event': 'Event',
  'events.payment': 'EventPayment',
} as const;
export type ResourceKey = keyof typeof RESOURCES;
export type SubjectName = (typeof RESOURCES)[ResourceKey];

/** Field-level permissions: the fields are left out of answers unless granted (`<group>.read`). */
export const FIELD_GROUPS = {
  'core.account.finance': { subject: 'Account', fields: ACCOUNT_FINANCE_FIELDS },
  'core.catalogue.purchase-price': { subject: 'CatalogueItem', fields: CATALOGUE_MARGIN_FIELDS },
  /** Process variables carry business data: the monitor shows them only with this grant. */
  'process.instance.variables': { subject: 'ProcessInstance', fields: ['variables'] },
} as const satisfies Record<string, { subject: SubjectName; fields: readonly string[] }>;
export type FieldGroupKey = keyof typeof FIELD_GROUPS;

export type ParsedPermission =
  | { kind: 'action'; resource: ResourceKey; subject: SubjectName; action: Action }
  | { kind: 'fields'; group: FieldGroupKey; subject: SubjectName; fields: readonly string[] };

export function parsePermission(permission: string): ParsedPermission | undefined {
  const dot = permission.lastIndexOf('.');
  const prefix = permission.slice(0, dot);
  const action = permission.slice(dot + 1);
  if (prefix in FIELD_GROUPS && action === 'read') {
    const group = FIELD_GROUPS[prefix as FieldGroupKey];
    return { kind: 'fields', group: prefix as FieldGroupKey, subject: group.subject, fields: group.fields };
  }
  if (prefix in RESOURCES && (ACTIONS as readonly string[]).includes(action)) {
    return { kind: 'action', resource: prefix as ResourceKey, subject: RESOURCES[prefix as ResourceKey], action: action as Action };
  }
  return undefined;
}

export function allPermissions(): string[] {
  const out: string[] = [];
  for (const resource of Object.keys(RESOURCES)) for (const action of ACTIONS) out.push(`${resource}.${action}`);
  for (const group of Object.keys(FIELD_GROUPS)) out.push(`${group}.read`);
  return out;
}
