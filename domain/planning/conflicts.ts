import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { ConflictError } from '../errors';
import type { Message } from '../i18n/messages';
import { planningMessage as m } from './planning.messages';

/** The entry already in a person's agenda that a new or moved entry would overlap. */
export interface ConflictingEntry {
  id: string;
  kind: 'intervention' | 'absence' | 'appointment';
  title: string;
  absenceReason: 'holiday' | 'sick' | 'training' | 'other' | null;
  accountName: string | null;
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
}

const FR_MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const hourFr = (t: DateTime) => (t.minute ? `${t.hour} h ${String(t.minute).padStart(2, '0')}` : `${t.hour} h`);
const hourEn = (t: DateTime) => {
  const h = t.hour % 12 || 12;
  return `${t.minute ? `${h}:${String(t.minute).padStart(2, '0')}` : h} ${t.hour < 12 ? 'am' : 'pm'}`;
};
const dayFr = (t: DateTime) => `${t.day === 1 ? '1er' : t.day} ${FR_MONTHS[t.month - 1]}`;
const dayEn = (t: DateTime) => `${EN_MONTHS[t.month - 1]} ${t.day}`;

/**
 * A period as people say it, in the organisation's time zone, from where the reader stands (`reference`,
 * the start of the entry they tried to plan): « de 14 h à 16 h » the same day, « le 16 déc. de 14 h à 16 h »
 * another day, « du 21 déc. au 23 déc. » for whole days, « du 21 déc. à 9 h au 23 déc. à 18 h » otherwise.
 */
export function describePeriod(startsAt: Date, endsAt: Date, allDay: boolean, reference: Date, zone: string): { fr: string; en: string } {
  const start = DateTime.fromJSDate(startsAt, { zone });
  const end = DateTime.fromJSDate(endsAt, { zone });
  const ref = DateTime.fromJSDate(reference, { zone });
  if (allDay) {
    const last = end.minus({ milliseconds: 1 });
    if (last.hasSame(start, 'day')) return { fr: `le ${dayFr(start)}`, en: `on ${dayEn(start)}` };
    return { fr: `du ${dayFr(start)} au ${dayFr(last)}`, en: `from ${dayEn(start)} to ${dayEn(last)}` };
  }
  if (start.hasSame(end, 'day')) {
    const hours = { fr: `de ${hourFr(start)} à ${hourFr(end)}`, en: `from ${hourEn(start)} to ${hourEn(end)}` };
    return start.hasSame(ref, 'day') ? hours : { fr: `le ${dayFr(start)} ${hours.fr}`, en: `on ${dayEn(start)} ${hours.en}` };
  }
  return {
    fr: `du ${dayFr(start)} à ${hourFr(start)} au ${dayFr(end)} à ${hourFr(end)}`,
    en: `from ${dayEn(start)} at ${hourEn(start)} to ${dayEn(end)} at ${hourEn(end)}`,
  };
}

/** « Hugo Technicien est déjà en intervention chez Garage Renault Pornic de 14 h à 16 h ». */
export function conflictMessage(person: string, conflict: ConflictingEntry, reference: Date, zone: string): Message {
  const when = describePeriod(conflict.startsAt, conflict.endsAt, conflict.allDay, reference, zone);
  const base = { person, whenFr: when.fr, whenEn: when.en };
  if (conflict.kind === 'intervention') return m('planning.conflict-intervention', { ...base, at: conflict.accountName, title: conflict.title });
  if (conflict.kind === 'absence') return m('planning.conflict-absence', { ...base, reason: conflict.absenceReason ?? 'other' });
  return m('planning.conflict-appointment', { ...base, title: conflict.title });
}

/**
 * Refuses an entry of `userId` over [startsAt, endsAt) when another live entry of theirs overlaps it,
 * naming that entry (409). Writers of one person's agenda take a transaction lock on it first, so two
 * requests planning the same person at once are checked one after the other; the exclusion constraint
 * `planning_entries_no_overlap` guards whatever writes without this check.
 */
export async function refuseConflict(trx: Knex.Transaction, input: { tenantId: string; userId: string; startsAt: string | Date; endsAt: string | Date; excludeId?: string; zone: string }): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`planning:${input.tenantId}:${input.userId}`]);
  const query = trx('planning_entries as e').leftJoin('accounts as a', 'a.id', 'e.accountId')
    .where('e.userId', input.userId).whereNot('e.status', 'cancelled')
    .whereRaw('e.period && tstzrange(?::timestamptz, ?::timestamptz, \'[)\')', [input.startsAt, input.endsAt])
    .orderBy('e.startsAt').first('e.id', 'e.kind', 'e.title', 'e.absenceReason', 'a.name as accountName', 'e.startsAt', 'e.endsAt', 'e.allDay');
  if (input.excludeId) query.whereNot('e.id', input.excludeId);
  const conflict = (await query) as ConflictingEntry | undefined;
  if (!conflict) return;
  const user = await trx('users').where('id', input.userId).first('displayName');
  throw new ConflictError(conflictMessage(user?.displayName ?? '—', conflict, new Date(input.startsAt), input.zone), { conflictingEntryId: conflict.id });
}
