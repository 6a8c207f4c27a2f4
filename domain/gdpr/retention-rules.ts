import type { Knex } from 'knex';
import type { Locale } from '../i18n/messages';
import { modulesOf, personalDataDeclarations } from '../modules/registry';
import { personalDataDeclaration, type ParsedPersonalData } from './personal-data';
import { registerEntryInput } from './register';
import { releasesKept } from './anonymiser-values';
import { parseIsoDuration, retentionCutoff } from './retention-clock';

const lasts = (duration: string) => { const d = parseIsoDuration(duration); return d !== null && d.years + d.months + d.days > 0; };
/** Whether a duration is shorter than another (compared from the same day). */
const shorter = (a: string, b: string) => retentionCutoff('2000-01-01', a) > retentionCutoff('2000-01-01', b);

/**
 * The retention rules of an organisation (issue 15, docs/adr/0026-retention.md): one per table its modules
 * declare a clock for, with its activity's retention as the register says it (the duration the data
 * protection officer set when they edited the entry, else the declared one).
 */
export interface TableRule {
  table: string;
  module: string;
  activity: string;
  activityName: string;
  duration: string;
  from: string;
  legalReference: string | null;
  clock: string;
  scope: string | null;
  action: 'anonymise' | 'delete';
  /** Its kept columns are released at the end (an invoice's buyer): rows an erasure did are taken again then. */
  releases: boolean;
}

/** What the register says of an activity's retention once edited. */
export type RetentionEdits = ReadonlyMap<string, { duration: string; from: string; legalReference: string | null; name: string }>;

/** The rules of the modules listed (pure: from the parsed declarations and the register's edits). */
export function rulesFrom(
  declarations: ReadonlyArray<{ module: string; parsed: ParsedPersonalData }>, moduleKeys: ReadonlySet<string>, edits: RetentionEdits, locale: Locale,
): TableRule[] {
  const activities = new Map(declarations.flatMap((d) => d.parsed.activities.map((a) => [a.key, a] as const)));
  const rules: TableRule[] = [];
  for (const { module, parsed } of declarations) {
    if (!moduleKeys.has(module)) continue;
    for (const [table, declared] of Object.entries(parsed.tables)) {
      if (!declared.retention) continue;
      const activity = activities.get(declared.activity);
      if (!activity) continue;
      const edited = edits.get(activity.key);
      const releases = releasesKept(declared.personal);
      // What the law keeps is kept at least its legal period: an edit may lengthen it, never shorten it.
      const editedDuration = edited && lasts(edited.duration) && !(releases && shorter(edited.duration, activity.retention.duration)) ? edited.duration : null;
      rules.push({
        table, module, activity: activity.key,
        activityName: edited?.name ?? activity.name[locale],
        // An edited duration of nothing (P0D) would erase the day's data: the declared one stays.
        duration: editedDuration ?? activity.retention.duration,
        from: edited?.from ?? activity.retention.from[locale],
        legalReference: edited ? edited.legalReference : activity.retention.legalReference ?? null,
        clock: declared.retention.clock, scope: declared.retention.scope ?? null, action: declared.retention.action,
        releases,
      });
    }
  }
  return rules.sort((a, b) => a.activity.localeCompare(b.activity) || a.table.localeCompare(b.table));
}

/** The organisation's rules, read within its transaction (row-level security). */
export async function tenantRules(trx: Knex.Transaction, tenantId: string, locale: Locale): Promise<TableRule[]> {
  const tenant = await trx('tenants').where({ id: tenantId }).first('verticals');
  const moduleKeys = new Set(modulesOf((tenant?.verticals as string[]) ?? []).map((m) => m.key));
  const edits = new Map<string, { duration: string; from: string; legalReference: string | null; name: string }>();
  for (const row of await trx('gdprRegisterEntries').select('activityKey', 'entry')) {
    const entry = registerEntryInput.safeParse(row.entry);
    if (entry.success) edits.set(String(row.activityKey), { ...entry.data.retention, name: entry.data.name });
  }
  const declarations = personalDataDeclarations().map((d) => ({ module: d.module, parsed: personalDataDeclaration.parse(d.declaration) }));
  return rulesFrom(declarations, moduleKeys, edits, locale);
}
