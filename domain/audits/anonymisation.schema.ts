import { z } from 'zod';
import { anonymisationMessage as m } from './anonymisation.messages';
import { renderText } from '../i18n/messages';
import { day as calendarDay } from './mission.schema';

/** The process area's API shapes (issue 16, docs/adr/0039-audit-anonymisation.md): the single source of validation and OpenAPI. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ');

export const postponeInput = z.object({
  until: calendarDay.optional().describe('Le nouveau jour d’anonymisation'),
  days: z.number().int().min(1).max(365).optional().describe('Ou : nombre de jours après le jour prévu'),
  reason: z.string().trim().min(3).max(1000).describe('Motif du report'),
}).strict().refine((v) => (v.until === undefined) !== (v.days === undefined), { path: ['until'], message: renderText(m('audits.postpone.until-or-days'), 'fr') });
export type PostponeBody = z.infer<typeof postponeInput>;

export const postponed = z.object({
  missionId: z.string().uuid(), anonymiseOn: day, anonymiseAt: z.string(), reason: z.string(), postponedBy: z.string().uuid(), postponedAt: z.string(),
});

/** Where a mission stands with its process and its anonymisation (the mission panel's block). */
export const anonymisationStanding = z.object({
  status: z.string(),
  deliveredAt: z.string().nullable(),
  anonymiseOn: day.nullable(),
  anonymisedAt: z.string().nullable(),
  postponedUntil: day.nullable(),
  postponeReason: z.string().nullable(),
  postponedAt: z.string().nullable(),
  postponedByName: z.string().nullable(),
  canPostpone: z.boolean(),
  process: z.object({ id: z.string().uuid(), status: z.string(), openTasks: z.array(z.object({ id: z.string().uuid(), name: z.string().nullable() })) }).nullable(),
});

export const missionStatistic = z.object({
  month: day,
  scopes: z.array(z.string()),
  sector: z.string().nullable(),
  town: z.string().nullable(),
  department: z.string().nullable(),
  sites: z.number().int(),
  daysOnSite: z.number().int(),
  findingsBySeverity: z.record(z.string(), z.number().int()),
  checksByAnswer: z.record(z.string(), z.number().int()),
  inventoryItems: z.number().int(),
});
export const missionStatistics = z.object({ items: z.array(missionStatistic), total: z.number().int() });

export const processStarted = z.object({ id: z.string().uuid(), workflowId: z.string(), processKey: z.literal('audits.audit-to-anonymise'), businessKey: z.string().uuid(), status: z.literal('running') });
