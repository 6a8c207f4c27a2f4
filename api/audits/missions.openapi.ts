import { z } from 'zod';
import { missionsDashboard } from '../../domain/audits/missions-dashboard';
import { mission, missionSite, missionSiteInput, missionStatusChange } from '../../domain/audits/mission.schema';
import { answer, errors, jsonBody as body, problem, uuidPath, type Json } from '../openapi-parts';

/** The missions' own endpoints in the OpenAPI document (the record endpoints come from the resource). */
export function missionsOpenApiPaths(): Json {
  const tags = ['Audit missions'];
  const id = uuidPath();
  const siteId = uuidPath('siteId');
  return {
    '/api/v1/audits/missions/{id}/status': {
      post: {
        tags, summary: 'Move a mission along its life (new → planned → on_site → drafting → review → delivered → anonymised; review may go back to drafting), with an optional reason kept on its history',
        parameters: [id], requestBody: body(missionStatusChange),
        responses: { 200: answer('The mission in its new status', mission), ...errors, 409: problem('The move is not allowed from the current status (the moves possible are named)') },
      },
    },
    '/api/v1/audits/missions/{id}/availability': {
      get: {
        tags, summary: 'The auditors\' agenda entries (other interventions, absences) that overlap the mission\'s days on site',
        parameters: [id], responses: { 200: answer('The conflicts, by auditor and site', z.object({ items: z.array(z.object({ userId: z.string().uuid(), userName: z.string(), siteName: z.string(), entry: z.object({ id: z.string().uuid(), kind: z.string(), title: z.string(), absenceReason: z.string().nullable(), startsAt: z.string(), endsAt: z.string() }) })) })), ...errors },
      },
    },
    '/api/v1/audits/missions/{id}/plan': {
      post: {
        tags, summary: 'Put the mission\'s days on site in each auditor\'s agenda (all-day on-site interventions); a new mission becomes planned',
        parameters: [id], responses: { 200: answer('How many entries were created, and the mission', z.object({ created: z.number().int(), mission })), ...errors, 409: problem('An auditor is busy then (the conflict is named), or there is nothing to plan') },
      },
    },
    '/api/v1/audits/dashboard': {
      get: { tags, summary: 'The firm\'s dashboard: missions by status, coming days on site, reports awaiting review, unpaid invoices, missions due for anonymisation (in the reader\'s scope)', responses: { 200: answer('The dashboard', missionsDashboard), ...errors } },
    },
    '/api/v1/audits/missions/{id}/sites': {
      get: { tags, summary: 'The client sites the mission audits, with the days on site', parameters: [id], responses: { 200: answer('The sites', z.object({ items: z.array(missionSite) })), ...errors } },
    },
    '/api/v1/audits/missions/{id}/sites/{siteId}': {
      put: { tags, summary: 'Add a site of the client to the mission, or change its days on site', parameters: [id, siteId], requestBody: body(missionSiteInput), responses: { 200: answer('The mission site', missionSite), ...errors } },
      delete: { tags, summary: 'Remove a site from the mission', parameters: [id, siteId], responses: { 204: { description: 'Removed' }, ...errors } },
    },
  };
}
