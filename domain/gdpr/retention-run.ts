import type { Knex } from 'knex';
import { COLUMN_NAMES } from '../../db/knexfile';
import { withTenant } from '../../db/tenant-scope';
import type { DocumentStorage } from '../../integrations/storage/storage.port';
import { anonymiseTable, deleteRows, eraseFiles, ident, type AnonymiseOutcome } from './anonymiser';
import type { PseudonymKey } from './operators';
import { derivedPseudonymKey } from './pseudonym-key';
import { expiresOn, retentionCutoff } from './retention-clock';
import { tenantRules, type TableRule } from './retention-rules';
import { locateSubject } from './subject-locator';
import { organisationSubjectPlan } from './subjects';
import type { DryRunView, RetentionRunView, RetentionTableCount } from './retention.schema';

/**
 * The retention run (issue 15, docs/adr/0026-retention.md), for one organisation and one day: per table
 * with a rule, the rows whose clock's day (Paris) is the duration ago or more, not done before, that no
 * legal hold keeps, are anonymised with their columns' operators (or deleted where declared), with what
 * follows from them; then the report. The clock is the row's own date: a row written back by a restore
 * keeps it, and expires on its day. A dry run counts the same rows and names a few, changing nothing.
 */
const CLOCK_DAY = (clock: string) => `timezone('Europe/Paris', (${clock})::timestamptz)::date`;
const BATCH = 500;

/**
 * The SQL of a table's expired rows: `id`, `clock_day`, and `held` when a hold keeps the row — a hold on the
 * activity or on the record, or a row of a person under a hold (`:subjectHeld`, found by `subjectHeldRows`).
 */
export function expiredRowsSql(rule: TableRule): string {
  return `
    select t.id, ${CLOCK_DAY(rule.clock)}::text as clock_day,
      (exists (select 1 from gdpr_legal_holds h
        where h.lifted_at is null and (h.until is null or h.until >= :today::date)
          and ((h.scope = 'activity' and h.activity_key = :activity)
            or (h.scope = 'record' and h.table_name = :table and h.record_id::text = t.id::text)))
        or t.id::text = any(:subjectHeld::text[])) as held
    from ${ident(rule.table)} as t
    where (${rule.scope ?? 'true'}) and (${rule.clock}) is not null and ${CLOCK_DAY(rule.clock)} <= :cutoff::date
      and not exists (select 1 from gdpr_anonymised_rows m where m.table_name = :table and m.row_id = t.id::text${rule.releases ? " and m.reason = 'retention'" : ''})`;
}

type Named = Record<string, string | number | string[]>;

/** A table's rows about the people under an active hold, found by the declarations' subject links (ADR 0023's locator). */
export type SubjectHeld = ReadonlyMap<string, readonly string[]>;

export async function subjectHeldRows(trx: Knex.Transaction, tenantId: string, today: string): Promise<SubjectHeld> {
  const holds = await trx('gdprLegalHolds').where({ scope: 'subject' }).whereNull('liftedAt')
    .where((q) => q.whereNull('until').orWhere('until', '>=', today)).select('subjectKind', 'subjectId');
  if (!holds.length) return new Map();
  const verticals = ((await trx('tenants').where({ id: tenantId }).first('verticals'))?.verticals as string[]) ?? [];
  const held = new Map<string, Set<string>>();
  for (const hold of holds) {
    const plan = organisationSubjectPlan(String(hold.subjectKind), verticals);
    const located = plan ? await locateSubject(trx, plan, String(hold.subjectId)) : undefined;
    for (const [table, rows] of located?.tables ?? []) {
      const ids = held.get(table) ?? new Set<string>();
      for (const row of rows) if (row.id !== undefined && row.id !== null) ids.add(String(row.id));
      held.set(table, ids);
    }
  }
  return new Map([...held].map(([table, ids]) => [table, [...ids]]));
}

async function counts(trx: Knex.Transaction, rule: TableRule, params: Named): Promise<{ expired: number; held: number }> {
  const sql = expiredRowsSql(rule);
  const row = (await trx.raw<{ rows: Array<{ expired: number; held: number }> }>(
    `select count(*) filter (where not held)::int as expired, count(*) filter (where held)::int as held from (${sql}) as c`, params,
  )).rows[0]!;
  return { expired: Number(row.expired), held: Number(row.held) };
}

async function expiredIds(trx: Knex.Transaction, rule: TableRule, params: Named, limit: number): Promise<Array<{ id: string; clock_day: string }>> {
  const sql = expiredRowsSql(rule);
  return (await trx.raw<{ rows: Array<{ id: string; clock_day: string }> }>(`select id::text as id, clock_day from (${sql}) as c where not held order by clock_day, id limit :limit`, { ...params, limit })
    .queryContext({ [COLUMN_NAMES]: true })).rows;
}

const paramsOf = (rule: TableRule, today: string, subjects: SubjectHeld): Named => ({
  today, cutoff: retentionCutoff(today, rule.duration), table: rule.table, activity: rule.activity, subjectHeld: [...(subjects.get(rule.table) ?? [])],
});

/** The next day a row of the table expires (rows not expired yet), or null. */
export async function nextExpiry(trx: Knex.Transaction, rule: TableRule, today: string): Promise<string | null> {
  const row = (await trx.raw<{ rows: Array<{ day: string | null }> }>(
    `select min(${CLOCK_DAY(rule.clock)})::text as day from ${ident(rule.table)} as t where (${rule.scope ?? 'true'}) and ${CLOCK_DAY(rule.clock)} > :cutoff::date`,
    { cutoff: retentionCutoff(today, rule.duration) },
  )).rows[0];
  return row?.day ? expiresOn(row.day, rule.duration) : null;
}

/** What a run would do today: counts per table and a few records by reference. */
export async function dryRun(trx: Knex.Transaction, tenantId: string, today: string, sample: number): Promise<DryRunView> {
  const tables = [];
  const subjects = await subjectHeldRows(trx, tenantId, today);
  for (const rule of await tenantRules(trx, tenantId, 'fr')) {
    const params = paramsOf(rule, today, subjects);
    const found = await counts(trx, rule, params);
    const rows = sample ? await expiredIds(trx, rule, params, sample) : [];
    tables.push({
      table: rule.table, activity: rule.activity, action: rule.action, ...found, followed: {},
      sample: rows.map((r) => ({ id: r.id, clockDay: r.clock_day, expiredOn: expiresOn(r.clock_day, rule.duration) })),
    });
  }
  return { today, tables };
}

export interface RunOptions {
  today: string;
  runId: string;
  storage?: DocumentStorage;
  /** The organisation's pseudonym key (derived from the platform's secret by default). */
  key?: (tenantId: string) => PseudonymKey;
}

function addFollowed(into: Record<string, number>, outcome: AnonymiseOutcome): void {
  for (const [table, n] of Object.entries(outcome.followed)) into[table] = (into[table] ?? 0) + n;
}

/** Applies one table's rule; answers its counts and the files to erase. */
async function applyRule(trx: Knex.Transaction, tenantId: string, rule: TableRule, options: RunOptions, subjects: SubjectHeld, dbToday: string): Promise<{ count: RetentionTableCount; files: string[] }> {
  // What the law kept is released on the database's day at the latest (it refuses an earlier release: migration 20261217000300).
  const params = paramsOf(rule, rule.releases && dbToday < options.today ? dbToday : options.today, subjects);
  const { held } = await counts(trx, rule, params);
  const count: RetentionTableCount = { table: rule.table, activity: rule.activity, action: rule.action, expired: 0, held, followed: {} };
  const files: string[] = [];
  const request = { tenantId, table: rule.table, reason: 'retention' as const, runId: options.runId, key: () => (options.key ?? derivedPseudonymKey)(tenantId) };
  for (;;) {
    const ids = (await expiredIds(trx, rule, params, BATCH)).map((r) => r.id);
    if (!ids.length) break;
    const outcome = rule.action === 'delete' ? await deleteRows(trx, { ...request, ids }) : await anonymiseTable(trx, { ...request, ids });
    count.expired += ids.length;
    addFollowed(count.followed, outcome);
    files.push(...outcome.files);
  }
  return { count, files };
}

function present(row: Record<string, unknown>): RetentionRunView {
  const tables = row.tables as RetentionTableCount[];
  return {
    id: String(row.id), runId: String(row.runId), today: String(row.today), tables,
    anonymised: Number(row.anonymised), deleted: Number(row.deleted), held: Number(row.held),
    startedAt: new Date(row.startedAt as string).toISOString(), finishedAt: row.finishedAt ? new Date(row.finishedAt as string).toISOString() : null,
  };
}

/**
 * One organisation's run for a day, in one transaction (row-level security: its rows only). A run id done
 * already answers its report again (a retried activity does not run twice); a new run finds nothing done
 * before (the rows are marked or gone). Files are erased once the rows' changes are committed.
 */
export async function runRetention(knex: Knex, tenantId: string, options: RunOptions): Promise<RetentionRunView> {
  const { report, files } = await withTenant({ tenantId }, async (trx) => {
    const done = await trx('gdprRetentionRuns').where({ runId: options.runId }).whereNotNull('finishedAt').first();
    if (done) return { report: present(done), files: [] as string[] };
    const tables: RetentionTableCount[] = [];
    const toErase: string[] = [];
    // The people under a hold are located once, before anything changes (anonymising would blur their addresses).
    const subjects = await subjectHeldRows(trx, tenantId, options.today);
    const dbToday = String((await trx.raw<{ rows: Array<{ day: string }> }>('select current_date::text as day')).rows[0]!.day);
    for (const rule of await tenantRules(trx, tenantId, 'fr')) {
      const { count, files: ruleFiles } = await applyRule(trx, tenantId, rule, options, subjects, dbToday);
      tables.push(count);
      toErase.push(...ruleFiles);
    }
    const sum = (pick: (c: RetentionTableCount) => number) => tables.reduce((n, c) => n + pick(c), 0);
    const [row] = await trx('gdprRetentionRuns').insert({
      tenantId, runId: options.runId, today: options.today, tables: JSON.stringify(tables),
      anonymised: sum((c) => (c.action === 'anonymise' ? c.expired : 0)), deleted: sum((c) => (c.action === 'delete' ? c.expired : 0)), held: sum((c) => c.held),
      finishedAt: trx.fn.now(),
    }).onConflict(['tenantId', 'runId']).merge().returning('*');
    return { report: present(row), files: toErase };
  }, knex);
  await eraseFiles(options.storage, files);
  return report;
}

/** The organisations a run goes through (every one: each has the gdpr context). */
export async function retentionTenants(knex: Knex): Promise<string[]> {
  const { rows } = await knex.raw<{ rows: Array<{ id: string }> }>('select id from gdpr_retention_tenants() as id');
  return rows.map((r) => r.id);
}

/** The latest runs' reports. */
export async function latestRuns(trx: Knex.Transaction, limit = 20): Promise<RetentionRunView[]> {
  return (await trx('gdprRetentionRuns').orderBy('startedAt', 'desc').limit(limit)).map(present);
}
