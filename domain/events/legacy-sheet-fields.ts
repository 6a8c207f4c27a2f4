import type { Text } from '../i18n/messages';
import { eventsMessage } from './events.messages';

/**
 * The keys of Epic Events' legacy event sheet (spec 001, "Les événements"):
 * one key/value sheet per event, "Event ID", "Contract ID", "Client name", …
 * in column A, whatever their case, accents, language or punctuation, and the
 * row-by-row report the import gives back.
 */

export type SheetField = 'eventNumber' | 'contractNumber' | 'clientName' | 'clientContact' | 'startsAt' | 'endsAt' | 'supportContact' | 'location' | 'attendees' | 'notes';

export interface FieldSpec {
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

// ---------------------------------------------------------------- the rows of the report

export type RowOutcome = 'mapped' | 'warning' | 'error';

export interface ImportRow {
  row: number;
  key: string;
  field?: string;
  value: string;
  outcome: RowOutcome;
  message?: Text;
}

/** Marks a row with a problem; what the row already said is kept in front. */
export function addProblem(row: ImportRow, outcome: 'warning' | 'error', message: Text): void {
  if (outcome === 'error' || row.outcome === 'mapped') row.outcome = outcome;
  const before = row.message;
  const same = before !== undefined && (before === message || (typeof before !== 'string' && typeof message !== 'string' && JSON.stringify(before) === JSON.stringify(message)));
  row.message = before !== undefined && !same ? eventsMessage('import.joined', { parts: [before, message] }) : message;
}

/** A person's name as compared: case, accents and spacing ignored ("alienor vichum" = "Aliénor Vichum"). */

export function normaliseName(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}