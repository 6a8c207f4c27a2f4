import type { Knex } from 'knex';
import { scopeOf, type AppAbility } from '../identity/ability';
import { findBusinessLabelResolver } from '../modules/registry';
import type { LabelledInstance } from '../modules/vertical-module';

/** What people read instead of ids: the process's title (its BPMN name) and the instance's business label. */
export interface HumanLabels {
  title: string;
  label: string;
}

export type Locale = 'fr' | 'en';

interface Labellable {
  processKey: string;
  businessKey: string;
  /** The definition version it runs; null picks the latest deployed one's name. */
  version: number | null;
  variables?: Record<string, unknown> | null;
}

/**
 * Titles and labels for a page of instances (or tasks): one query for the titles, one per
 * process with a registered resolver. A process without resolver, or a key the resolver
 * cannot label, is labelled by its business key; a title falls back to the process key.
 */
export async function labelAll(trx: Knex.Transaction, rows: readonly Labellable[], locale: Locale): Promise<HumanLabels[]> {
  if (!rows.length) return [];
  const titles = await processTitles(trx, rows);
  const byProcess = new Map<string, LabelledInstance[]>();
  for (const row of rows) {
    const list = byProcess.get(row.processKey) ?? [];
    list.push({ processKey: row.processKey, businessKey: row.businessKey, variables: row.variables ?? null });
    byProcess.set(row.processKey, list);
  }
  const labels = new Map<string, Map<string, string>>();
  for (const [processKey, instances] of byProcess) {
    const resolve = findBusinessLabelResolver(processKey);
    if (resolve) labels.set(processKey, await resolve(trx, dedupe(instances), locale));
  }
  return rows.map((row) => ({
    title: titles.get(`${row.processKey}@${row.version ?? 'latest'}`) ?? titles.get(`${row.processKey}@latest`) ?? row.processKey,
    label: labels.get(row.processKey)?.get(row.businessKey) ?? row.businessKey,
  }));
}

function dedupe(instances: LabelledInstance[]): LabelledInstance[] {
  const seen = new Map<string, LabelledInstance>();
  for (const i of instances) if (!seen.has(i.businessKey) || i.variables) seen.set(i.businessKey, i);
  return [...seen.values()];
}

/** `key@version` and `key@latest` → the definition's name (the BPMN process name), in one query. */
async function processTitles(trx: Knex.Transaction, rows: readonly Labellable[]): Promise<Map<string, string>> {
  const keys = [...new Set(rows.map((r) => r.processKey))];
  const found: Array<{ key: string; version: number; name: string | null; planName: string | null }> = await trx('processDefinitions')
    .whereIn('key', keys).where('status', 'deployed')
    .select('key', 'version', 'name', trx.raw(`plan->>'name' as "planName"`))
    .orderBy([{ column: 'key' }, { column: 'version', order: 'desc' }]);
  const titles = new Map<string, string>();
  for (const d of found) {
    const name = d.name?.trim() || d.planName?.trim();
    if (!name) continue;
    titles.set(`${d.key}@${d.version}`, name);
    if (!titles.has(`${d.key}@latest`)) titles.set(`${d.key}@latest`, name);
  }
  return titles;
}

/**
 * Display names of users, when the reader may name colleagues: they read the organisation's
 * users (identity.user.read) or they see every task (process owners, who hand work out).
 * An empty map otherwise: the UI then shows a neutral word.
 */
export async function userNames(trx: Knex.Transaction, ability: AppAbility, ids: ReadonlyArray<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string' && id.length > 0))];
  if (!wanted.length || !(ability.can('read', 'User') || scopeOf(ability, 'read', 'Task') === null)) return new Map();
  const rows: Array<{ id: string; displayName: string }> = await trx('users').whereIn('id', wanted).select('id', 'displayName');
  return new Map(rows.map((r) => [r.id, r.displayName]));
}
