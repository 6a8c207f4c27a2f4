import { z } from 'zod';
import type { RequestContext } from '../core/record-service';
import { appendHistoryAs } from '../core/record-service';
import { ForbiddenError, NotFoundError, ruleViolation } from '../errors';
import { BusinessCalendarError, validateCalendar, type BusinessCalendar } from '../planning/business-time';
import { ensureSlaDefaults } from './sla-service';
import { slaMessage } from './sla.messages';

/**
 * The organisation's business calendars (`/api/v1/psa/business-calendars`): its working week and
 * holidays, which SLA clocks count in (and planning's working hours). Read by those who may read SLA
 * policies; changed by those who may change them (`psa.sla-policy`). The first read creates the
 * defaults when there are none (sla-service.ts ensureSlaDefaults).
 */
const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/);
export const calendarChange = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  timeZone: z.string().min(1).max(100).optional(),
  weeklyHours: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.array(z.tuple([hhmm, hhmm])).max(6)).optional(),
  holidays: z.array(z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), label: z.string().trim().min(1).max(200) }).strict()).max(500).optional(),
}).strict();
export type CalendarChange = z.infer<typeof calendarChange>;

export interface CalendarView {
  id: string;
  name: string;
  timeZone: string;
  weeklyHours: BusinessCalendar['weeklyHours'];
  isDefault: boolean;
  version: number;
  holidays: Array<{ day: string; label: string }>;
}

async function view(ctx: RequestContext, id: string): Promise<CalendarView> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new NotFoundError(slaMessage('psa.sla.calendar-not-found'));
  const row = await ctx.trx('businessCalendars').where({ id }).first('id', 'name', 'timeZone', 'weeklyHours', 'isDefault', 'version');
  if (!row) throw new NotFoundError(slaMessage('psa.sla.calendar-not-found'));
  const holidays = await ctx.trx('businessCalendarHolidays').where({ calendarId: id }).orderBy('day').select(ctx.trx.raw("to_char(day, 'YYYY-MM-DD') as day"), 'label');
  return { ...row, version: Number(row.version), holidays };
}

export async function listCalendars(ctx: RequestContext): Promise<CalendarView[]> {
  if (!ctx.ability.can('read', 'PsaSlaPolicy')) throw new ForbiddenError(slaMessage('psa.sla.calendar-forbidden'));
  await ensureSlaDefaults(ctx.trx, ctx.principal.tenantId);
  const ids: string[] = await ctx.trx('businessCalendars').orderBy([{ column: 'isDefault', order: 'desc' }, { column: 'name' }]).pluck('id');
  return Promise.all(ids.map((id) => view(ctx, id)));
}

/** Changes a calendar: what is given replaces what it had (the holidays as a whole); checked before anything is written. */
export async function changeCalendar(ctx: RequestContext, id: string, change: CalendarChange): Promise<CalendarView> {
  if (!ctx.ability.can('update', 'PsaSlaPolicy')) throw new ForbiddenError(slaMessage('psa.sla.calendar-forbidden'));
  const current = await view(ctx, id);
  const next: BusinessCalendar = {
    timeZone: change.timeZone ?? current.timeZone,
    weeklyHours: change.weeklyHours ?? current.weeklyHours,
    holidays: (change.holidays ?? current.holidays).map((h) => h.day),
  };
  try {
    validateCalendar(next);
  } catch (error) {
    if (error instanceof BusinessCalendarError) throw ruleViolation('weeklyHours', slaMessage('psa.sla.calendar-invalid', { detail: error.reason }));
    throw error;
  }
  const set: Record<string, unknown> = { version: current.version + 1 };
  if (change.name !== undefined) set.name = change.name;
  if (change.timeZone !== undefined) set.timeZone = change.timeZone;
  if (change.weeklyHours !== undefined) set.weeklyHours = JSON.stringify(change.weeklyHours);
  await ctx.trx('businessCalendars').where({ id }).update(set);
  if (change.holidays) {
    await ctx.trx('businessCalendarHolidays').where({ calendarId: id }).delete();
    const unique = [...new Map(change.holidays.map((h) => [h.day, h])).values()];
    if (unique.length) await ctx.trx('businessCalendarHolidays').insert(unique.map((h) => ({ tenantId: ctx.principal.tenantId, calendarId: id, ...h })));
  }
  await appendHistoryAs(ctx, {
    recordType: 'business-calendar', recordId: id, action: 'update',
    changes: Object.fromEntries(Object.keys(change).map((k) => [k, { before: (current as unknown as Record<string, unknown>)[k] ?? null, after: (change as Record<string, unknown>)[k] }])),
  });
  return view(ctx, id);
}
