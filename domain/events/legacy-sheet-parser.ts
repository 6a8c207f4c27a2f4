import { z } from 'zod';
import type { PlainSheet } from '../core/uploads/xlsx-cells';
import { parseClientContact, type ClientContact } from './client-contact';
import { clientCreate } from './client.schema';
import { eventCreate } from './event.schema';
import { parseLegacyDate } from './legacy-dates';
import { cellText, columnLetter, parseWholeNumber, plainValue } from './legacy-sheet-cells';
import type { Text } from '../i18n/messages';
import { issueMessage } from '../i18n/zod-issues';
import { eventsMessage as m } from './events.messages';
import { addProblem, fieldOfKey, normaliseName, SHEET_FIELDS, type FieldSpec, type ImportRow, type SheetField } from './legacy-sheet-fields';

/**
 * Parsing one sheet of the legacy events spreadsheet (pure: no database):
 * its rows mapped to fields, each with its outcome (mapped, warning, error),
 * and, when nothing is wrong, the draft of what the import writes. The same
 * schemas as the API: a value the API would refuse is refused here, naming
 * its row. A migration that loses nothing: unknown keys, values without a key
 * and cells beyond column B go to the event's notes.
 */

export const MAX_ROWS_PER_SHEET = 200;

const emailCheck = z.string().email();

/**
 * The event's input as the creation schema takes it: with the support contact
 * when the schema has that field (the import assigns support itself, from a
 * collaborator it looked up, when the API leaves that to management).
 */
export function withSupport<T extends object>(input: T, supportContactId: string | null): T & { supportContactId?: string | null } {
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
  messages: Text[];
  /** The reasons the sheet is rejected (each also in `messages`); none when it may be imported. */
  errors: Text[];
  draft: EventDraft | null;
  /** The row of each key, for problems found later (support not found, contract of another client). */
  rowOf: Partial<Record<SheetField, ImportRow>>;
}

export function parseEventSheet(ws: PlainSheet): ParsedSheet {
  const out: ParsedSheet = { sheet: ws.name, title: null, rows: [], messages: [], errors: [], draft: null, rowOf: {} };
  const reject = (message: Text, row?: ImportRow) => {
    if (row) addProblem(row, 'error', message);
    const text = row ? m('import.on-row', { row: row.row, key: row.key, message }) : message;
    out.errors.push(text);
    out.messages.push(text);
  };
  const extraNotes: string[] = [];
  const raw: Partial<Record<SheetField, { value: unknown; numFmt?: string; text: string }>> = {};

  // Only rows holding values count (formatting alone does not make a row).
  if (ws.rows === null) {
    reject(m('import.too-many-rows', { rows: ws.rowCount, max: MAX_ROWS_PER_SHEET }));
    return out;
  }
  let anyContent = false;
  for (const { row: r, cells } of ws.rows) {
    const cellAt = (col: number) => cells.find((c) => c.col === col);
    const valueCell = cellAt(2);
    const key = cellText(cellAt(1)?.value);
    const valueText = cellText(valueCell?.value);
    const extras: Array<{ col: number; text: string }> = [];
    for (const cell of cells) {
      if (cell.col < 3) continue;
      const text = cellText(cell.value);
      if (text) extras.push({ col: cell.col, text });
    }
    if (!key && !valueText && extras.length === 0) continue;
    anyContent = true;

    if (r === 1 && !fieldOfKey(key)) {
      // The title row: A1 names the event.
      out.title = key || null;
      if (key) out.rows.push({ row: 1, key: 'Titre (A1)', field: 'name', value: key, outcome: 'mapped' });
      if (valueText) {
        out.rows.push({ row: 1, key: 'B1', value: valueText, outcome: 'warning', message: m('import.value-next-to-title') });
        extraNotes.push(`Champ importé B1 : ${valueText}`);
      }
    } else if (!key) {
      if (valueText) {
        out.rows.push({ row: r, key: '', value: valueText, outcome: 'warning', message: m('import.value-without-key') });
        extraNotes.push(`Champ importé (ligne ${r}) : ${valueText}`);
      }
    } else {
      const field = fieldOfKey(key);
      const entry: ImportRow = { row: r, key, value: valueText, outcome: 'mapped' };
      out.rows.push(entry);
      if (!field) {
        entry.outcome = 'warning';
        if (valueText) {
          entry.message = m('import.unknown-key');
          extraNotes.push(`Champ importé ${key} : ${valueText}`);
        } else {
          entry.message = m('import.unknown-empty-key');
        }
      } else if (out.rowOf[field]) {
        entry.field = field;
        reject(m('import.key-twice', { label: SHEET_FIELDS[field].label, first: out.rowOf[field]!.row, second: r }), entry);
      } else {
        entry.field = field;
        out.rowOf[field] = entry;
        raw[field] = { value: plainValue(valueCell?.value), numFmt: valueCell?.numFmt, text: valueText };
      }
    }
    for (const extra of extras) {
      const where = `${columnLetter(extra.col)}${r}`;
      out.rows.push({ row: r, key: `${key || '(sans clé)'} (${where})`, value: extra.text, outcome: 'warning', message: m('import.beyond-column-b') });
      extraNotes.push(`Champ importé ${key || `(ligne ${r})`} (${where}) : ${extra.text}`);
    }
  }
  if (!anyContent) {
    reject(m('import.empty-sheet'));
    return out;
  }

  for (const [field, spec] of Object.entries(SHEET_FIELDS) as Array<[SheetField, FieldSpec]>) {
    if (spec.required && !out.rowOf[field]) reject(m('import.key-missing', { label: spec.label }));
  }

  const text = (field: SheetField) => raw[field]?.text ?? '';
  const required = (field: SheetField): boolean => {
    const row = out.rowOf[field];
    if (row && !text(field)) { reject(m('import.required-empty'), row); return false; }
    return Boolean(row);
  };
  const wholeNumber = (field: SheetField, min: number, max: number, what: 'event' | 'contract' | 'attendees'): number | null => {
    const row = out.rowOf[field];
    if (!row || !text(field)) return null;
    const n = parseWholeNumber(raw[field]!.value, min, max);
    if (n === undefined) { reject(m('import.not-a-number', { text: text(field), what }), row); return null; }
    return n;
  };
  const date = (field: SheetField): string | null => {
    const row = out.rowOf[field];
    if (!row || !required(field)) return null;
    const parsed = parseLegacyDate(raw[field]!.value, raw[field]!.numFmt);
    if (!parsed.ok) { reject(parsed.message, row); return null; }
    row.message = m('import.paris-time', { iso: parsed.iso });
    if (parsed.warning) addProblem(row, 'warning', parsed.warning);
    return parsed.iso;
  };

  const eventNumber = required('eventNumber') ? wholeNumber('eventNumber', 1, MAX_NUMBER, 'event') : null;
  const contractNumber = required('contractNumber') ? wholeNumber('contractNumber', 1, MAX_NUMBER, 'contract') : null;
  const clientName = required('clientName') ? text('clientName') : null;
  const startsAt = date('startsAt');
  const endsAt = date('endsAt');
  const attendees = wholeNumber('attendees', 0, 1_000_000, 'attendees');

  // Client contact: a person, an email, a phone; what is not valid is kept as written in the client's notes.
  let contact: ClientContact | null = null;
  const clientNotes: string[] = [];
  const contactRow = out.rowOf.clientContact;
  if (contactRow && text('clientContact')) {
    contact = parseClientContact(text('clientContact'));
    if (contact.email && !emailCheck.safeParse(contact.email).success) {
      addProblem(contactRow, 'warning', m('import.invalid-contact-email', { email: contact.email }));
      clientNotes.push(`E-mail tel qu'écrit dans le classeur (adresse non valide) : ${contact.email}`);
      contact.email = null;
    }
    const read = { person: contact.personName || null, email: contact.email || null, phone: contact.phone || null };
    const readAs = read.person || read.email || read.phone ? m('import.contact-read-as', read) : undefined;
    // What was read comes first, then the problems already found on the row.
    contactRow.message = readAs && contactRow.message ? m('import.joined', { parts: [readAs, contactRow.message] }) : readAs ?? contactRow.message;
    for (const w of contact.warnings) addProblem(contactRow, 'warning', w);
    if (contact.personName && clientName && normaliseName(contact.personName) !== normaliseName(clientName)) {
      clientNotes.push(`Personne à contacter : ${contact.personName}`);
    }
    if (contact.phoneText) clientNotes.push(`Téléphone tel qu'écrit dans le classeur (numéro non valide) : ${contact.phoneText}`);
    for (const extra of contact.extra) clientNotes.push(`Aussi dans le contact du client : ${extra}`);
    if (!contact.email && !contact.phone && !contact.personName && !contact.phoneText && contact.extra.length === 0) {
      addProblem(contactRow, 'warning', m('import.contact-empty'));
    }
  }

  const supportRow = out.rowOf.supportContact;
  const supportName = text('supportContact') || null;
  let noSupportMessage: Text | null = null;
  if (!supportName) {
    const message = m('import.no-support');
    if (supportRow) addProblem(supportRow, 'warning', message);
    else noSupportMessage = message;
  }

  let name = out.title;
  if (!name && clientName) {
    name = `${clientName} event`;
    out.messages.push(m('import.untitled', { name }));
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
      const said = issueMessage(issue);
      const message = field === 'endsAt' && startsAt ? m('import.ends-before-start', { message: said, startsAt }) : said;
      if (row) reject(message, row);
      else reject(m('import.on-field', { field, message }));
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
