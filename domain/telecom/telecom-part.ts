import type { DomainModule } from '../modules/vertical-module';
import type { Grant } from '../identity/ability';

/** The telecom roles (spec 002 §10.2), whose grants each part completes. */
export type TelecomRoleKey = 'direction' | 'manager' | 'support-n1' | 'support-n2' | 'sales' | 'accounting' | 'client' | 'partner';

/**
 * One area of the telecom vertical (hierarchy, integrations, bulk, deployments, control, brands): what it adds to
 * the module's manifest. `telecom.module.ts` merges the parts, so each area owns its own file.
 */
export interface TelecomPart extends Pick<DomainModule, 'resources' | 'fieldGroups' | 'records' | 'forms' | 'activities' | 'processes' | 'businessLabels' | 'messages' | 'plannables' | 'personalData' | 'seedDemo' | 'bulkActions' | 'mailVariant'> {
  /** The grants this area gives each role, added to the role's starting grants. */
  grants?: Partial<Record<TelecomRoleKey, Grant[]>>;
}

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
export function mergeTelecomParts(parts: readonly TelecomPart[]): Omit<TelecomPart, 'grants'> & { grantsOf(role: TelecomRoleKey): Grant[] } {
  const seeds = parts.map((p) => p.seedDemo).filter((s): s is NonNullable<DomainModule['seedDemo']> => Boolean(s));
  const personalData = mergePersonalData(parts.map((p) => p.personalData).filter((d): d is PersonalData => Boolean(d)));
  const mailVariant = parts.find((p) => p.mailVariant)?.mailVariant;
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
    ...(personalData ? { personalData } : {}),
    // One part answers the mail variant (brands, ADR 0048).
    ...(mailVariant ? { mailVariant } : {}),
    ...(seeds.length ? { seedDemo: async (admin, tenant) => { for (const seed of seeds) await seed(admin, tenant); } } : {}),
    grantsOf: (role) => parts.flatMap((p) => p.grants?.[role] ?? []),
  };
}
