import type { Knex } from 'knex';
import { scopeOf, type AppAbility } from '../identity/ability';
import type { SubjectName } from '../identity/permission-catalogue';
import type { Labels } from '../modules/vertical-module';
import { modulesOf } from '../modules/registry';

/** A record waiting to be planned (an open ticket, an audit mission, a field job), as the agenda's side list shows it. */
export interface PlannableItem {
  recordType: string;
  recordId: string;
  /** What the intervention will be called (« #1042 Imprimante en panne »). */
  title: string;
  subtitle: string | null;
  accountId: string | null;
  accountName: string | null;
  siteId: string | null;
  /** low, normal, high, critical, when the record has one (the list shows it first). */
  priority: string | null;
  /** A first duration for the intervention dropped on the agenda. */
  suggestedMinutes: number;
}

/**
 * The « records to plan » extension point: a vertical registers where its plannable records come from
 * (`DomainModule.plannables`); the planning context, which names no vertical, lists them for the
 * organisation's verticals and the reader's permissions (GET /api/v1/planning/to-plan).
 */
export interface PlannableSource {
  recordType: string;
  label: Labels;
  /** The permission (`<resource>.read`) the reader needs to see these records. */
  subject: string;
  /** Up to `limit` records without a live entry planning them, for a team (its records) or all; read in the tenant's transaction. */
  list(trx: Knex.Transaction, query: { teamId: string | null; q: string | null; limit: number }): Promise<PlannableItem[]>;
}

/**
 * The records waiting to be planned, over the organisation's verticals' sources the reader may read in
 * full: a source lists its records without the reader's row scope, so a reader limited to some rows
 * (a client user's own company, assigned records) gets none of them rather than everyone's.
 */
export async function recordsToPlan(trx: Knex.Transaction, ability: AppAbility, query: { teamId: string | null; q: string | null; limit: number }): Promise<Array<PlannableItem & { source: Labels }>> {
  const tenant = await trx('tenants').first('verticals');
  const sources = modulesOf((tenant?.verticals as string[] | undefined) ?? []).flatMap((mod) => mod.plannables ?? [])
    .filter((s) => ability.can('read', s.subject) && scopeOf(ability, 'read', s.subject as SubjectName) === null);
  const lists = await Promise.all(sources.map(async (s) => (await s.list(trx, query)).map((item) => ({ ...item, source: s.label }))));
  return lists.flat().slice(0, query.limit);
}
