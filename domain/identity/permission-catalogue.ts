import { fieldGroups, permissionResources } from '../modules/registry';

/**
 * Every permission Relais knows, named `<context>.<resource>.<action>`, over
 * the resources and field groups the registered modules declare
 * (`domain/modules/registry.ts`). Grants give one of them to a role with a
 * scope (own / assigned / all).
 */
export const ACTIONS = ['read', 'create', 'update', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

/** A permission resource (`core.account`, `events.client`), as a module declares it. */
export type ResourceKey = string;
/** The CASL subject a resource guards (`Account`, `EventClient`). */
export type SubjectName = string;

export type ParsedPermission =
  | { kind: 'action'; resource: ResourceKey; subject: SubjectName; action: Action }
  | { kind: 'fields'; group: string; subject: SubjectName; fields: readonly string[] };

export function parsePermission(permission: string): ParsedPermission | undefined {
  const dot = permission.lastIndexOf('.');
  const prefix = permission.slice(0, dot);
  const action = permission.slice(dot + 1);
  const group = fieldGroups()[prefix];
  if (group && !group.readWith && action === 'read') return { kind: 'fields', group: prefix, subject: group.subject, fields: group.fields };
  const subject = permissionResources()[prefix];
  if (subject && (ACTIONS as readonly string[]).includes(action)) return { kind: 'action', resource: prefix, subject, action: action as Action };
  return undefined;
}

export function allPermissions(): string[] {
  const out: string[] = [];
  for (const resource of Object.keys(permissionResources())) for (const action of ACTIONS) out.push(`${resource}.${action}`);
  for (const [key, group] of Object.entries(fieldGroups())) if (!group.readWith) out.push(`${key}.read`);
  return out;
}
