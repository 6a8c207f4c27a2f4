import type { BulkActionDefinition } from '../core/bulk-action';
import type { ActivityDefinition } from '../process/activity-definition';
import type { FormDefinition } from '../process/forms';
import type { Catalogue, Entry } from '../i18n/messages';
import type { BusinessLabelResolver, DomainModule, FieldGroup, ModuleRole, RecordKind } from './vertical-module';

/**
 * The modules this process runs, registered once at start by an entry point
 * (`domain/installed-modules.ts`: api/server.ts, the worker, the seed, the
 * tests' setup file). The core reads every catalogue from here and never
 * imports a vertical. The first read closes the registry: a module registered
 * after it would be missing from catalogues already derived.
 */
const modules: DomainModule[] = [];
let closed = false;

export function registerModule(module: DomainModule): void {
  if (closed) throw new Error(`Module "${module.key}" registered after the catalogues were read: register every module at start.`);
  if (modules.some((m) => m.key === module.key)) throw new Error(`Module "${module.key}" is registered twice.`);
  if (module.kind === 'core' && modules.some((m) => m.kind === 'vertical')) throw new Error(`Core module "${module.key}" must be registered before the verticals.`);
  modules.push(module);
}

/** Every registered module, core contexts first. */
export function registeredModules(): readonly DomainModule[] {
  if (!modules.length) throw new Error('No module is registered: the entry point must import domain/installed-modules first.');
  closed = true;
  return modules;
}

export function findModule(key: string): DomainModule | undefined {
  return registeredModules().find((m) => m.key === key);
}

/** The modules a tenant has: every core context, then its verticals in the order it lists them (unknown keys are skipped). */
export function modulesOf(verticals: readonly string[]): DomainModule[] {
  const all = registeredModules();
  const enabled = verticals.map((v) => all.find((m) => m.kind === 'vertical' && m.key === v)).filter((m): m is DomainModule => Boolean(m));
  return [...all.filter((m) => m.kind === 'core'), ...enabled];
}

/** The vertical modules (what a tenant may enable). */
export function verticalModules(): DomainModule[] {
  return registeredModules().filter((m) => m.kind === 'vertical');
}

function once<T>(derive: () => T): () => T {
  let value: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      value = derive();
      done = true;
    }
    return value as T;
  };
}

function unionByKey<T>(what: string, pick: (m: DomainModule) => Record<string, T> | undefined): () => Readonly<Record<string, T>> {
  return once(() => {
    const out: Record<string, T> = {};
    for (const m of registeredModules()) {
      for (const [key, value] of Object.entries(pick(m) ?? {})) {
        if (key in out) throw new Error(`${what} "${key}" is declared by two modules (the second is "${m.key}").`);
        out[key] = value;
      }
    }
    return out;
  });
}

function unionList<T>(what: string, pick: (m: DomainModule) => readonly T[] | undefined, keyOf: (item: T) => string): () => ReadonlyMap<string, T> {
  return once(() => {
    const out = new Map<string, T>();
    for (const m of registeredModules()) {
      for (const item of pick(m) ?? []) {
        const key = keyOf(item);
        if (out.has(key)) throw new Error(`${what} "${key}" is declared by two modules (the second is "${m.key}").`);
        out.set(key, item);
      }
    }
    return out;
  });
}

/** Permission resource → CASL subject, over every module. */
export const permissionResources = unionByKey<string>('Permission resource', (m) => m.resources);
export const fieldGroups = unionByKey<FieldGroup>('Field group', (m) => m.fieldGroups);
/** Message code → its French and English texts, over every module (a code declared twice is refused). */
export const messageCatalogue: () => Readonly<Catalogue> = unionByKey<Entry>('Message code', (m) => m.messages);
const businessLabels = unionByKey<BusinessLabelResolver>('Business label of process', (m) => m.businessLabels);
const activities = unionList<ActivityDefinition>('Activity', (m) => m.activities, (a) => a.name);
const forms = unionList<FormDefinition>('Form', (m) => m.forms, (f) => f.key);
const bulkActions = unionList<BulkActionDefinition>('Bulk action', (m) => m.bulkActions, (a) => a.key);
const records = unionList<RecordKind>('Record kind', (m) => m.records, (r) => r.resource.key);

/** Every activity a service task may call, by name (the modeler's palette, the compiler and the linter read this). */
export function activityCatalogue(): ActivityDefinition[] {
  return [...activities().values()];
}

export function findActivity(name: string): ActivityDefinition | undefined {
  return activities().get(name);
}

/** How a process's instances are labelled for people, if its module says. */
export function findBusinessLabelResolver(processKey: string): BusinessLabelResolver | undefined {
  return businessLabels()[processKey];
}

/** Every registered task form. */
export function formCatalogue(): FormDefinition[] {
  return [...forms().values()];
}

export function findForm(key: string): FormDefinition | undefined {
  return forms().get(key);
}

/** A bulk action by its key (`telecom.change-plan`), over every module (docs/adr/0043). */
export function findBulkAction(key: string): BulkActionDefinition | undefined {
  return bulkActions().get(key);
}

/** Every kind of record, core kinds first. */
export function recordKinds(): RecordKind[] {
  return [...records().values()];
}

/** The CASL subjects whose records name their assigned people in an array (OwnershipSpec.assignees, ADR 0033). */
const assigneeSubjects = once(() => new Set<string>(recordKinds().filter((k) => k.resource.ownership?.assignees).map((k) => k.resource.subject)));
export function hasAssignees(subject: string): boolean {
  return assigneeSubjects().has(subject);
}

/** The kinds of records a tenant has (core kinds and those of its verticals). */
export function recordKindsOf(verticals: readonly string[]): RecordKind[] {
  return modulesOf(verticals).flatMap((m) => m.records ?? []);
}

/** Each module's personal-data declaration (docs/adr/0022), core contexts first; modules without one are left out. */
export function personalDataDeclarations(): Array<{ module: string; kind: DomainModule['kind']; declaration: NonNullable<DomainModule['personalData']> }> {
  return registeredModules().filter((m) => m.personalData).map((m) => ({ module: m.key, kind: m.kind, declaration: m.personalData! }));
}

/** The roles a module declares, with the module that declares them. */
export function rolesOf(verticals: readonly string[]): ModuleRole[] {
  return modulesOf(verticals).flatMap((m) => m.roles ?? []);
}
