import ExcelJS from 'exceljs';
import type { Knex } from 'knex';
import { z } from 'zod';
import { ForbiddenError, ValidationError } from '../errors';
import { appendHistory, diffRecords } from '../core/history';
import { nextNumber } from '../core/tenant-counter';
import type { RequestContext } from '../core/record-service';
import { scopeOf } from '../identity/ability';
import { audit } from '../identity/audit-log';
import { parseClientContact, type ClientContact } from './client-contact';
import { clientCreate } from './client.schema';
import { contractCreate } from './contract.schema';
import { eventCreate } from './event.schema';
import { formatWallClock, parseLegacyDate } from './legacy-dates';

/**
 * Import of Epic Events' legacy event spreadsheet (spec 001, "Les
 * événements"): one key/value sheet per event, the title in A1, then
 * "Event ID", "Contract ID", "Client name", … in column A and the values in
 * column B. A migration that loses nothing and rejects nothing silently:
 * every row is reported (mapped, warning or error), unknown keys go to the
 * event's notes, a sheet with an error is written not at all, and an event
 * whose number already exists is skipped, so importing the file again is
 * harmless.
 */

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** An .xlsx is a zip: refuse one that would unpack to more than this (a zip bomb). */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
export const MAX_SHEETS = 1000;
export const MAX_ROWS_PER_SHEET = 200;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type SheetField = 'eventNumber' | 'contractNumber' | 'clientName' | 'clientContact' | 'startsAt' | 'endsAt' | 'supportContact' | 'location' | 'attendees' | 'notes';

interface FieldSpec {
  label: string;
  required: boolean;
  aliases: string[];
}

/** The spreadsheet's keys, in their usual order, with the other spellings people use (English and French). */
export const SHEET_FIELDS: Record<SheetField, FieldSpec> = {
  eventNumber: { label: 'Event ID', required: true, aliases: ['Event ID', 'Event number', 'Event no', 'Event #', 'ID événement', "ID de l'événement", 'Numéro événement', "Numéro de l'événement", 'N° événement'] },
  contractNumber: { label: 'Contract ID', required: true, aliases: ['Contract ID', 'Contract number', 'Contract no', 'Contract #', 'ID contrat', 'ID du contrat', 'Numéro contrat', 'Numéro du contrat', 'N° contrat', 'Contrat'] },
  clientName: { label: 'Client name', required: true, aliases: ['Client name', 'Client', 'Customer', 'Customer name', 'Nom du client', 'Nom client', 'Nom complet du client'] },
  clientContact: { label: 'Client contact', required: false, aliases: ['Client contact', 'Customer contact', 'Contact client', 'Contact du client', 'Coordonnées du client', 'Coordonnées client'] },
  startsAt: { label: 'Event date start', required: true, aliases: ['Event date start', 'Event start date', 'Event start', 'Start date', 'Start', 'Date start', 'Date de début', 'Date début', 'Début', "Début de l'événement", "Date de début de l'événement"] },
  endsAt: { label: 'Event date end', required: true, aliases: ['Event date end', 'Event end date', 'Event end', 'End date', 'End', 'Date end', 'Date de fin', 'Date fin', 'Fin', "Fin de l'événement", "Date de fin de l'événement"] },
  supportContact: { label: 'Support contact', required: false, aliases: ['Support contact', 'Support', 'Contact support', 'Responsable support', 'Support responsable'] },
  location: { label: 'Location', required: false, aliases: ['Location', 'Venue', 'Address', 'Lieu', 'Adresse', "Lieu de l'événement"] },
  attendees: { label: 'Attendees', required: false, aliases: ['Attendees', 'Attendance', 'Guests', 'Participants', 'Nombre de participants', 'Nb participants', 'Invités', "Nombre d'invités"] },
  notes: { label: 'Notes', required: false, aliases: ['Notes', 'Note', 'Comments', 'Remarques', 'Commentaires', 'Observations'] },
};

const STOP_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'l', 'd', 'of', 'the']);

/** A key as compared: case, accents, spaces, punctuation and little words ignored ("Date de début:" = "date debut"). */
export function normaliseKey(key: string): string {
  return key.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/n°|#/g, ' no ')
    .split(/[^a-z0-9]+/).filter((w) => w && !STOP_WORDS.has(w)).join('');
}

const KEY_TO_FIELD = new Map<string, SheetField>();
for (const [field, spec] of Object.entries(SHEET_FIELDS) as Array<[SheetField, FieldSpec]>) {
  for (const alias of spec.aliases) KEY_TO_FIELD.set(normaliseKey(alias), field);
}

export function fieldOfKey(key: string): SheetField | undefined {
  return KEY_TO_FIELD.get(normaliseKey(key));
}

// ---------------------------------------------------------------- the report

export type RowOutcome = 'mapped' | 'warning' | 'error';

export interface ImportRow {
  row: number;
  key: string;
  field?: string;
  value: string;
  outcome: RowOutcome;
  message?: string;
}

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

// ---------------------------------------------------------------- reading cells

type Cell = ExcelJS.Cell;

function richTextOf(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'richText' in value && Array.isArray((value as ExcelJS.CellRichTextValue).richText)) {
    return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
  }
  return undefined;
}

/** The cell's value as exceljs gives it, with formulas replaced by their result and links by their text. */
export function plainValue(value: ExcelJS.CellValue | unknown): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  const rich = richTextOf(value);
  if (rich !== undefined) return rich;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('error' in v) return String(v.error);
    if ('hyperlink' in v) return plainValue(v.text ?? v.hyperlink);
    if ('formula' in v || 'sharedFormula' in v) return plainValue(v.result ?? null);
    if ('text' in v) return plainValue(v.text);
  }
  return String(value);
}

/** What the cell shows, as text (a date cell as its wall-clock date and time). */
export function cellText(value: ExcelJS.CellValue | unknown): string {
  const plain = plainValue(value);
  if (plain === null) return '';
  if (plain instanceof Date) {
    if (Number.isNaN(plain.getTime())) return '';
    return formatWallClock({ year: plain.getUTCFullYear(), month: plain.getUTCMonth() + 1, day: plain.getUTCDate(), hour: plain.getUTCHours(), minute: plain.getUTCMinutes() });
  }
  return String(plain).replace(/\r\n?/g, '\n').trim();
}

function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function parseWholeNumber(raw: unknown, min: number, max: number): number | undefined {
  const plain = plainValue(raw);
  let n: number;
  if (typeof plain === 'number') n = plain;
  else if (typeof plain === 'string') {
    // "1 200" (French thousands), "#109", "109.0" are whole numbers as people type them.
    const compact = plain.trim().replace(/^(?:#|n°|no\.?)\s*/i, '').replace(/[\s\u00a0\u202f]/g, '');
    if (!/^\d+(?:[.,]0+)?$/.test(compact)) return undefined;
    n = Number(compact.replace(/[.,]0+$/, ''));
  } else return undefined;
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

const emailCheck = z.string().email();

/**
 * The event's input as the creation schema takes it: with the support contact
 * when the schema has that field (the import assigns support itself, from a
 * collaborator it looked up, when the API leaves that to management).
 */
function withSupport<T extends object>(input: T, supportContactId: string | null): T & { supportContactId?: string | null } {
  return 'supportContactId' in eventCreate.shape ? { ...input, supportContactId } : input;
}
const PLACEHOLDER_UUID = '00000000-0000-4000-8000-000000000000';
const MAX_NUMBER = 2_147_483_647;

// ---------------------------------------------------------------- parsing one sheet

/** What a valid sheet asks the import to write. */
export interface EventDraft {
  eventNumber: number;
  contractNumber: number;
  client: { fullName: string; email: string | null; phone: string | null; notes: string | null };
  /** The person, email and phone read from "Client contact". */
  contact: ClientContact | null;
  supportName: string | null;
  event: { name: string; startsAt: string; endsAt: string; location: string | null; attendees: number | null; notes: string | null };
}

export interface ParsedSheet {
  sheet: string;
  title: string | null;
  rows: ImportRow[];
  messages: string[];
  /** The reasons the sheet is rejected (each also in `messages`); none when it may be imported. */
  errors: string[];
  draft: EventDraft | null;
  /** The row of each key, for problems found later (support not found, contract of another client). */
  rowOf: Partial<Record<SheetField, ImportRow>>;
}

/** Marks a row with a problem; what the row already said is kept in front. */
function addProblem(row: ImportRow, outcome: 'warning' | 'error', message: string): void {
  if (outcome === 'error' || row.outcome === 'mapped') row.outcome = outcome;
  row.message = row.message && row.message !== message ? `${row.message}; ${message}` : message;
}

export function parseEventSheet(ws: ExcelJS.Worksheet): ParsedSheet {
  const out: ParsedSheet = { sheet: ws.name, title: null, rows: [], messages: [], errors: [], draft: null, rowOf: {} };
  const reject = (message: string, row?: ImportRow) => {
    if (row) addProblem(row, 'error', message);
    const text = row ? `Row ${row.row} (${row.key}): ${message}` : message;
    out.errors.push(text);
    out.messages.push(text);
  };
  const extraNotes: string[] = [];
  const raw: Partial<Record<SheetField, { value: unknown; numFmt?: string; text: string }>> = {};

  // Only rows holding values count (formatting alone does not make a row).
  const rowNumbers: number[] = [];
  ws.eachRow({ includeEmpty: false }, (_row, n) => { rowNumbers.push(n); });
  if (rowNumbers.length > MAX_ROWS_PER_SHEET) {
    reject(`The sheet has ${rowNumbers.length} rows: an event sheet has about a dozen (at most ${MAX_ROWS_PER_SHEET}); is it an event sheet?`);
    return out;
  }
  let anyContent = false;
  for (const r of rowNumbers) {
    const row = ws.getRow(r);
    const keyCell: Cell = row.getCell(1);
    const valueCell: Cell = row.getCell(2);
    const key = cellText(keyCell.value);
    const valueText = cellText(valueCell.value);
    const extras: Array<{ col: number; text: string }> = [];
    for (let c = 3; c <= row.cellCount; c++) {
      const text = cellText(row.getCell(c).value);
      if (text) extras.push({ col: c, text });
    }
    if (!key && !valueText && extras.length === 0) continue;
    anyContent = true;

    if (r === 1 && !fieldOfKey(key)) {
      // The title row: A1 names the event.
      out.title = key || null;
      if (key) out.rows.push({ row: 1, key: 'Title (A1)', field: 'name', value: key, outcome: 'mapped' });
      if (valueText) {
        out.rows.push({ row: 1, key: 'B1', value: valueText, outcome: 'warning', message: "a value next to the title: kept in the event's notes" });
        extraNotes.push(`Imported field B1: ${valueText}`);
      }
    } else if (!key) {
      if (valueText) {
        out.rows.push({ row: r, key: '', value: valueText, outcome: 'warning', message: "a value without a key in column A: kept in the event's notes" });
        extraNotes.push(`Imported field (row ${r}): ${valueText}`);
      }
    } else {
      const field = fieldOfKey(key);
      const entry: ImportRow = { row: r, key, value: valueText, outcome: 'mapped' };
      out.rows.push(entry);
      if (!field) {
        entry.outcome = 'warning';
        if (valueText) {
          entry.message = "not a key of the event sheet: its value is kept in the event's notes";
          extraNotes.push(`Imported field ${key}: ${valueText}`);
        } else {
          entry.message = 'not a key of the event sheet, and empty: nothing to keep';
        }
      } else if (out.rowOf[field]) {
        entry.field = field;
        reject(`"${SHEET_FIELDS[field].label}" appears twice (rows ${out.rowOf[field]!.row} and ${r}): keep one`, entry);
      } else {
        entry.field = field;
        out.rowOf[field] = entry;
        raw[field] = { value: plainValue(valueCell.value), numFmt: valueCell.numFmt, text: valueText };
      }
    }
    for (const extra of extras) {
      const where = `${columnLetter(extra.col)}${r}`;
      out.rows.push({ row: r, key: `${key || '(no key)'} (${where})`, value: extra.text, outcome: 'warning', message: "beyond column B: kept in the event's notes" });
      extraNotes.push(`Imported field ${key || `(row ${r})`} (${where}): ${extra.text}`);
    }
  }
  if (!anyContent) {
    reject('The sheet is empty: an event sheet has its title in A1, then "Event ID", "Contract ID", "Client name"… in column A and their values in column B.');
    return out;
  }

  for (const [field, spec] of Object.entries(SHEET_FIELDS) as Array<[SheetField, FieldSpec]>) {
    if (spec.required && !out.rowOf[field]) reject(`"${spec.label}" is missing: add a row with "${spec.label}" in column A and its value in column B.`);
  }

  const text = (field: SheetField) => raw[field]?.text ?? '';
  const required = (field: SheetField): boolean => {
    const row = out.rowOf[field];
    if (row && !text(field)) { reject('is empty, and it is required', row); return false; }
    return Boolean(row);
  };
  const wholeNumber = (field: SheetField, min: number, max: number, example: string): number | null => {
    const row = out.rowOf[field];
    if (!row || !text(field)) return null;
    const n = parseWholeNumber(raw[field]!.value, min, max);
    if (n === undefined) { reject(`"${text(field)}" is not ${example}`, row); return null; }
    return n;
  };
  const date = (field: SheetField): string | null => {
    const row = out.rowOf[field];
    if (!row || !required(field)) return null;
    const parsed = parseLegacyDate(raw[field]!.value, raw[field]!.numFmt);
    if (!parsed.ok) { reject(parsed.message, row); return null; }
    row.message = `Paris time: ${parsed.iso}`;
    if (parsed.warning) addProblem(row, 'warning', parsed.warning);
    return parsed.iso;
  };

  const eventNumber = required('eventNumber') ? wholeNumber('eventNumber', 1, MAX_NUMBER, 'an event number (a whole number such as 109)') : null;
  const contractNumber = required('contractNumber') ? wholeNumber('contractNumber', 1, MAX_NUMBER, 'a contract number (a whole number such as 652)') : null;
  const clientName = required('clientName') ? text('clientName') : null;
  const startsAt = date('startsAt');
  const endsAt = date('endsAt');
  const attendees = wholeNumber('attendees', 0, 1_000_000, 'a number of attendees (a whole number, 0 or more)');

  // Client contact: a person, an email, a phone; what is not valid is kept as written in the client's notes.
  let contact: ClientContact | null = null;
  const clientNotes: string[] = [];
  const contactRow = out.rowOf.clientContact;
  if (contactRow && text('clientContact')) {
    contact = parseClientContact(text('clientContact'));
    const parts: string[] = [];
    if (contact.personName) parts.push(`person ${contact.personName}`);
    if (contact.email && !emailCheck.safeParse(contact.email).success) {
      addProblem(contactRow, 'warning', `"${contact.email}" is not a valid email address: kept as written in the client's notes`);
      clientNotes.push(`Email as written in the spreadsheet (not a valid address): ${contact.email}`);
      contact.email = null;
    }
    if (contact.email) parts.push(`email ${contact.email}`);
    if (contact.phone) parts.push(`phone ${contact.phone}`);
    contactRow.message = parts.length ? `read as ${parts.join(', ')}` : undefined;
    for (const w of contact.warnings) addProblem(contactRow, 'warning', w);
    if (contact.personName && clientName && normaliseName(contact.personName) !== normaliseName(clientName)) {
      clientNotes.push(`Contact person: ${contact.personName}`);
    }
    if (contact.phoneText) clientNotes.push(`Phone as written in the spreadsheet (not a valid number): ${contact.phoneText}`);
    for (const extra of contact.extra) clientNotes.push(`Also in the client contact: ${extra}`);
    if (!contact.email && !contact.phone && !contact.personName && !contact.phoneText && contact.extra.length === 0) {
      addProblem(contactRow, 'warning', 'no name, email or phone found');
    }
  }

  const supportRow = out.rowOf.supportContact;
  const supportName = text('supportContact') || null;
  let noSupportMessage: string | null = null;
  if (!supportName) {
    const message = 'no support contact: the event is created without support; management assigns one';
    if (supportRow) addProblem(supportRow, 'warning', message);
    else noSupportMessage = message;
  }

  let name = out.title;
  if (!name && clientName) {
    name = `${clientName} event`;
    out.messages.push(`A1 has no title: the event is named "${name}".`);
  }
  const notes = [text('notes'), ...extraNotes].filter(Boolean).join('\n') || null;
  const location = text('location') || null;

  // The same schemas as the API: a value the API would refuse is refused here, naming its row.
  const fieldRow: Record<string, ImportRow | undefined> = {
    name: out.rows.find((r) => r.field === 'name'), startsAt: out.rowOf.startsAt, endsAt: out.rowOf.endsAt,
    location: out.rowOf.location, attendees: out.rowOf.attendees, notes: out.rowOf.notes,
    fullName: out.rowOf.clientName, email: contactRow, phone: contactRow,
  };
  const schemaProblems = (result: z.ZodSafeParseResult<unknown>, skip: Set<string>) => {
    if (result.success) return;
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (skip.has(field)) continue;
      const row = fieldRow[field];
      const message = field === 'endsAt' && startsAt ? `${issue.message} (the event starts ${startsAt})` : issue.message;
      if (row) reject(message, row);
      else reject(`${field === 'name' ? 'The event name' : field}: ${message}`);
    }
  };
  const eventInput = { name: name ?? '', contractId: PLACEHOLDER_UUID, startsAt: startsAt ?? undefined, endsAt: endsAt ?? undefined, location, attendees, notes };
  schemaProblems(eventCreate.safeParse(withSupport(eventInput, null)), new Set([...(startsAt ? [] : ['startsAt']), ...(endsAt ? [] : ['endsAt']), ...(name ? [] : ['name'])]));
  const clientInput = { fullName: clientName ?? '', email: contact?.email ?? null, phone: contact?.phone ?? null, notes: clientNotes.join('\n') || null };
  const clientParsed = clientCreate.safeParse(clientInput);
  schemaProblems(clientParsed, new Set(clientName ? [] : ['fullName']));

  if (out.errors.length === 0 && eventNumber !== null && contractNumber !== null && clientName && startsAt && endsAt && name && clientParsed.success) {
    if (noSupportMessage) out.messages.push(noSupportMessage);
    out.draft = {
      eventNumber, contractNumber, contact, supportName,
      client: { fullName: clientParsed.data.fullName, email: clientParsed.data.email ?? null, phone: clientParsed.data.phone ?? null, notes: clientParsed.data.notes ?? null },
      event: { name, startsAt, endsAt, location, attendees, notes },
    };
  }
  return out;
}

function normaliseName(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

// ---------------------------------------------------------------- reading the file

/** Sum of the sizes a zip's entries unpack to, from its central directory; null when it is not a readable zip. */
export function zipUnpackedBytes(buffer: Buffer): number | null {
  const searchFrom = Math.max(0, buffer.length - 65_557);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= searchFrom; i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return null;
  const entries = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) return null;
    const size = buffer.readUInt32LE(offset + 24);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY; // zip64: far beyond a spreadsheet of events
    total += size;
    offset += 46 + buffer.readUInt16LE(offset + 28) + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
  }
  return total;
}

export interface UploadedFile {
  buffer: Buffer;
  originalname?: string;
  mimetype?: string;
}

const EXPECTED = 'an Excel workbook (.xlsx) in the legacy events format: one sheet per event, the title in A1, then "Event ID", "Contract ID", "Client name", "Client contact", "Event date start", "Event date end", "Support contact", "Location", "Attendees", "Notes" in column A with their values in column B';

function badFile(message: string): ValidationError {
  return new ValidationError([{ field: 'file', message }], `The file cannot be imported: ${message}. Expected ${EXPECTED}.`);
}

/** Checks that an upload is an .xlsx workbook before it is opened; answers what was expected otherwise. */
export function checkXlsxUpload(file: UploadedFile | undefined): asserts file is UploadedFile {
  if (!file) throw new ValidationError([{ field: 'file', message: 'is required: send the spreadsheet (.xlsx) in the multipart field "file"' }], `Send the spreadsheet in the multipart field "file". Expected ${EXPECTED}.`);
  const name = file.originalname ?? '';
  const buffer = file.buffer;
  if (buffer.length >= 8 && buffer.readUInt32BE(0) === 0xd0cf11e0) {
    throw badFile(`"${name}" is an Excel 97-2003 workbook (.xls) or another old Office file: open it in Excel or LibreOffice and save it as "Excel Workbook (.xlsx)"`);
  }
  const isZip = buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50;
  const looksXlsx = /\.xlsx$/i.test(name) || file.mimetype === XLSX_MIME;
  if (!isZip || !looksXlsx) {
    const kind = /\.csv$/i.test(name) || file.mimetype === 'text/csv' ? 'a CSV file' : `"${name || 'the upload'}" (${file.mimetype || 'unknown type'})`;
    throw badFile(`${kind} is not an .xlsx workbook`);
  }
  const unpacked = zipUnpackedBytes(buffer);
  if (unpacked === null) throw badFile(`"${name}" is damaged: it is not a readable .xlsx workbook`);
  if (unpacked > MAX_UNPACKED_BYTES) throw badFile(`"${name}" would unpack to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB, far more than a spreadsheet of events`);
}

/** Opens the workbook and parses every sheet (no database). */
export async function readEventWorkbook(buffer: Buffer): Promise<ParsedSheet[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw badFile('it could not be opened as an .xlsx workbook (damaged, protected with a password, or another kind of file)');
  }
  if (workbook.worksheets.length === 0) throw badFile('the workbook has no sheet');
  if (workbook.worksheets.length > MAX_SHEETS) throw badFile(`the workbook has ${workbook.worksheets.length} sheets (at most ${MAX_SHEETS} per import): split it`);
  return workbook.worksheets.map((ws) => parseEventSheet(ws));
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
  const parsedSheets = await readEventWorkbook(file.buffer);
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

