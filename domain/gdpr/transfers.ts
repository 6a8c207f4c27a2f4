import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { COLUMN_NAMES } from '../../db/knexfile';
import { ForbiddenError, NotFoundError, UnprocessableError, ruleViolation } from '../errors';
import type { RequestContext } from '../core/record-service';
import type { Locale } from '../i18n/messages';
import { audit } from '../identity/audit-log';
import { recordKindsOf } from '../modules/registry';
import { declaredTables, ident } from './anonymiser';
import { pseudonymise } from './operators';
import { declaredActivities } from './register';
import { transferArchive } from './transfer-archive';
import { recipientKey, recipientSlug, organisationTransferKey } from './transfer-key';
import { offeredColumns, planTransfer, transferColumns, transferRow, type TablePlan, type TransferProblem } from './transfer-plan';
import { transferMessage } from './transfers.messages';
import type {
  ReidentifyView, TransferChoicesView, TransferExportView, TransferInput, TransferPreviewView, TransferView,
} from './transfers.schema';

/**
 * Transfers to third parties (issue 15, spec 004 « l'envoi des données vers un tiers doit être anonymisé »,
 * docs/adr/0030-transfers.md): the data protection officer declares a recipient, a purpose, the register's
 * activity, the kinds of record and fields sent and the mode; every export runs the declared operators on the
 * organisation's rows (row-level security) and is recorded with its checksum. Nothing here is about one person.
 */
const MAX_ROWS = 50_000;

function mayUse(ctx: RequestContext, action: 'read' | 'create'): void {
  if (!ctx.ability.can(action, 'DataTransfer')) throw new ForbiddenError(transferMessage('gdpr.forbidden-transfer'));
}

async function verticalsOf(ctx: RequestContext): Promise<string[]> {
  return ((await ctx.trx('tenants').where({ id: ctx.principal.tenantId }).first('verticals'))?.verticals as string[]) ?? [];
}

/** The organisation's kinds of record whose table a module declares (what a transfer may send). */
function transferableTables(verticals: readonly string[], locale: Locale): Array<{ table: string; label: string }> {
  const declared = declaredTables();
  const seen = new Set<string>();
  return recordKindsOf(verticals).flatMap((k) => {
    const table = k.resource.table;
    if (seen.has(table) || !declared.has(table)) return [];
    seen.add(table);
    return [{ table, label: locale === 'fr' ? k.label.frPlural : k.label.enPlural }];
  });
}

export async function transferChoices(ctx: RequestContext, locale: Locale): Promise<TransferChoicesView> {
  mayUse(ctx, 'read');
  const verticals = await verticalsOf(ctx);
  const declared = declaredTables();
  const recipients = await ctx.trx('gdprTransfers').distinct('recipientName', 'recipientCountry').orderBy('recipientName');
  return {
    activities: declaredActivities(verticals, locale).map((a) => ({ key: a.key, name: a.name })),
    tables: transferableTables(verticals, locale).map(({ table, label }) => ({ table, label, columns: offeredColumns(declared.get(table)!) })),
    recipients: recipients.map((r) => ({ name: String(r.recipientName), country: String(r.recipientCountry) })),
  };
}

const PROBLEM_MESSAGES: Record<TransferProblem['code'], Parameters<typeof transferMessage>[0]> = {
  'unknown-column': 'gdpr.transfer-unknown-column', 'secret-column': 'gdpr.transfer-secret-column', sensitive: 'gdpr.transfer-sensitive',
  'not-sensitive': 'gdpr.transfer-not-sensitive', 'table-twice': 'gdpr.transfer-table-twice',
};

/** The plan of a transfer's input in the organisation, or the 422 naming what cannot be sent. */
function planned(input: Pick<TransferInput, 'mode' | 'tables' | 'sensitive'>, tables: ReadonlySet<string>): TablePlan[] {
  const unknown = input.tables.findIndex((t) => !tables.has(t.table));
  if (unknown >= 0) throw ruleViolation(`tables.${unknown}.table`, transferMessage('gdpr.transfer-unknown-table'));
  const { plan, problems } = planTransfer(input, declaredTables());
  if (problems.length) {
    const errors = problems.map((p) => ({ field: p.field, message: transferMessage(PROBLEM_MESSAGES[p.code]) }));
    throw new UnprocessableError(errors[0]!.message, { errors });
  }
  return plan;
}

function present(row: Record<string, unknown>, exports: TransferExportView[], activityName: string, plan: TablePlan[]): TransferView {
  return {
    id: String(row.id),
    recipient: { name: String(row.recipientName), country: String(row.recipientCountry), zone: row.recipientZone as TransferView['recipient']['zone'], safeguard: (row.recipientSafeguard as string | null) ?? null },
    purpose: String(row.purpose), activity: String(row.activityKey), activityName, mode: row.mode as TransferView['mode'],
    tables: row.tables as TransferView['tables'], sensitive: row.sensitive as TransferView['sensitive'],
    fields: plan.flatMap((t) => t.fields),
    createdBy: row.createdBy ? { id: String(row.createdBy), displayName: String(row.createdByName ?? '') } : null,
    createdAt: new Date(row.createdAt as string).toISOString(), exports, version: Number(row.version),
  };
}

const transferQuery = (trx: Knex.Transaction) => trx('gdprTransfers as t').leftJoin('users as u', 'u.id', 't.createdBy').select('t.*', 'u.displayName as createdByName');

async function exportsOf(trx: Knex.Transaction, ids: readonly string[]): Promise<Map<string, TransferExportView[]>> {
  const rows = ids.length ? await trx('gdprTransferExports as e').leftJoin('users as u', 'u.id', 'e.exportedBy').whereIn('e.transferId', ids as string[])
    .orderBy('e.exportedAt', 'desc').select('e.id', 'e.transferId', 'e.exportedAt', 'e.exportedBy', 'u.displayName', 'e.rows', 'e.sha256') : [];
  const out = new Map<string, TransferExportView[]>();
  for (const r of rows) {
    const list = out.get(String(r.transferId)) ?? [];
    list.push({
      id: String(r.id), exportedAt: new Date(r.exportedAt as string).toISOString(), rows: Number(r.rows), sha256: String(r.sha256),
      exportedBy: r.exportedBy ? { id: String(r.exportedBy), displayName: String(r.displayName ?? '') } : null,
    });
    out.set(String(r.transferId), list);
  }
  return out;
}

async function views(ctx: RequestContext, rows: Array<Record<string, unknown>>, locale: Locale): Promise<TransferView[]> {
  const verticals = await verticalsOf(ctx);
  const names = new Map(declaredActivities(verticals, locale).map((a) => [a.key, a.name]));
  const exports = await exportsOf(ctx.trx, rows.map((r) => String(r.id)));
  return rows.map((r) => {
    const { plan } = planTransfer({ mode: r.mode as TransferInput['mode'], tables: r.tables as TransferInput['tables'], sensitive: r.sensitive as TransferInput['sensitive'] }, declaredTables());
    return present(r, exports.get(String(r.id)) ?? [], names.get(String(r.activityKey)) ?? String(r.activityKey), plan);
  });
}

export async function listTransfers(ctx: RequestContext, locale: Locale): Promise<TransferView[]> {
  mayUse(ctx, 'read');
  return views(ctx, await transferQuery(ctx.trx).orderBy('t.createdAt', 'desc').limit(200), locale);
}

export async function readTransfer(ctx: RequestContext, id: string, locale: Locale): Promise<TransferView> {
  mayUse(ctx, 'read');
  const row = await transferQuery(ctx.trx).where('t.id', id).first();
  if (!row) throw new NotFoundError(transferMessage('gdpr.unknown-transfer'));
  return (await views(ctx, [row], locale))[0]!;
}

/** Declares a transfer: its rules checked against the organisation's register and declarations; noted in the audit log. */
export async function declareTransfer(ctx: RequestContext, input: TransferInput, locale: Locale): Promise<TransferView> {
  mayUse(ctx, 'create');
  const verticals = await verticalsOf(ctx);
  if (!declaredActivities(verticals, 'fr').some((a) => a.key === input.activity)) throw ruleViolation('activity', transferMessage('gdpr.transfer-unknown-activity'));
  if (input.recipient.zone === 'third-country' && !input.recipient.safeguard) throw ruleViolation('recipient.safeguard', transferMessage('gdpr.transfer-safeguard-needed'));
  planned(input, new Set(transferableTables(verticals, 'fr').map((t) => t.table)));
  const [row] = await ctx.trx('gdprTransfers').insert({
    tenantId: ctx.principal.tenantId, recipientName: input.recipient.name, recipientCountry: input.recipient.country, recipientZone: input.recipient.zone,
    recipientSafeguard: input.recipient.zone === 'third-country' ? input.recipient.safeguard : null, purpose: input.purpose, activityKey: input.activity, mode: input.mode,
    tables: JSON.stringify(input.tables.map((t) => ({ table: t.table, columns: [...new Set(t.columns)] }))), sensitive: JSON.stringify(input.sensitive), createdBy: ctx.principal.userId,
  }).returning('id');
  await audit(ctx.trx, { tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: 'gdpr.transfer.declare', targetType: 'gdpr-transfer', targetId: String(row.id), details: { mode: input.mode } });
  return readTransfer(ctx, String(row.id), locale);
}

interface Produced { transfer: TransferView; tables: Array<{ table: string; columns: string[]; rows: Array<Record<string, unknown>>; total: number }> }

/** Reads the transfer's rows (the organisation's only) and treats them; `limit` for a preview. */
async function produce(ctx: RequestContext, id: string, locale: Locale, limit?: number): Promise<Produced> {
  const transfer = await readTransfer(ctx, id, locale);
  const plan = planned(transfer, new Set(transferableTables(await verticalsOf(ctx), 'fr').map((t) => t.table)));
  const key = transfer.mode === 'pseudonymise'
    ? recipientKey(await organisationTransferKey(ctx.trx, ctx.principal.tenantId), recipientSlug(transfer.recipient.name, transfer.recipient.country)) : undefined;
  const tables: Produced['tables'] = [];
  for (const t of plan) {
    const list = ['id', ...t.fields.map((f) => f.column)].map(ident).join(', ');
    const [{ n }] = (await ctx.trx.raw<{ rows: Array<{ n: number }> }>(`select count(*)::int as n from ${ident(t.table)}`)).rows as [{ n: number }];
    const found = await ctx.trx.raw<{ rows: Array<Record<string, unknown>> }>(`select ${list} from ${ident(t.table)} order by id limit ?`, [limit ?? MAX_ROWS])
      .queryContext({ [COLUMN_NAMES]: true });
    tables.push({ table: t.table, columns: transferColumns(t, transfer.mode), rows: found.rows.map((r) => transferRow(r, t, transfer.mode, key)), total: n });
  }
  return { transfer, tables };
}

export async function previewTransfer(ctx: RequestContext, id: string, rows: number, locale: Locale): Promise<TransferPreviewView> {
  return { tables: (await produce(ctx, id, locale, rows)).tables };
}

/** Exports a transfer: the archive (a zip: manifest, CSV and JSON per table), recorded with its checksum and in the audit log. */
export async function exportTransfer(ctx: RequestContext, id: string, locale: Locale, now: Date): Promise<{ archive: Buffer; exportId: string; transfer: TransferView }> {
  mayUse(ctx, 'create');
  const { transfer, tables } = await produce(ctx, id, locale);
  const archive = await transferArchive(transfer, tables, now);
  const sha256 = crypto.createHash('sha256').update(archive).digest('hex');
  const rows = tables.reduce((n, t) => n + t.rows.length, 0);
  const [row] = await ctx.trx('gdprTransferExports').insert({
    tenantId: ctx.principal.tenantId, transferId: id, exportedBy: ctx.principal.userId, exportedAt: now, rows, sha256, fields: JSON.stringify(transfer.fields),
  }).returning('id');
  await audit(ctx.trx, { tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: 'gdpr.transfer.export', targetType: 'gdpr-transfer', targetId: id, details: { rows, sha256 } });
  return { archive, exportId: String(row.id), transfer };
}

/**
 * Re-identifies a pseudonym of a transfer (the officer only, holding the key): finds the record (or the link)
 * of the transfer's tables it stands for (`match: null` when none). Found or not, it is noted in the audit log.
 */
export async function reidentify(ctx: RequestContext, id: string, pseudonym: string, locale: Locale): Promise<ReidentifyView> {
  if (!ctx.ability.can('read', 'TransferKey')) throw new ForbiddenError(transferMessage('gdpr.forbidden-reidentify'));
  const transfer = await readTransfer(ctx, id, locale);
  const log = (found: ReidentifyView['match']) => audit(ctx.trx, {
    tenantId: ctx.principal.tenantId, actorUserId: ctx.principal.userId, action: 'gdpr.transfer.reidentify', targetType: 'gdpr-transfer', targetId: id,
    details: { pseudonym, found: found ? { table: found.table, column: found.column, recordId: found.recordId } : null },
  });
  if (transfer.mode === 'anonymise') {
    await log(null);
    throw ruleViolation('pseudonym', transferMessage('gdpr.pseudonym-anonymised'));
  }
  const key = recipientKey(await organisationTransferKey(ctx.trx, ctx.principal.tenantId), recipientSlug(transfer.recipient.name, transfer.recipient.country));
  for (const t of transfer.tables) {
    const references = transfer.fields.filter((f) => f.table === t.table && f.nature === 'reference').map((f) => f.column);
    const found = await ctx.trx.raw<{ rows: Array<Record<string, unknown>> }>(`select ${['id', ...references].map(ident).join(', ')} from ${ident(t.table)} limit ?`, [MAX_ROWS])
      .queryContext({ [COLUMN_NAMES]: true });
    for (const row of found.rows) {
      for (const column of ['id', ...references]) {
        if (row[column] != null && pseudonymise(String(row[column]), key) === pseudonym) {
          const match = { table: t.table, column: column === 'id' ? 'ref' : column, recordId: String(row[column]) };
          await log(match);
          return { match };
        }
      }
    }
  }
  // Answered (not refused), so that the attempt stays in the audit log.
  await log(null);
  return { match: null };
}
