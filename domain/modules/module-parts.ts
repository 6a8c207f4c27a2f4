import type { Grant } from '../identity/ability';
import type { DomainModule, ModuleRole } from './vertical-module';

/**
 * One area of a vertical (telecom's hierarchy, school's registry…): what it adds to the module's manifest.
 * The vertical's `<v>.module.ts` merges its parts (`mergeModuleParts`), so each area owns its own file.
 */
export interface ModulePart<RoleKey extends string = string> extends Pick<DomainModule, 'resources' | 'fieldGroups' | 'records' | 'forms' | 'activities' | 'processes' | 'businessLabels' | 'messages' | 'plannables' | 'personalData' | 'seedDemo' | 'bulkActions' | 'mailVariant' | 'consentPurposes' | 'consentSubjectsFor'> {
  /** The grants this area gives each role, added to the role's starting grants. */
  grants?: Partial<Record<RoleKey, Grant[]>>;
}

/** The parts' contributions as one manifest fragment, and the grants they give a role. */
export type MergedModuleParts<RoleKey extends string = string> = Omit<ModulePart<RoleKey>, 'grants'> & { grantsOf(role: RoleKey): Grant[] };

type PersonalData = NonNullable<DomainModule['personalData']>;

/** Two maps as one, a key both hold as lists holding both lists (subject links by kind). */
function mergeMaps(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const current = merged[key];
    merged[key] = Array.isArray(current) && Array.isArray(value) ? [...current, ...value] : value;
  }
  return merged;
}

/** Every part's personal-data declaration as one: lists concatenated, maps merged (their lists too). */
function mergePersonalData(list: PersonalData[]): PersonalData | undefined {
  if (!list.length) return undefined;
  const merged: Record<string, unknown> = {};
  for (const item of list) {
    for (const [key, value] of Object.entries(item)) {
      const current = merged[key];
      if (Array.isArray(value)) merged[key] = [...((current as unknown[]) ?? []), ...value];
      else if (value && typeof value === 'object') merged[key] = mergeMaps((current ?? {}) as Record<string, unknown>, value as Record<string, unknown>);
      else merged[key] = value;
    }
  }
  return merged as PersonalData;
}

/** The parts' contributions as one manifest fragment (demo seeds run in the parts' order). */
export function mergeModuleParts<RoleKey extends string>(parts: readonly ModulePart<RoleKey>[]): MergedModuleParts<RoleKey> {
  const seeds = parts.map((p) => p.seedDemo).filter((s): s is NonNullable<DomainModule['seedDemo']> => Boolean(s));
  const personalData = mergePersonalData(parts.map((p) => p.personalData).filter((d): d is PersonalData => Boolean(d)));
  const mailVariant = parts.find((p) => p.mailVariant)?.mailVariant;
  const consentPurposes = parts.flatMap((p) => p.consentPurposes ?? []);
  const subjectResolvers = parts.map((p) => p.consentSubjectsFor).filter((r): r is NonNullable<DomainModule['consentSubjectsFor']> => Boolean(r));
  return {
    resources: Object.assign({}, ...parts.map((p) => p.resources ?? {})),
    fieldGroups: Object.assign({}, ...parts.map((p) => p.fieldGroups ?? {})),
    records: parts.flatMap((p) => p.records ?? []),
    forms: parts.flatMap((p) => p.forms ?? []),
    activities: parts.flatMap((p) => p.activities ?? []),
    processes: parts.flatMap((p) => p.processes ?? []),
    businessLabels: Object.assign({}, ...parts.map((p) => p.businessLabels ?? {})),
    messages: Object.assign({}, ...parts.map((p) => p.messages ?? {})),
    plannables: parts.flatMap((p) => p.plannables ?? []),
    bulkActions: parts.flatMap((p) => p.bulkActions ?? []),
    ...(consentPurposes.length ? { consentPurposes } : {}),
    ...(personalData ? { personalData } : {}),
    // One part answers the mail variant (telecom's brands, ADR 0048).
    ...(mailVariant ? { mailVariant } : {}),
    // Every part's consent subjects for a contact, together.
    ...(subjectResolvers.length ? { consentSubjectsFor: async (trx, contactId) => (await Promise.all(subjectResolvers.map((r) => r(trx, contactId)))).flat() } : {}),
    ...(seeds.length ? { seedDemo: async (admin, tenant) => { for (const seed of seeds) await seed(admin, tenant); } } : {}),
    grantsOf: (role) => parts.flatMap((p) => p.grants?.[role] ?? []),
  };
}

/** A starting role completed by the grants every part gives it. */
export function withPartGrants<RoleKey extends string>(grantsOf: (role: RoleKey) => Grant[]): (r: ModuleRole) => ModuleRole {
  return (r) => ({ ...r, grants: [...r.grants, ...grantsOf(r.key as RoleKey)] });
}
