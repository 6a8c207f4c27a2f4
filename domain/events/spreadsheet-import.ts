import type { Knex } from 'knex';
import { z } from 'zod';
import { ForbiddenError, ValidationError } from '../errors';
import { appendHistory, diffRecords } from '../core/history';
import { nextNumber } from '../core/tenant-counter';
import type { RequestContext } from '../core/record-service';
import { scopeOf } from '../identity/ability';
import { audit } from '../identity/audit-log';
import { clientCreate } from './client.schema';
import { contractCreate } from './contract.schema';
import { eventCreate } from './event.schema';
import { addProblem, normaliseName, type ImportRow } from './legacy-sheet-fields';
import { withSupport, type EventDraft, type ParsedSheet } from './legacy-sheet-parser';
import { checkXlsxUpload, readEventWorkbook, type UploadedFile } from './legacy-workbook';

/**
 * Import of Epic Events' legacy event spreadsheet (spec 001, "Les
 * événements"), the writing side: the parsed sheets (legacy-sheet-parser.ts,
 * read by legacy-workbook.ts) become clients, signed contracts and events in
 * the caller's tenant transaction. A migration that rejects nothing
 * silently: every row is reported (mapped, warning or error), a sheet with an
 * error is written not at all, and an event whose number already exists is
 * skipped, so importing the file again is harmless.
 */

// ---------------------------------------------------------------- the report

export interface CreatedRef {
  /** Absent on a dry run: nothing was kept. */
  id?: string;
  number: number;
  name?: string;
}

export interface SheetReport {
  sheet: string;
  title: string | null;
  status: 'created' | 'skipped' | 'rejected';
  eventId?: string;
  eventNumber?: number;
  rows: ImportRow[];
  created: { client?: CreatedRef; contract?: CreatedRef; event?: CreatedRef };
  messages: string[];
}

export interface ImportTotals {
  sheets: number;
  created: number;
  skipped: number;
  rejected: number;
  clientsCreated: number;
  contractsCreated: number;
  warnings: number;
  errors: number;
}

export interface ImportReport {
  filename: string | null;
  /** True when nothing was written: the report says what an import would do. */
  dryRun: boolean;
  sheets: SheetReport[];
  totals: ImportTotals;
}

// ---------------------------------------------------------------- writing

/** Only a department that may edit every event (management) runs the migration. */
export function assertMayImport(ctx: RequestContext): void {
  if (!ctx.ability.can('update', 'Event') || scopeOf(ctx.ability, 'update', 'Event') !== null) {
    throw new ForbiddenError('Importing the events spreadsheet is for the management department: it needs the permission events.event.update on every event.');
  }
}

/** Keeps a per-tenant counter at or above a number written explicitly, so the next number given out is new. */
export async function keepCounterAhead(trx: Knex.Transaction, tenantId: string, name: string, value: number): Promise<void> {
  await trx.raw(
    `insert into tenant_counters (tenant_id, name, value) values (?, ?, ?)
     on conflict (tenant_id, name) do update set value = greatest(tenant_counters.value, excluded.value)`,
    [tenantId, name, value],
  );
}

/** A sheet that cannot be written: the reasons, on their rows. */
class SheetRejected extends Error {
  constructor(readonly problems: Array<{ row?: ImportRow; message: string }>) {
    super(problems.map((p) => p.message).join('; '));
  }
}
/** Thrown at the end of a dry run's sheet to roll its savepoint back. */
class DryRunRollback extends Error {}

interface SupportUser { id: string; displayName: string }

interface ImportOptions {
  filename?: string | null;
  dryRun?: boolean;
  ip?: string | null;
}

function emptyReport(parsed: ParsedSheet): SheetReport {
  return { sheet: parsed.sheet, title: parsed.title, status: 'rejected', rows: parsed.rows, created: {}, messages: [...parsed.messages] };
}

function isDatabaseError(err: unknown): err is { code: string; constraint?: string } {
  return typeof (err as { code?: unknown })?.code === 'string' && /^[0-9A-Z]{5}$/.test((err as { code: string }).code);
}

/**
 * Imports the legacy events spreadsheet in the caller's tenant transaction.
 * Each sheet is written in its own savepoint: a sheet that fails leaves
 * nothing behind and the others still import.
 */
export async function importEventsSpreadsheet(ctx: RequestContext, file: UploadedFile | undefined, options: ImportOptions = {}): Promise<ImportReport> {
  assertMayImport(ctx);
  checkXlsxUpload(file);
  const parsedSheets = await readEventWorkbook(file.buffer, file.originalname);
  const { trx, principal } = ctx;
  const filename = options.filename ?? file.originalname ?? null;
  const dryRun = options.dryRun === true;
  // Two imports at once in one organisation would race for the same numbers: one waits for the other.
  await trx.raw("select pg_advisory_xact_lock(hashtext('events-import:' || ?))", [principal.tenantId]);

  const supportUsers: SupportUser[] = await trx('users as u').join('userRoles as ur', 'ur.userId', 'u.id').join('roles as r', 'r.id', 'ur.roleId')
    .where({ 'u.active': true, 'r.key': 'support' }).distinct('u.id', 'u.displayName');
  const createdBySheet = new Map<number, string>();

  const sheets: SheetReport[] = [];
  for (const parsed of parsedSheets) {
    const report = emptyReport(parsed);
    sheets.push(report);
    if (!parsed.draft) {
      if (parsed.errors.length === 0) report.messages.push('The sheet cannot be imported.');
      continue;
    }
    const draft = parsed.draft;
    report.eventNumber = draft.eventNumber;
    const messages: string[] = [];
    const created: SheetReport['created'] = {};
    try {
      await trx.transaction(async (sp) => {
        const existing = await sp('event_events').where({ number: draft.eventNumber }).first('id');
        if (existing) {
          report.status = 'skipped';
          report.eventId = existing.id;
          const from = createdBySheet.get(draft.eventNumber);
          messages.push(from
            ? `Event #${draft.eventNumber} was already created from sheet "${from}" of this file: this sheet is skipped.`
            : `Event #${draft.eventNumber} already exists (imported before, or created in Relais): left as it is, nothing imported from this sheet.`);
          return;
        }
        const contractId = await contractFor(sp, ctx, parsed, draft, filename, messages, created);
        const support = matchSupport(supportUsers, draft.supportName);
        const supportRow = parsed.rowOf.supportContact;
        if (draft.supportName && support.kind !== 'one') {
          const message = support.kind === 'none'
            ? `no active support collaborator is named "${draft.supportName}": the event is created without support; management assigns one`
            : `${support.count} active support collaborators are named "${draft.supportName}": the event is created without support; management assigns the right one`;
          if (supportRow) addProblem(supportRow, 'warning', message);
          messages.push(`Support contact: ${message}.`);
        } else if (support.kind === 'one' && supportRow) {
          supportRow.message = `matched ${support.user.displayName}`;
        }
        const supportContactId = support.kind === 'one' ? support.user.id : null;
        const eventInput = { ...eventCreate.parse(withSupport({ ...draft.event, contractId }, supportContactId)), supportContactId };
        const [event] = await sp('event_events').insert({
          ...eventInput, number: draft.eventNumber, tenantId: principal.tenantId, createdBy: principal.userId,
        }).returning(['id', 'number']);
        await keepCounterAhead(sp, principal.tenantId, 'event', draft.eventNumber);
        await appendHistory(sp, principal.tenantId, {
          recordType: 'event', recordId: event.id, action: 'create', actorUserId: principal.userId, requestId: ctx.requestId,
          changes: { ...diffRecords(null, { number: draft.eventNumber, ...eventInput }), importedFrom: sourceOf(filename, parsed.sheet) },
        });
        created.event = { id: event.id, number: event.number, name: eventInput.name };
        report.eventId = event.id;
        report.status = 'created';
        messages.push(`Event #${event.number} "${eventInput.name}" created (${eventInput.startsAt} → ${eventInput.endsAt}).`);
        if (dryRun) throw new DryRunRollback();
      });
    } catch (err) {
      if (err instanceof DryRunRollback) {
        report.eventId = undefined;
        for (const ref of Object.values(created)) delete ref.id;
        messages.push('Dry run: nothing was written.');
      } else {
        const reasons = rejectionReasons(err);
        if (!reasons) throw err;
        report.status = 'rejected';
        report.eventId = undefined;
        report.messages.push(...messages, ...reasons, 'Nothing was written for this sheet.');
        continue;
      }
    }
    report.created = created;
    if (report.status === 'created' && !dryRun) createdBySheet.set(draft.eventNumber, parsed.sheet);
    report.messages.push(...messages);
  }

  const totals = totalsOf(sheets);
  await audit(trx, {
    tenantId: principal.tenantId, actorUserId: principal.userId, action: 'events.import', targetType: 'events-spreadsheet',
    targetId: filename ?? undefined, ip: options.ip ?? null,
    details: {
      requestId: ctx.requestId ?? null, filename, dryRun, totals,
      sheets: sheets.map((s) => ({ sheet: s.sheet, status: s.status, eventNumber: s.eventNumber ?? null })),
    },
  });
  return { filename, dryRun, sheets, totals };
}

/** Why a sheet's savepoint failed, as lines for the report; undefined for an unexpected error (a bug: answered 500). */
function rejectionReasons(err: unknown): string[] | undefined {
  if (err instanceof SheetRejected) {
    return err.problems.map((p) => {
      if (p.row) addProblem(p.row, 'error', p.message);
      return p.row ? `Row ${p.row.row} (${p.row.key}): ${p.message}` : p.message;
    });
  }
  if (err instanceof ValidationError) return err.problems.map((p) => `${p.field} ${p.message}`);
  // A schema the API tightened since the sheet was read: refused, naming the fields.
  if (err instanceof z.ZodError) return err.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`);
  if (isDatabaseError(err)) return [`The database refused this sheet (${err.code}${err.constraint ? `, ${err.constraint}` : ''}).`];
  return undefined;
}

function sourceOf(filename: string | null, sheet: string): { before: null; after: string } {
  return { before: null, after: `events spreadsheet${filename ? ` ${filename}` : ''}, sheet "${sheet}"` };
}

function totalsOf(sheets: SheetReport[]): ImportTotals {
  const rows = sheets.flatMap((s) => s.rows);
  return {
    sheets: sheets.length,
    created: sheets.filter((s) => s.status === 'created').length,
    skipped: sheets.filter((s) => s.status === 'skipped').length,
    rejected: sheets.filter((s) => s.status === 'rejected').length,
    clientsCreated: sheets.filter((s) => s.created.client).length,
    contractsCreated: sheets.filter((s) => s.created.contract).length,
    warnings: rows.filter((r) => r.outcome === 'warning').length,
    errors: rows.filter((r) => r.outcome === 'error').length,
  };
}

type SupportMatch = { kind: 'one'; user: SupportUser } | { kind: 'none' } | { kind: 'several'; count: number };

/** A support collaborator by display name, case and accents ignored ("alienor vichum" = "Aliénor Vichum"). */
export function matchSupport(users: SupportUser[], name: string | null): SupportMatch {
  if (!name) return { kind: 'none' };
  const wanted = normaliseName(name);
  const found = users.filter((u) => normaliseName(u.displayName) === wanted);
  if (found.length === 1) return { kind: 'one', user: found[0]! };
  return found.length === 0 ? { kind: 'none' } : { kind: 'several', count: found.length };
}

/** The signed contract the event belongs to: found by its number, or created (with its client) for the migration. */
async function contractFor(sp: Knex.Transaction, ctx: RequestContext, parsed: ParsedSheet, draft: EventDraft, filename: string | null, messages: string[], created: SheetReport['created']): Promise<string> {
  const { principal } = ctx;
  const contractRow = parsed.rowOf.contractNumber;
  const clientRow = parsed.rowOf.clientName;
  const existing = await sp('event_contracts as k').join('event_clients as c', 'c.id', 'k.clientId')
    .where('k.number', draft.contractNumber)
    .first('k.id', 'k.signed', 'c.id as clientId', 'c.number as clientNumber', 'c.fullName as clientName', 'c.email as clientEmail');
  if (existing) {
    const sameEmail = draft.client.email && existing.clientEmail && draft.client.email.toLowerCase() === String(existing.clientEmail).toLowerCase();
    if (!sameEmail && normaliseName(existing.clientName) !== normaliseName(draft.client.fullName)) {
      throw new SheetRejected([{ row: contractRow, message: `contract #${draft.contractNumber} belongs to client #${existing.clientNumber} "${existing.clientName}", not to "${draft.client.fullName}": check the contract number or the client` }]);
    }
    if (!existing.signed) {
      throw new SheetRejected([{ row: contractRow, message: `contract #${draft.contractNumber} is not signed: an event exists only for a signed contract; have it signed in Relais, then import again` }]);
    }
    if (contractRow) contractRow.message = `found contract #${draft.contractNumber} (signed)`;
    if (clientRow) clientRow.message = `client of contract #${draft.contractNumber}: #${existing.clientNumber} ${existing.clientName}`;
    return existing.id;
  }

  const clientId = await clientFor(sp, ctx, parsed, draft, filename, messages, created);
  const input = contractCreate.parse({ clientId, totalAmountCents: 0, amountDueCents: 0, notes: 'Imported from the spreadsheet: amounts to complete' });
  const [contract] = await sp('event_contracts').insert({
    ...input, amountDueCents: 0, number: draft.contractNumber, signed: true, signedAt: sp.fn.now(),
    tenantId: principal.tenantId, createdBy: principal.userId,
  }).returning(['id', 'number', 'signedAt']);
  await keepCounterAhead(sp, principal.tenantId, 'event-contract', draft.contractNumber);
  await appendHistory(sp, principal.tenantId, {
    recordType: 'event-contract', recordId: contract.id, action: 'create', actorUserId: principal.userId, requestId: ctx.requestId,
    changes: {
      ...diffRecords(null, { number: contract.number, ...input, amountDueCents: 0, signed: true, signedAt: new Date(contract.signedAt).toISOString() }),
      importedFrom: sourceOf(filename, parsed.sheet),
    },
  });
  created.contract = { id: contract.id, number: contract.number };
  if (contractRow) contractRow.message = `contract #${contract.number} created, signed, amounts 0: complete the amounts`;
  messages.push(`Contract #${contract.number} created for the migration: signed, total and amount due 0 (complete the amounts).`);
  return contract.id;
}

async function clientFor(sp: Knex.Transaction, ctx: RequestContext, parsed: ParsedSheet, draft: EventDraft, filename: string | null, messages: string[], created: SheetReport['created']): Promise<string> {
  const { principal } = ctx;
  const clientRow = parsed.rowOf.clientName;
  if (draft.client.email) {
    const byEmail = await sp('event_clients').whereRaw('lower(email) = lower(?)', [draft.client.email]).orderBy('number').first('id', 'number', 'fullName');
    if (byEmail) {
      if (clientRow) clientRow.message = `found client #${byEmail.number} ${byEmail.fullName} by email ${draft.client.email}`;
      messages.push(`Client #${byEmail.number} "${byEmail.fullName}" found by email; left as it is.`);
      return byEmail.id;
    }
  }
  const byName = await sp('event_clients').whereRaw('lower(btrim(full_name)) = lower(btrim(?))', [draft.client.fullName]).orderBy('number').select('id', 'number', 'fullName');
  if (byName.length > 1) {
    throw new SheetRejected([{ row: clientRow, message: `${byName.length} clients are named "${draft.client.fullName}" (#${byName.map((c) => c.number).join(', #')}): add the client's email to "Client contact" so the import can tell which one` }]);
  }
  if (byName.length === 1) {
    const found = byName[0]!;
    if (clientRow) clientRow.message = `found client #${found.number} ${found.fullName} by name`;
    messages.push(`Client #${found.number} "${found.fullName}" found by name; left as it is.`);
    return found.id;
  }
  const notes = [draft.client.notes, `Imported from the ${sourceOf(filename, parsed.sheet).after}.`].filter(Boolean).join('\n');
  const input = clientCreate.parse({ fullName: draft.client.fullName, email: draft.client.email, phone: draft.client.phone, notes, salesContactId: null });
  const number = await nextNumber(sp, principal.tenantId, 'event-client');
  const [client] = await sp('event_clients').insert({ ...input, number, tenantId: principal.tenantId, createdBy: principal.userId }).returning(['id', 'number']);
  await appendHistory(sp, principal.tenantId, {
    recordType: 'event-client', recordId: client.id, action: 'create', actorUserId: principal.userId, requestId: ctx.requestId,
    changes: { ...diffRecords(null, { number, ...input }), importedFrom: sourceOf(filename, parsed.sheet) },
  });
  created.client = { id: client.id, number: client.number, name: input.fullName };
  if (clientRow) clientRow.message = `client #${client.number} created, no sales contact: assign one`;
  messages.push(`Client #${client.number} "${input.fullName}" created, no sales contact: assign one.`);
  return client.id;
}
