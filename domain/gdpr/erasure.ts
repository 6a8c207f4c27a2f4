import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { appendHistory } from '../core/history';
import { defaultSecretBox, type SecretBox } from '../core/secret-box';
import type { RequestContext } from '../core/record-service';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import type { DocumentStorage } from '../../integrations/storage/storage.port';
import { anonymiseTable, declaredTables, eraseFiles, ident, recordTypeOf } from './anonymiser';
import { exceptionText, frenchDay, retainedText, undoRefusal, undoUntilOf, type ErasureException, type ErasureRetained } from './erasure-rules';
import { erasureMessage } from './erasure.messages';
import { requestMessage } from './requests.messages';
import type { PseudonymKey } from './operators';
import { derivedPseudonymKey } from './pseudonym-key';
import { expiresOn, parisDay } from './retention-clock';
import { tenantRules } from './retention-rules';
import { locateSubject } from './subject-locator';
import { organisationSubjectPlan } from './subjects';
import { personalDataDeclarations } from '../modules/registry';
import { personalDataDeclaration, type ParsedPersonalData } from './personal-data';
import { organisationUndoDays } from './settings';

/**
 * Erasure of a person (GDPR art. 17; docs/adr/0027-erasure.md): every row the subject locator finds gets
 * its columns' declared operators through the anonymiser (with what follows: history, messages, documents
 * and their files), except columns kept by a legal obligation, which the report explains. Before anything
 * is written the values that change are sealed (secret box) in `gdpr_erasure_snapshots`, so the data
 * protection officer can undo until the window closes; then the snapshot is destroyed. A legal hold on the
 * person refuses the erasure. Done once per request: a second run answers the same report.
 */
type Row = Record<string, unknown>;
type Captured = Record<string, Record<string, Record<string, unknown>>>;

export interface ErasureReport {
  erasedAt: string;
  undoUntil: string;
  /** Rows anonymised (or found unchanged) per table. */
  tables: Array<{ table: string; rows: number }>;
  files: number;
  exceptions: ErasureException[];
  /** Rows left in append-only, hash-chained logs (the audit log), with why. */
  retained: ErasureRetained[];
}

export interface ErasureOptions {
  now: Date;
  /** The undo window in days; the organisation's setting (gdpr_settings) when left out. */
  undoDays?: number;
  box?: SecretBox;
  storage?: DocumentStorage;
  key?: (tenantId: string) => PseudonymKey;
}

/** Tables erasure leaves: an earlier erasure's sealed values (destroyed with their window). */
const LEFT = new Set(['gdpr_erasure_snapshots']);
const sealContext = (tenantId: string, requestId: string) => `${tenantId}/gdpr-erasure/${requestId}`;

async function heldBy(trx: Knex.Transaction, kind: string, id: string, rows: ReadonlyMap<string, Row[]>, today: string): Promise<Row | undefined> {
  const pairs = [...rows].flatMap(([table, list]) => list.filter((r) => r.id).map((r) => [table, String(r.id)]));
  return trx('gdprLegalHolds').whereNull('liftedAt').where((q) => q.whereNull('until').orWhere('until', '>=', today))
    .where((q) => {
      q.where({ scope: 'subject', subjectKind: kind }).whereRaw('subject_id::text = ?', [id]);
      if (pairs.length) q.orWhere((r) => r.where({ scope: 'record' }).whereRaw('(table_name, record_id::text) in (' + pairs.map(() => '(?, ?)').join(', ') + ')', pairs.flat()));
    }).first('reason', 'until');
}

/** The activities over every module, parsed once (name, legal basis, retention). */
function activities(): Map<string, ParsedPersonalData['activities'][number]> {
  return new Map(personalDataDeclarations().flatMap((d) => personalDataDeclaration.parse(d.declaration).activities.map((a) => [a.key, a] as const)));
}

/** A row's own date a legal retention runs from when its table declares no clock (an issued document's day). */
const DOCUMENT_DAY = ['issue_date', 'issued_at', 'created_at'];

/** The kept columns of the rows found that a legal obligation keeps, with their law and their end. */
async function exceptionsOf(trx: Knex.Transaction, tenantId: string, found: ReadonlyMap<string, Row[]>): Promise<ErasureException[]> {
  const rules = await tenantRules(trx, tenantId, 'fr');
  const declaredActivities = activities();
  const out: ErasureException[] = [];
  for (const [table, rows] of found) {
    const declared = declaredTables().get(table);
    const activity = declared && declaredActivities.get(declared.activity);
    if (!declared || !activity || activity.legalBasis !== 'legal-obligation') continue;
    const kept = Object.entries(declared.personal).filter(([, c]) => c.operator.kind === 'keep').map(([name]) => name);
    const holding = rows.filter((r) => kept.some((c) => r[c] !== null && r[c] !== undefined && r[c] !== ''));
    if (!kept.length || !holding.length) continue;
    const rule = rules.find((r) => r.table === table);
    const duration = rule?.duration ?? activity.retention.duration;
    const dayColumn = DOCUMENT_DAY.find((c) => holding[0]![c] !== undefined);
    const clock = rule?.clock ?? (dayColumn ? `t.${ident(dayColumn)}` : null);
    let until: string | null = null;
    if (clock) {
      const day = (await trx.raw<{ rows: Array<{ day: string | null }> }>(
        `select max(timezone('Europe/Paris', (${clock})::timestamptz)::date)::text as day from ${ident(table)} as t where t.id::text = any(?)`, [holding.map((r) => String(r.id))],
      )).rows[0]?.day;
      until = day ? expiresOn(day, duration) : null;
    }
    const base = {
      table, activity: activity.key, activityName: rule?.activityName ?? activity.name.fr, columns: kept.filter((c) => holding.some((r) => r[c] !== null && r[c] !== '')),
      rows: holding.length, legalReference: rule ? rule.legalReference : activity.retention.legalReference ?? null, until, from: rule?.from ?? activity.retention.from.fr,
    };
    out.push({ ...base, text: exceptionText(base) });
  }
  return out;
}

/**
 * Erases the person a verified erasure request is about, in the caller's transaction (row-level security: the
 * organisation's rows only); answers the report and the files to empty once the transaction committed.
 */
export async function eraseSubject(trx: Knex.Transaction, tenantId: string, request: Row, options: ErasureOptions): Promise<{ report: ErasureReport; files: string[] }> {
  if (request.kind !== 'erasure') throw new ConflictError(erasureMessage('gdpr.erasure.not-erasure'));
  const done = request.erasureReport as Partial<ErasureReport> | null;
  if (done?.erasedAt) {
    // Done before (a retried activity): the files still to empty are the snapshot's, if the window is open.
    const snapshot = await trx('gdprErasureSnapshots').where({ requestId: request.id }).first('sealed');
    const sealed = snapshot ? JSON.parse((options.box ?? defaultSecretBox()).open(String(snapshot.sealed), sealContext(tenantId, String(request.id)))) as { files: Record<string, string> } : { files: {} };
    return { report: done as ErasureReport, files: Object.keys(sealed.files) };
  }
  if (!request.identityVerifiedAt) throw new ConflictError(erasureMessage('gdpr.erasure.not-verified'));
  const tenant = await trx('tenants').where({ id: tenantId }).first('verticals');
  const plan = organisationSubjectPlan(String(request.subjectKind), (tenant?.verticals as string[]) ?? []);
  const located = plan ? await locateSubject(trx, plan, String(request.subjectId)) : undefined;
  const found = new Map([...(located?.tables ?? new Map<string, Row[]>())].filter(([table, rows]) => !LEFT.has(table) && declaredTables().has(table) && rows.some((r) => r.id !== undefined)));
  const hold = await heldBy(trx, String(request.subjectKind), String(request.subjectId), found, parisDay(options.now.getTime()));
  if (hold) throw new ConflictError(erasureMessage('gdpr.erasure.held', { reason: String(hold.reason), until: hold.until ? frenchDay(String(hold.until)) : '' }));

  // Tables the application only appends to and the anonymiser has no path for (the audit log: security, art. 32) are left, and said.
  const retained: ErasureRetained[] = [];
  const declaredActivities = activities();
  for (const table of [...found.keys()]) {
    if (table === 'history') continue;
    const { rows } = await trx.raw<{ rows: Array<{ ok: boolean }> }>("select has_any_column_privilege(current_user, ?, 'UPDATE') as ok", [table]);
    if (rows[0]?.ok) continue;
    const activity = declaredActivities.get(declaredTables().get(table)!.activity);
    const base = {
      table, rows: found.get(table)!.filter((r) => r.id !== undefined).length, chained: table === 'audit_log', activity: activity?.key ?? '', activityName: activity?.name.fr ?? table,
      duration: activity ? `${activity.retention.from.fr} (${activity.retention.duration})` : '', legalReference: activity?.retention.legalReference ?? null,
    };
    retained.push({ ...base, text: retainedText(base) });
    found.delete(table);
  }
  const exceptions = await exceptionsOf(trx, tenantId, found);
  const captured: Captured = {};
  const capture = (table: string, rows: ReadonlyArray<{ id: string; values: Record<string, unknown> }>) => {
    const into = (captured[table] ??= {});
    for (const row of rows) into[row.id] ??= row.values;
  };
  const files: string[] = [];
  const anonymise = { tenantId, reason: 'erasure' as const, runId: String(request.id), capture, key: () => (options.key ?? derivedPseudonymKey)(tenantId) };
  for (const [table, rows] of found) {
    const outcome = await anonymiseTable(trx, { ...anonymise, table, ids: rows.map((r) => String(r.id)) });
    files.push(...outcome.files);
  }
  const contents: Record<string, string> = {};
  for (const key of files) if (options.storage) contents[key] = (await options.storage.get(key).catch(() => Buffer.alloc(0))).toString('base64');

  const erasedAt = options.now;
  const undoUntil = undoUntilOf(erasedAt, options.undoDays ?? await organisationUndoDays(trx));
  const report: ErasureReport = {
    erasedAt: erasedAt.toISOString(), undoUntil: undoUntil.toISOString(), files: files.length, exceptions, retained,
    tables: Object.entries(captured).map(([table, rows]) => ({ table, rows: Object.keys(rows).length })).sort((a, b) => a.table.localeCompare(b.table)),
  };
  const sealed = (options.box ?? defaultSecretBox()).seal(JSON.stringify({ rows: captured, files: contents }), sealContext(tenantId, String(request.id)));
  await trx('gdprErasureSnapshots').insert({ tenantId, requestId: request.id, sealed, erasedAt, undoUntil });
  await trx('gdprRequests').where({ id: request.id }).update({ erasureReport: JSON.stringify(report), erasedAt, erasureUndoUntil: undoUntil });
  return { report, files };
}

/** Empties the erased documents' files, once the erasure committed. */
export const eraseErasedFiles = eraseFiles;

async function restoreRows(trx: Knex.Transaction, table: string, rows: Record<string, Record<string, unknown>>): Promise<number> {
  const changed = Object.entries(rows).filter(([, values]) => Object.keys(values).length);
  if (table === 'history') {
    if (!changed.length) return 0;
    const { rows: r } = await trx.raw<{ rows: Array<{ n: number }> }>('select gdpr_restore_history_changes(?::jsonb) as n', [JSON.stringify(changed.map(([id, v]) => ({ id: Number(id), changes: v.changes })))]);
    return Number(r[0]?.n ?? 0);
  }
  for (const [id, values] of changed) {
    const set = Object.keys(values).map((c) => `${ident(c)} = v.${ident(c)}`).join(', ');
    await trx.raw(`update ${ident(table)} as t set ${set} from jsonb_populate_record(null::${ident(table)}, ?::jsonb) as v where t.id::text = ?`, [JSON.stringify({ ...values, id }), id]);
  }
  return changed.length;
}

/**
 * Undoes an erasure within its window (the data protection officer): every value written back exactly, the
 * rows' marks removed (a later erasure would find them again), the documents' files restored, each record's
 * history noting the undo; the snapshot is then destroyed. Answers the files to restore after the commit.
 */
export async function undoErasure(ctx: RequestContext, requestId: string, now: Date, box: SecretBox = defaultSecretBox()): Promise<{ restored: Record<string, number>; files: Record<string, Buffer> }> {
  if (!ctx.ability.can('update', 'RightsRequest')) throw new ForbiddenError(erasureMessage('gdpr.erasure.forbidden'));
  const request = await ctx.trx('gdprRequests').where({ id: requestId }).forUpdate().first();
  if (!request) throw new NotFoundError(requestMessage('gdpr.request.not-found'));
  if (request.kind !== 'erasure') throw new ConflictError(erasureMessage('gdpr.erasure.not-erasure'));
  const snapshot = await ctx.trx('gdprErasureSnapshots').where({ requestId }).first();
  const undoUntil = request.erasureUndoUntil ? new Date(request.erasureUndoUntil) : null;
  const refusal = undoRefusal({ erasedAt: request.erasedAt ? new Date(request.erasedAt) : null, undoUntil, undoneAt: request.erasureUndoneAt ? new Date(request.erasureUndoneAt) : null, snapshot: Boolean(snapshot) }, now);
  if (refusal === 'window-closed') throw new ConflictError(erasureMessage('gdpr.erasure.window-closed', { until: frenchDay(parisDay(undoUntil!.getTime())) }));
  if (refusal) throw new ConflictError(erasureMessage(`gdpr.erasure.${refusal}`));
  const opened = JSON.parse(box.open(String(snapshot.sealed), sealContext(ctx.principal.tenantId, requestId))) as { rows: Captured; files: Record<string, string> };
  const restored: Record<string, number> = {};
  const actor = ctx.principal.userId ?? ctx.actorUserId ?? null;
  for (const [table, rows] of Object.entries(opened.rows)) {
    restored[table] = await restoreRows(ctx.trx, table, rows);
    await ctx.trx('gdprAnonymisedRows').where({ tableName: table, reason: 'erasure' }).whereIn('rowId', Object.keys(rows)).delete();
    const recordType = table === 'history' ? undefined : recordTypeOf(table);
    for (const id of recordType ? Object.keys(rows) : []) {
      await appendHistory(ctx.trx, ctx.principal.tenantId, { recordType: recordType!, recordId: id, action: 'update', actorUserId: actor, changes: { gdprErasure: { before: 'effacé', after: 'rétabli (annulation de l’effacement)' } } });
    }
  }
  for (const [key, b64] of Object.entries(opened.files)) {
    const content = Buffer.from(b64, 'base64');
    await ctx.trx('documents').where({ storageKey: key }).update({ sizeBytes: content.length, sha256: crypto.createHash('sha256').update(content).digest('hex') });
  }
  await ctx.trx('gdprErasureSnapshots').where({ requestId }).delete();
  await ctx.trx('gdprRequests').where({ id: requestId }).update({ erasureUndoneAt: now, erasureSnapshotDestroyedAt: now, version: Number(request.version) + 1, updatedAt: now });
  return { restored, files: Object.fromEntries(Object.entries(opened.files).map(([key, b64]) => [key, Buffer.from(b64, 'base64')])) };
}

/** Writes the restored files back, once the undo committed. */
export async function restoreFiles(storage: DocumentStorage | undefined, files: Record<string, Buffer>): Promise<void> {
  if (!storage) return;
  for (const [key, content] of Object.entries(files)) await storage.put(key, content);
}

/**
 * The window closed (the process's timer, armed for `firedFor`): the snapshot is destroyed, the erasure final.
 * Compares the request's end of window with the timer's instant, never with a clock; idempotent.
 */
export async function closeUndoWindow(trx: Knex.Transaction, requestId: string, firedFor: Date): Promise<{ destroyed: boolean }> {
  const request = await trx('gdprRequests').where({ id: requestId }).first('erasureUndoUntil');
  if (!request?.erasureUndoUntil || new Date(request.erasureUndoUntil).getTime() > firedFor.getTime()) return { destroyed: false };
  const n = await trx('gdprErasureSnapshots').where({ requestId }).delete();
  if (n) await trx('gdprRequests').where({ id: requestId }).update({ erasureSnapshotDestroyedAt: firedFor });
  return { destroyed: n > 0 };
}
