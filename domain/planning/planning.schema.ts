import { z } from 'zod';

/** What planning's own endpoints answer (api/planning/planning.openapi.ts); entries and teams are in entry.schema.ts. */
const personWeek = z.object({
  week: z.string().describe('Monday of the ISO week, local day'),
  availableHours: z.number(), plannedHours: z.number(), loadPercent: z.number().nullable(),
});
export const capacityAnswer = z.object({
  teamId: z.string().uuid(), teamName: z.string(), from: z.string(), to: z.string(),
  people: z.array(z.object({ userId: z.string().uuid(), name: z.string(), weeks: z.array(personWeek) })),
  totals: z.array(personWeek),
});
export const plannableItem = z.object({
  recordType: z.string(), recordId: z.string().uuid(), title: z.string(), subtitle: z.string().nullable(),
  accountId: z.string().uuid().nullable(), accountName: z.string().nullable(), siteId: z.string().uuid().nullable(),
  priority: z.string().nullable(), suggestedMinutes: z.number().int(), source: z.object({ fr: z.string(), en: z.string() }),
});
export const workingHoursAnswer = z.object({
  userId: z.string().uuid(), own: z.boolean(), timeZone: z.string(),
  weeklyHours: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))), holidays: z.array(z.string()),
});
export const icalFeedState = z.object({ active: z.boolean(), since: z.string().nullable() });
export const icalFeedRenewed = z.object({ token: z.string(), path: z.string() });
export const agendaPerson = z.object({ id: z.string().uuid(), name: z.string(), teamIds: z.array(z.string().uuid()) });
