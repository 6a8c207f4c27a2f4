import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { defaultSecretBox, type SecretBox } from '../core/secret-box';
import { anonymiseTable, declaredTables, deleteRows, type AnonymiseOutcome } from '../gdpr/anonymiser';
import type { PseudonymKey } from '../gdpr/operators';
import { addDays, daysOnSite, dayInParis, monthOf, sectorOf } from './anonymisation-rules';
import { anonymisationSettings } from './anonymisation-settings';

/**
 * The mission's anonymisation (issue 16, docs/adr/0039-audit-anonymisation.md), the one write path the
 * process's task calls, in one transaction under the organisation's row-level security:
 * 1. its statistics row (scopes, sector, town and département, month, counts; no identity), once;
 * 2. every table of the vertical hanging off the mission (by `mission_id`, or `report_id` of its report)
 *    through the GDPR anonymiser with the operators each area declares (audits.personal-data.ts): addresses
 *    to their town, identities pseudonymised, free texts and the assistant's prompts and answers erased,
 *    the report versions' frozen snapshots emptied; the hardware inventory deleted (removed from the sites);
 *    the delivery mail erased; their history entries and files followed;
 * 3. the pseudonyms' key is the mission's own, random: it and the values replaced are sealed (secret box)
 *    into `audit_anonymisation_keys` until `destroy_on`, the escrow the process's timer destroys;
 * 4. the mission « Anonymisée » (`anonymised_at`).
 * Idempotent: an anonymised mission answers what was done and changes nothing.
 */
const DELETED_TABLES = new Set(['audit_inventory_items']);
/** Tables of the process itself: not the mission's data (the statistics stay; the escrow is destroyed by its timer). */
const OWN_TABLES = new Set(['audit_missions', 'audit_anonymisation_keys', 'audit_mission_statistics', 'audit_anonymisation_settings']);

export interface MissionAnonymisation {
  anonymised: boolean;
  rows: Record<string, number>;
  /** Storage keys of files whose content the caller erases once the transaction committed. */
  files: string[];
  keyDestroyOn: string;
}

const escrowContext = (tenantId: string, missionId: string) => `audits-escrow:${tenantId}:${missionId}`;

async function exists(trx: Knex.Transaction, table: string): Promise<boolean> {
  const { rows } = await trx.raw<{ rows: Array<{ t: string | null }> }>('select to_regclass(?)::text as t', [table]);
  return Boolean(rows[0]?.t);
}

async function columnsOf(trx: Knex.Transaction, table: string): Promise<Set<string>> {
  const { rows } = await trx.raw<{ rows: Array<{ c: string }> }>('select column_name as c from information_schema.columns where table_schema = current_schema() and table_name = ?', [table]);
  return new Set(rows.map((r) => r.c));
}

/** The ids of a table's rows about the mission: by `mission_id`, or by `report_id` of the mission's reports. */
async function missionRowIds(trx: Knex.Transaction, table: string, missionId: string): Promise<string[] | null> {
  const columns = await columnsOf(trx, table);
  if (!columns.has('id')) return null;
  if (columns.has('mission_id')) return (await trx.raw<{ rows: Array<{ id: string }> }>(`select id::text from "${table}" where mission_id = ?`, [missionId])).rows.map((r) => r.id);
  if (columns.has('report_id') && await exists(trx, 'audit_reports')) {
    return (await trx.raw<{ rows: Array<{ id: string }> }>(`select id::text from "${table}" where report_id in (select id from audit_reports where mission_id = ?)`, [missionId])).rows.map((r) => r.id);
  }
  return null;
}

/** The vertical's declared tables that hold rows about a mission (those the other areas add as they land). */
function missionTables(): string[] {
  return [...declaredTables().keys()].filter((t) => (t.startsWith('audit_') || t.startsWith('assistant_')) && !OWN_TABLES.has(t)).sort();
}

async function countBy(trx: Knex.Transaction, table: string, column: string, missionId: string): Promise<Record<string, number>> {
  if (!await exists(trx, table) || !(await columnsOf(trx, table)).has(column)) return {};
  const { rows } = await trx.raw<{ rows: Array<{ k: string | null; n: number }> }>(`select ${column}::text as k, count(*)::int as n from "${table}" where mission_id = ? group by 1`, [missionId]);
  return Object.fromEntries(rows.map((r) => [r.k ?? 'none', r.n]));
}

/** The statistics row: what the firm may keep of the mission forever, nobody's identity in it. */
async function writeStatistics(trx: Knex.Transaction, tenantId: string, mission: Record<string, unknown>): Promise<void> {
  const missionId = String(mission.id);
  const sites: Array<{ city: string | null; postalCode: string | null; onSiteFrom: string | null; onSiteTo: string | null }> = await trx('auditMissionSites as ms')
    .join('sites as s', 's.id', 'ms.siteId').where('ms.missionId', missionId).orderBy('ms.createdAt')
    .select('s.city', 's.postalCode', trx.raw('ms.on_site_from::text as "onSiteFrom"'), trx.raw('ms.on_site_to::text as "onSiteTo"'));
  const account = await trx('accounts').where({ id: mission.accountId }).first('nafCode') as { nafCode?: string | null } | undefined;
  const first = sites[0];
  const postal = first?.postalCode?.replace(/\s+/g, '') ?? '';
  const day = String(mission.startsOn ?? '') || dayInParis((mission.deliveredAt as Date | null) ?? new Date());
  const inventory = await exists(trx, 'audit_inventory_items')
    ? Number((await trx('auditInventoryItems').where({ missionId }).count({ n: '*' }).first())?.n ?? 0) : 0;
  await trx('auditMissionStatistics').insert({
    tenantId, missionId, month: monthOf(day), scopes: mission.scopes ?? [], sector: sectorOf(account?.nafCode ?? null),
    town: first?.city ?? null, department: /^(\d{2}|2A|2B)/i.test(postal) ? (postal.startsWith('97') ? postal.slice(0, 3) : postal.slice(0, 2)).toUpperCase() : null,
    sites: sites.length, daysOnSite: daysOnSite(sites.map((s) => ({ from: s.onSiteFrom, to: s.onSiteTo }))),
    findingsBySeverity: JSON.stringify(await countBy(trx, 'audit_findings', 'severity', missionId)),
    checksByAnswer: JSON.stringify(await countBy(trx, 'audit_mission_checks', 'answer', missionId)),
    inventoryItems: inventory,
  }).onConflict(['tenantId', 'missionId']).ignore();
}

function add(rows: Record<string, number>, outcome: AnonymiseOutcome, table: string): void {
  if (outcome.rows) rows[table] = (rows[table] ?? 0) + outcome.rows;
  for (const [t, n] of Object.entries(outcome.followed)) rows[t] = (rows[t] ?? 0) + n;
}

const EMPTY_SHA256 = crypto.createHash('sha256').update(Buffer.alloc(0)).digest('hex');

/** The documents a table's rows attach (an upload's `document_id`): anonymised, emptied; their files' keys answered, erased once committed. */
async function followDocuments(trx: Knex.Transaction, request: Parameters<typeof anonymiseTable>[1], table: string, ids: readonly string[], rows: Record<string, number>): Promise<string[]> {
  if (!ids.length || !(await columnsOf(trx, table)).has('document_id')) return [];
  const documentIds = (await trx.raw<{ rows: Array<{ d: string }> }>(`select document_id::text as d from "${table}" where id = any(?::uuid[]) and document_id is not null`, [ids as string[]])).rows.map((r) => r.d);
  const documents: Array<{ id: string; storageKey: string }> = documentIds.length ? await trx('documents').whereIn('id', documentIds).select('id', 'storageKey') : [];
  if (!documents.length) return [];
  add(rows, await anonymiseTable(trx, { ...request, table: 'documents', ids: documents.map((d) => d.id) }), 'documents');
  await trx('documents').whereIn('id', documents.map((d) => d.id)).update({ sizeBytes: 0, sha256: EMPTY_SHA256 });
  return documents.map((d) => d.storageKey);
}

export async function anonymiseMission(
  trx: Knex.Transaction, tenantId: string, missionId: string,
  options: { now: Date; markAnonymised: (trx: Knex.Transaction, missionId: string) => Promise<void>; box?: SecretBox },
): Promise<MissionAnonymisation> {
  const mission = await trx('auditMissions').where({ id: missionId }).forUpdate().first() as Record<string, unknown> | undefined;
  if (!mission) throw new Error(`audit mission ${missionId} not found`);
  const done = await trx('auditAnonymisationKeys').where({ missionId }).first('destroyOn');
  if (mission.status === 'anonymised' && done) return { anonymised: false, rows: {}, files: [], keyDestroyOn: String(done.destroyOn) };

  await writeStatistics(trx, tenantId, mission);
  const secret = crypto.randomBytes(32);
  const key: PseudonymKey = { id: `m${missionId.slice(0, 8)}`, secret };
  const captured: Record<string, Array<{ id: string; values: Record<string, unknown> }>> = {};
  const request = {
    tenantId, reason: 'retention' as const, key: () => key, runId: null,
    capture: (table: string, rows: ReadonlyArray<{ id: string; values: Record<string, unknown> }>) => {
      const kept = rows.filter((r) => Object.keys(r.values).length);
      if (kept.length) (captured[table] ??= []).push(...kept);
    },
  };
  const rows: Record<string, number> = {};
  const files: string[] = [];
  for (const table of missionTables()) {
    if (!await exists(trx, table)) continue;
    const ids = await missionRowIds(trx, table, missionId);
    if (!ids?.length) continue;
    files.push(...await followDocuments(trx, { ...request, table, ids }, table, ids, rows));
    // Their history entries, whatever record type the area names them by (the anonymiser follows only record kinds it knows).
    const history = (await trx.raw<{ rows: Array<{ id: string }> }>('select id::text from history where record_id = any(?::uuid[])', [ids])).rows.map((r) => r.id);
    if (history.length) add(rows, await anonymiseTable(trx, { ...request, table: 'history', ids: history }), 'history');
    add(rows, DELETED_TABLES.has(table) ? await deleteRows(trx, { ...request, table, ids }) : await anonymiseTable(trx, { ...request, table, ids }), table);
  }
  const mails = (await trx('auditDeliveries').where({ missionId }).whereNotNull('messageId').select('messageId')).map((r: { messageId: string }) => String(r.messageId));
  if (mails.length) {
    add(rows, await anonymiseTable(trx, { ...request, table: 'messages', ids: mails.map(String) }), 'messages');
    const outbox = await trx('sandboxMailOutbox').whereIn('reference', mails.map(String)).pluck('id');
    if (outbox.length) add(rows, await anonymiseTable(trx, { ...request, table: 'sandbox_mail_outbox', ids: outbox.map(String) }), 'sandbox_mail_outbox');
  }
  add(rows, await anonymiseTable(trx, { ...request, table: 'audit_missions', ids: [missionId] }), 'audit_missions');

  const { keyEscrowDays } = await anonymisationSettings(trx);
  const keyDestroyOn = addDays(dayInParis(options.now), keyEscrowDays);
  const sealed = (options.box ?? defaultSecretBox()).seal(JSON.stringify({ key: { id: key.id, secret: secret.toString('base64') }, rows: captured }), escrowContext(tenantId, missionId));
  await trx('auditAnonymisationKeys').insert({ tenantId, missionId, escrow: sealed, destroyOn: keyDestroyOn }).onConflict(['tenantId', 'missionId']).ignore();
  await trx('auditMissions').where({ id: missionId }).whereNull('anonymisedAt').update({ anonymisedAt: options.now });
  await options.markAnonymised(trx, missionId);
  return { anonymised: true, rows, files, keyDestroyOn };
}

/** The escrow opened (a legal authority's demand, by the officer): the key and the values it replaced; null once destroyed. */
export async function openEscrow(trx: Knex.Transaction, tenantId: string, missionId: string, box: SecretBox = defaultSecretBox()): Promise<{ key: PseudonymKey; rows: Record<string, unknown> } | null> {
  const row = await trx('auditAnonymisationKeys').where({ missionId }).first('escrow');
  if (!row?.escrow) return null;
  const opened = JSON.parse(box.open(String(row.escrow), escrowContext(tenantId, missionId))) as { key: { id: string; secret: string }; rows: Record<string, unknown> };
  return { key: { id: opened.key.id, secret: Buffer.from(opened.key.secret, 'base64') }, rows: opened.rows };
}

/** The escrow destroyed on its day (the process's timer): the pseudonyms can no longer be linked back. Idempotent. */
export async function destroyEscrow(trx: Knex.Transaction, missionId: string, now: Date): Promise<{ destroyed: boolean }> {
  const changed = await trx('auditAnonymisationKeys').where({ missionId }).whereNull('destroyedAt').update({ escrow: null, destroyedAt: now });
  return { destroyed: changed > 0 };
}
