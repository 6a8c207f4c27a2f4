import { z } from 'zod';
import { isoDate } from '../billing/billing.schema';
import { optionalText, recordMeta, requiredText, uuid } from '../core/fields';
import { fieldIssue } from '../i18n/zod-issues';

/** Spec 000 (issue 16): a mission's life, Nouvelle → Planifiée → Sur site → Rédaction → Relecture → Livrée → Anonymisée. */
export const MISSION_STATUSES = ['new', 'planned', 'on_site', 'drafting', 'review', 'delivered', 'anonymised'] as const;
export type MissionStatus = (typeof MISSION_STATUSES)[number];

/** What an audit covers: technical scopes first, then organisational ones (the migration's check). */
export const TECHNICAL_SCOPES = ['network', 'servers', 'applications', 'workstations', 'physical_access'] as const;
export const ORGANISATIONAL_SCOPES = ['awareness', 'documentation', 'access_rights'] as const;
export const MISSION_SCOPES = [...TECHNICAL_SCOPES, ...ORGANISATIONAL_SCOPES] as const;
export type MissionScope = (typeof MISSION_SCOPES)[number];

/** A calendar day that exists (not 2026-02-30), between 1900 and 2200. */
export const day = isoDate.refine((v) => {
  const date = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === v && v >= '1900-01-01' && v < '2200-01-01';
}, fieldIssue('field.iso-date'));

const ref = uuid.nullable().optional();

/** What people set on a mission (the status moves by its own action, delivery and anonymisation by the process). */
const editable = {
  title: requiredText(200),
  scopes: z.array(z.enum(MISSION_SCOPES)).max(MISSION_SCOPES.length).transform((s) => [...new Set(s)]),
  startsOn: day.nullable().optional(),
  endsOn: day.nullable().optional(),
  leadId: ref,
  auditorIds: z.array(uuid).max(20).transform((ids) => [...new Set(ids)]),
  quoteId: ref,
  summary: optionalText(20_000),
};

/** `POST /api/v1/audits/missions`: `{ accountId, title }` and the optional rest. */
export const missionCreate = z.object({ accountId: uuid, ...editable, scopes: editable.scopes.default([]), auditorIds: editable.auditorIds.default([]) }).strict();
export const missionUpdate = z.object(editable).partial().strict();

/** `POST /api/v1/audits/missions/{id}/status`. */
export const missionStatusChange = z.object({
  status: z.enum(MISSION_STATUSES),
  /** Why (kept on the mission's history). */
  reason: optionalText(2_000),
}).strict();

export const mission = z.object({
  ...recordMeta,
  number: z.number().int(),
  accountId: z.string().uuid(),
  accountName: z.string(),
  title: z.string(),
  status: z.enum(MISSION_STATUSES),
  scopes: z.array(z.enum(MISSION_SCOPES)),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  leadId: z.string().uuid().nullable(),
  leadName: z.string().nullable(),
  auditorIds: z.array(z.string().uuid()),
  /** The auditors' names, in alphabetical order. */
  auditorNames: z.array(z.string()),
  quoteId: z.string().uuid().nullable(),
  quoteNumber: z.string().nullable(),
  summary: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  anonymisedAt: z.string().nullable(),
  createdBy: z.string().uuid().nullable(),
});

/** A site the mission audits, with the days spent there (`PUT …/missions/{id}/sites/{siteId}`). */
export const missionSiteInput = z.object({
  onSiteFrom: day.nullable().optional(),
  onSiteTo: day.nullable().optional(),
  notes: optionalText(5_000),
}).strict();

export const missionSite = z.object({
  id: z.string().uuid(),
  missionId: z.string().uuid(),
  siteId: z.string().uuid(),
  siteName: z.string(),
  city: z.string().nullable(),
  onSiteFrom: z.string().nullable(),
  onSiteTo: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
});

export type MissionCreate = z.infer<typeof missionCreate>;
export type MissionRecord = z.infer<typeof mission>;
export type MissionSite = z.infer<typeof missionSite>;
