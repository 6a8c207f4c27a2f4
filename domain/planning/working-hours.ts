import type { Knex } from 'knex';
import { z } from 'zod';
import { BusinessCalendarError, validateCalendar, type BusinessCalendar } from './business-time';
import { ValidationError } from '../errors';
import { planningMessage as m } from './planning.messages';

/** The working week when the organisation has no default business calendar: Monday to Friday, 9 h to 18 h. */
export const DEFAULT_WEEK: BusinessCalendar['weeklyHours'] = {
  1: [['09:00', '18:00']], 2: [['09:00', '18:00']], 3: [['09:00', '18:00']], 4: [['09:00', '18:00']], 5: [['09:00', '18:00']], 6: [], 7: [],
};
export const DEFAULT_ZONE = 'Europe/Paris';

const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/);
/** A person's week as the API takes it: `{ "1": [["09:00","12:30"],["13:30","18:00"]], … }`. */
export const workingHoursInput = z.object({
  weeklyHours: z.record(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.array(z.tuple([hhmm, hhmm])).max(6)),
  timeZone: z.string().max(64).optional(),
}).strict();
export type WorkingHoursInput = z.infer<typeof workingHoursInput>;

/** The organisation's default calendar (zone, week, holidays), or Monday–Friday 9–18 in Paris without holidays. */
export async function organisationCalendar(trx: Knex.Transaction): Promise<BusinessCalendar> {
  const row = await trx('businessCalendars').where('isDefault', true).first('id', 'timeZone', 'weeklyHours');
  if (!row) return { timeZone: DEFAULT_ZONE, weeklyHours: DEFAULT_WEEK, holidays: [] };
  // Dates come back as written (`2026-05-01`: db/knexfile.ts).
  const holidays = await trx('businessCalendarHolidays').where('calendarId', row.id).pluck('day') as string[];
  return { timeZone: row.timeZone, weeklyHours: row.weeklyHours, holidays };
}

/** Each person's calendar: their own week where they have one, the organisation's otherwise (holidays are the organisation's). */
export async function calendarsOf(trx: Knex.Transaction, userIds: readonly string[]): Promise<Map<string, BusinessCalendar & { own: boolean }>> {
  const base = await organisationCalendar(trx);
  const own = userIds.length ? await trx('planningWorkingHours').whereIn('userId', userIds).select('userId', 'weeklyHours', 'timeZone') : [];
  const byUser = new Map(own.map((r) => [r.userId as string, r]));
  return new Map(userIds.map((id) => {
    const row = byUser.get(id);
    return [id, row ? { timeZone: row.timeZone, weeklyHours: row.weeklyHours, holidays: base.holidays, own: true } : { ...base, own: false }];
  }));
}

/** Sets a person's working week (validated as a business calendar). */
export async function setWorkingHours(trx: Knex.Transaction, tenantId: string, userId: string, input: WorkingHoursInput): Promise<void> {
  const timeZone = input.timeZone ?? (await organisationCalendar(trx)).timeZone;
  try {
    validateCalendar({ timeZone, weeklyHours: input.weeklyHours, holidays: [] });
  } catch (error) {
    if (error instanceof BusinessCalendarError) throw new ValidationError([{ field: 'weeklyHours', message: m('planning.working-hours') }]);
    throw error;
  }
  await trx('planningWorkingHours').insert({ tenantId, userId, weeklyHours: JSON.stringify(input.weeklyHours), timeZone, updatedAt: trx.fn.now() })
    .onConflict(['tenantId', 'userId']).merge();
}

/** Back to the organisation's calendar. */
export async function clearWorkingHours(trx: Knex.Transaction, userId: string): Promise<void> {
  await trx('planningWorkingHours').where('userId', userId).delete();
}
