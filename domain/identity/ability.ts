import { AbilityBuilder, createMongoAbility, subject as asSubject, type MongoAbility } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import { fieldGroups, hasAssignees } from '../modules/registry';
import { parsePermission, type Action, type SubjectName } from './permission-catalogue';

export const SCOPES = ['own', 'assigned', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

export interface Grant {
  permission: string;
  scope: Scope;
}

/** Who is asking: resolved from the access token and the database on each request. */
export interface Principal {
  userId: string;
  tenantId: string;
  type: string;
  /** For client and partner users: the account (company) they belong to. */
  accountId: string | null;
  roles: string[];
  grants: Grant[];
}

/**
 * The ownership facts of a record, taken from its account: `own` means the
 * user is the account's sales owner (or, for a client user, it is their own
 * company); `assigned` means the user is the account's assigned support, or, on a kind that
 * names its assigned people in an array (`assigneeIds`, ADR 0033), one of them.
 */
export interface OwnershipFacts {
  accountId: string | null;
  ownerId: string | null;
  supportUserId: string | null;
  createdBy?: string | null;
  /** The people assigned to the record itself (a mission's auditors), when its kind declares them. */
  assigneeIds?: readonly string[] | null;
}

type Conditions = Partial<Omit<OwnershipFacts, 'assigneeIds'>> & { assigneeIds?: string };
export type AppAbility = MongoAbility<[Action, SubjectName | (OwnershipFacts & { __caslSubjectType__?: string })]>;

export function scopeConditions(principal: Principal, scope: Scope, subjectName: SubjectName): Conditions[] | null {
  if (scope === 'all') return null;
  // Records that belong to no account (catalogue items) are "own" when the user created them.
  if (subjectName === 'CatalogueItem') return [{ createdBy: principal.userId }];
  // Tasks belong to no account: "own" is those offered to the person or theirs (the task service
  // narrows by candidates), so a client user without a company still works the tasks offered to them.
  if (subjectName === 'Task') return [{ ownerId: principal.userId }];
  // A client user's "own" (or "assigned") is its company's records, and only those: an account's
  // owner or support pointing at them (by mistake, or a sample) never opens another company to them.
  if (principal.type === 'client') return principal.accountId ? [{ accountId: principal.accountId }] : [];
  if (scope === 'assigned') {
    // An array fact matches when it holds the user (CASL's equality on an array field is "contains").
    return hasAssignees(subjectName) ? [{ supportUserId: principal.userId }, { assigneeIds: principal.userId }] : [{ supportUserId: principal.userId }];
  }
  const own: Conditions[] = [{ ownerId: principal.userId }];
  if (principal.accountId) own.push({ accountId: principal.accountId });
  return own;
}

export function buildAbility(principal: Principal): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  const fieldGrants: Array<{ subject: SubjectName; fields: readonly string[]; scope: Scope }> = [];
  const restricted = new Map<SubjectName, Set<string>>();
  for (const grant of principal.grants) {
    const parsed = parsePermission(grant.permission);
    if (!parsed) continue;
    if (parsed.kind === 'fields') {
      fieldGrants.push({ subject: parsed.subject, fields: parsed.fields, scope: grant.scope });
      // The groups read with this one's permission (FieldGroup.readWith) are given with it.
      for (const other of Object.values(fieldGroups())) if (other.readWith === parsed.group) fieldGrants.push({ subject: other.subject, fields: other.fields, scope: grant.scope });
      continue;
    }
    const conditions = scopeConditions(principal, grant.scope, parsed.subject);
    if (conditions === null) can(parsed.action, parsed.subject);
    else for (const c of conditions) can(parsed.action, parsed.subject, c);
  }
  // Field-level: restricted fields are denied first, then given back where granted
  // (later CASL rules take precedence).
  for (const group of Object.values(fieldGroups())) {
    const set = restricted.get(group.subject) ?? new Set<string>();
    group.fields.forEach((f) => set.add(f));
    restricted.set(group.subject, set);
    cannot('read', group.subject, [...group.fields]);
  }
  for (const g of fieldGrants) {
    const conditions = scopeConditions(principal, g.scope, g.subject);
    if (conditions === null) can('read', g.subject, [...g.fields]);
    else for (const c of conditions) can('read', g.subject, [...g.fields], c);
  }
  return build();
}

export function canOn(ability: AppAbility, action: Action, subjectName: SubjectName, facts: OwnershipFacts): boolean {
  return ability.can(action, asSubject(subjectName, { ...facts }) as never);
}

/** Removes from a record the fields the user may not read (DESIGN §4: data differs by role). */
export function readableFields<T extends Record<string, unknown>>(ability: AppAbility, subjectName: SubjectName, record: T, facts: OwnershipFacts): Partial<T> {
  const all = Object.keys(record);
  const allowed = new Set(permittedFieldsOf(ability, 'read', asSubject(subjectName, { ...facts }) as never, {
    fieldsFrom: (rule) => rule.fields ?? all,
  }));
  const out: Partial<T> = {};
  for (const key of all) if (allowed.has(key)) (out as Record<string, unknown>)[key] = record[key];
  return out;
}

/**
 * The fields among `all` the user may read on a record of `subjectName` with
 * these facts: the same answer as readableFields, computed once per ability,
 * field list and combination of matching conditional rules (lists present
 * dozens of records whose facts differ but match the same rules). `all` must
 * be the same array object from call to call (a record kind's output fields).
 */
export function readableFieldSet(ability: AppAbility, subjectName: SubjectName, facts: OwnershipFacts, all: readonly string[]): ReadonlySet<string> {
  const rules = ability.possibleRulesFor('read', subjectName);
  // Which rules match: unconditional ones always do, the others by the record's facts.
  let subject: never | undefined;
  let signature = subjectName as string;
  for (const rule of rules) {
    if (!rule.conditions) continue;
    subject ??= asSubject(subjectName, { ...facts }) as never;
    signature += rule.matchesConditions(subject) ? '1' : '0';
  }
  let byFields = fieldSets.get(ability);
  if (!byFields) fieldSets.set(ability, byFields = new WeakMap());
  let bySignature = byFields.get(all);
  if (!bySignature) byFields.set(all, bySignature = new Map());
  let fields = bySignature.get(signature);
  if (!fields) {
    fields = new Set(permittedFieldsOf(ability, 'read', subject ?? asSubject(subjectName, { ...facts }) as never, { fieldsFrom: (rule) => rule.fields ?? [...all] }));
    bySignature.set(signature, fields);
  }
  return fields;
}
const fieldSets = new WeakMap<AppAbility, WeakMap<readonly string[], Map<string, ReadonlySet<string>>>>();

/**
 * The rows a user may act on, as SQL-ready conditions derived from the same
 * CASL rules: null means every row of the tenant; [] means none.
 */
export function scopeOf(ability: AppAbility, action: Action, subjectName: SubjectName): Conditions[] | null {
  const rules = ability.rulesFor(action, subjectName).filter((r) => !r.inverted && !r.fields);
  const out: Conditions[] = [];
  for (const rule of rules) {
    if (!rule.conditions) return null;
    out.push(rule.conditions as Conditions);
  }
  return out;
}
