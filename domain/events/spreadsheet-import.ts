import { z } from 'zod';
import { DomainError, ForbiddenError, UnprocessableError, ValidationError, type FieldProblem } from '../errors';
import { importContext } from '../core/process-context';
import { createRecord, updateRecord, type RequestContext } from '../core/record-service';
import { audit } from '../identity/audit-log';
import { signContract } from './contract-actions';
import type { Text } from '../i18n/messages';
import { issueMessage } from '../i18n/zod-issues';
import { eventsMessage as m } from './events.messages';
import { addProblem, normaliseName, type ImportRow } from './legacy-sheet-fields';
import type { EventDraft, ParsedSheet } from './legacy-sheet-parser';
import { eventClients, eventContracts, eventEvents } from './resources';
import { checkXlsxUpload, readEventWorkbook, type UploadedFile } from './legacy-workbook';

/**
 * Import of Epic Events' legacy event spreadsheet (spec 001, "Les
 * événements"), the writing side: the parsed sheets (legacy-sheet-parser.ts,
 * read by legacy-workbook.ts) become clients, signed contracts and events in
 * the caller's tenant transaction, through the domain's actions (createRecord
 * with the resources' rules, signContract, updateRecord) in an import context
 * (importContext: the importing user with what the import right carries; the
 * legacy numbers kept; each history entry says which file and sheet a record
 * came from). A migration that rejects nothing silently: every row is reported (mapped, warning or error), a sheet with an
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
  /** Catalogue messages, written in the reader's language when answered. */
  messages: Text[];
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

/** The import right (events.module.ts grants it to management). */
export const IMPORT_RIGHT = 'events.import.create';
/**
 * What the import right carries, at its scope, beside the importer's own
 * grants: creating the clients, contracts and events a sheet describes, and
 * signing the contracts it creates (the legacy contracts are signed).
 * Assigning the support contact stays the importer's own right (events.event.update).
 */
const IMPORT_PERMISSIONS = ['events.client.create', 'events.contract.create', 'events.contract.update', 'events.event.create'];

/** The migration needs the import right (management). */
export function assertMayImport(ctx: RequestContext): void {
  if (!ctx.principal.grants.some((g) => g.permission === IMPORT_RIGHT)) {
    throw new ForbiddenError(m('events.forbidden-import', { permission: IMPORT_RIGHT }));
  }
}

/** A sheet that cannot be written: the reasons, on their rows. */
class SheetRejected extends Error {
  constructor(readonly problems: Array<{ row?: ImportRow; message: Text }>) {
    super(problems.map((p) => (typeof p.message === 'string' ? p.message : p.message.code)).join('; '));
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

/** One sheet being written: its import context (on the sheet's savepoint), what it parsed, and what the report says. */
interface SheetWrite {
  ctx: RequestContext;
  parsed: ParsedSheet;
  draft: EventDraft;
  messages: Text[];
  created: SheetReport['created'];
}

function emptyReport(parsed: ParsedSheet): SheetReport {
  return { sheet: parsed.sheet, title: parsed.title, status: 'rejected', rows: parsed.rows, created: {}, messages: [...parsed.messages] };
}

function isDatabaseError(err: unknown): err is { code: string; constraint?: string } {
  return typeof (err as { code?: unknown })?.code === 'string' && /^[0-9A-Z]{5}$/.test((err as { code: string }).code);
}

/**
 * Runs one of the domain's actions for a sheet. A refusal of the importer's
 * rights rejects the sheet with a French message on its row; a rule of the
 * action on `field` (`onRule`) becomes that row's reason.
 */
type ImportAction = { action: 'create-event' | 'set-support' | 'create-contract' | 'sign-contract' | 'create-client'; subject: string };

async function asImporter<T>(what: ImportAction, permission: string, row: ImportRow | undefined, action: () => Promise<T>, onRule?: { field: string; row: ImportRow | undefined; message: (rule: Text) => Text }): Promise<T> {
  try {
    return await action();
  } catch (err) {
    if (err instanceof ForbiddenError) {
      throw new SheetRejected([{ row, message: m('import.forbidden', { ...what, permission }) }]);
    }
    const problem = err instanceof UnprocessableError ? (err.extra.errors as FieldProblem[] | undefined)?.[0] : undefined;
    if (onRule && problem?.field === onRule.field) throw new SheetRejected([{ row: onRule.row, message: onRule.message(problem.message) }]);
    throw err;
  }
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
      if (parsed.errors.length === 0) report.messages.push(m('import.cannot-import'));
      continue;
    }
    const draft = parsed.draft;
    report.eventNumber = draft.eventNumber;
    const messages: Text[] = [];
    const created: SheetReport['created'] = {};
    try {
      await trx.transaction(async (sp) => {
        const existing = await sp('event_events').where({ number: draft.eventNumber }).first('id');
        if (existing) {
          report.status = 'skipped';
          report.eventId = existing.id;
          const from = createdBySheet.get(draft.eventNumber);
          messages.push(from
            ? m('import.event-from-other-sheet', { number: draft.eventNumber, sheet: from })
            : m('import.event-exists', { number: draft.eventNumber }));
          return;
        }
        const sheetCtx = importContext({ ...ctx, trx: sp }, IMPORT_RIGHT, IMPORT_PERMISSIONS, sourceOf(filename, parsed.sheet))!;
        const event = await writeEvent({ ctx: sheetCtx, parsed, draft, messages, created }, supportUsers);
        report.eventId = event.id;
        report.status = 'created';
        if (dryRun) throw new DryRunRollback();
      });
    } catch (err) {
      if (err instanceof DryRunRollback) {
        report.eventId = undefined;
        for (const ref of Object.values(created)) delete ref.id;
        messages.push(m('import.dry-run'));
      } else {
        const reasons = rejectionReasons(err);
        if (!reasons) throw err;
        report.status = 'rejected';
        report.eventId = undefined;
        report.messages.push(...messages, ...reasons, m('import.nothing-written'));
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

/** The sheet's event, created with its legacy number under its contract (found or created), then given the support collaborator named. */
async function writeEvent(w: SheetWrite, supportUsers: SupportUser[]): Promise<{ id: string; number: number }> {
  const { ctx, parsed, draft, messages, created } = w;
  const contractId = await contractFor(w);
  const support = matchSupport(supportUsers, draft.supportName);
  const supportRow = parsed.rowOf.supportContact;
  if (draft.supportName && support.kind !== 'one') {
    const message = m('import.support-unknown', { name: draft.supportName, count: support.kind === 'none' ? 0 : support.count });
    if (supportRow) addProblem(supportRow, 'warning', message);
    messages.push(m('import.support-contact', { message }));
  } else if (support.kind === 'one' && supportRow) {
    supportRow.message = m('import.support-matched', { name: support.user.displayName });
  }
  const input = eventEvents.createSchema.parse({ ...draft.event, contractId });
  const event = await asImporter({ action: 'create-event', subject: String(draft.eventNumber) }, 'events.event.create', parsed.rowOf.eventNumber, () => createRecord(ctx, eventEvents, input, { number: draft.eventNumber }), {
    // The event's rule (resources.ts): only under a signed contract.
    field: 'contractId', row: parsed.rowOf.contractNumber,
    message: (rule) => m('import.contract-rule', { number: draft.contractNumber, rule }),
  });
  if (support.kind === 'one') {
    await asImporter({ action: 'set-support', subject: String(draft.eventNumber) }, 'events.event.update', supportRow,
      () => updateRecord(ctx, eventEvents, event.id as string, event.version as number, { supportContactId: support.user.id }));
  }
  created.event = { id: event.id as string, number: event.number as number, name: input.name as string };
  messages.push(m('import.event-created', { number: event.number as number, name: String(input.name), startsAt: String(input.startsAt), endsAt: String(input.endsAt) }));
  return { id: event.id as string, number: event.number as number };
}

/** Why a sheet's savepoint failed, as lines for the report; undefined for an unexpected error (a bug: answered 500). */
function rejectionReasons(err: unknown): Text[] | undefined {
  if (err instanceof SheetRejected) {
    return err.problems.map((p) => {
      if (p.row) addProblem(p.row, 'error', p.message);
      return p.row ? m('import.on-row', { row: p.row.row, key: p.row.key, message: p.message }) : p.message;
    });
  }
  const fieldProblem = (p: FieldProblem) => m('import.field-problem', p);
  if (err instanceof ValidationError) return err.problems.map(fieldProblem);
  // A rule of an action the sheet does not meet (422), naming the field.
  if (err instanceof DomainError) return ((err.extra.errors as FieldProblem[] | undefined) ?? [{ field: 'record', message: err.detail }]).map(fieldProblem);
  // A schema the API tightened since the sheet was read: refused, naming the fields.
  if (err instanceof z.ZodError) return err.issues.map((i) => m('import.on-field', { field: i.path.join('.') || 'record', message: issueMessage(i) }));
  if (isDatabaseError(err)) return [m('import.database-refused', { code: err.code, constraint: err.constraint ?? null })];
  return undefined;
}

/**
 * Where a sheet's records come from, as their history and the client's notes say it. Stored
 * with the records, so written in French, the organisation's language (like the notes the
 * import adds: legacy-sheet-parser.ts).
 */
function sourceOf(filename: string | null, sheet: string): string {
  return `classeur des événements${filename ? ` ${filename}` : ''}, feuille « ${sheet} »`;
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

/** The contract the event belongs to: found by its number, or created signed (with its client) for the migration. */
async function contractFor(w: SheetWrite): Promise<string> {
  const { ctx, parsed, draft, messages, created } = w;
  const contractRow = parsed.rowOf.contractNumber;
  const clientRow = parsed.rowOf.clientName;
  const existing = await ctx.trx('event_contracts as k').join('event_clients as c', 'c.id', 'k.clientId')
    .where('k.number', draft.contractNumber)
    .first('k.id', 'k.signed', 'c.id as clientId', 'c.number as clientNumber', 'c.fullName as clientName', 'c.email as clientEmail');
  if (existing) {
    const sameEmail = draft.client.email && existing.clientEmail && draft.client.email.toLowerCase() === String(existing.clientEmail).toLowerCase();
    if (!sameEmail && normaliseName(existing.clientName) !== normaliseName(draft.client.fullName)) {
      throw new SheetRejected([{ row: contractRow, message: m('import.contract-of-other-client', { number: draft.contractNumber, clientNumber: existing.clientNumber, clientName: existing.clientName, sheetClient: draft.client.fullName }) }]);
    }
    // An unsigned contract is refused by the event's rule (resources.ts) when the event is created, on this row.
    if (contractRow && existing.signed) contractRow.message = m('import.contract-found', { number: draft.contractNumber });
    if (clientRow) clientRow.message = m('import.client-of-contract', { number: draft.contractNumber, clientNumber: existing.clientNumber, clientName: existing.clientName });
    return existing.id;
  }

  const clientId = await clientFor(w);
  const input = eventContracts.createSchema.parse({ clientId, totalAmountCents: 0, amountDueCents: 0, notes: 'Importé du classeur : montants à compléter' });
  const subject = String(draft.contractNumber);
  const contract = await asImporter({ action: 'create-contract', subject }, 'events.contract.create', contractRow, () => createRecord(ctx, eventContracts, input, { number: draft.contractNumber }));
  await asImporter({ action: 'sign-contract', subject }, 'events.contract.update', contractRow, () => signContract(ctx, contract.id as string));
  created.contract = { id: contract.id as string, number: contract.number as number };
  if (contractRow) contractRow.message = m('import.contract-created-row', { number: contract.number as number });
  messages.push(m('import.contract-created', { number: contract.number as number }));
  return contract.id as string;
}

async function clientFor(w: SheetWrite): Promise<string> {
  const { ctx, parsed, draft, messages, created } = w;
  const clientRow = parsed.rowOf.clientName;
  if (draft.client.email) {
    const byEmail = await ctx.trx('event_clients').whereRaw('lower(email) = lower(?)', [draft.client.email]).orderBy('number').first('id', 'number', 'fullName');
    if (byEmail) {
      if (clientRow) clientRow.message = m('import.client-found-row', { number: byEmail.number, name: byEmail.fullName, by: 'email', email: draft.client.email });
      messages.push(m('import.client-found', { number: byEmail.number, name: byEmail.fullName, by: 'email' }));
      return byEmail.id;
    }
  }
  const byName = await ctx.trx('event_clients').whereRaw('lower(btrim(full_name)) = lower(btrim(?))', [draft.client.fullName]).orderBy('number').select('id', 'number', 'fullName');
  if (byName.length > 1) {
    throw new SheetRejected([{ row: clientRow, message: m('import.clients-same-name', { count: byName.length, name: draft.client.fullName, numbers: byName.map((c) => c.number as number) }) }]);
  }
  if (byName.length === 1) {
    const found = byName[0]!;
    if (clientRow) clientRow.message = m('import.client-found-row', { number: found.number, name: found.fullName, by: 'name', email: null });
    messages.push(m('import.client-found', { number: found.number, name: found.fullName, by: 'name' }));
    return found.id;
  }
  const notes = [draft.client.notes, `Importé du ${ctx.importedFrom}.`].filter(Boolean).join('\n');
  // The sales contact as the API's rule gives it (resources.ts): none for management, the importer for an own-scoped import right.
  const input = eventClients.createSchema.parse({ fullName: draft.client.fullName, email: draft.client.email, phone: draft.client.phone, notes });
  const client = await asImporter({ action: 'create-client', subject: draft.client.fullName }, 'events.client.create', clientRow, () => createRecord(ctx, eventClients, input));
  created.client = { id: client.id as string, number: client.number as number, name: draft.client.fullName };
  const sales = client.salesContactName ? String(client.salesContactName) : null;
  if (clientRow) clientRow.message = m('import.client-created-row', { number: client.number as number, sales });
  messages.push(m('import.client-created', { number: client.number as number, name: draft.client.fullName, sales }));
  return client.id as string;
}
