import { z } from 'zod';
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
    '/api/v1/audits/missions/{id}/sites': {
      get: { tags, summary: 'The client sites the mission audits, with the days on site', parameters: [id], responses: { 200: answer('The sites', z.object({ items: z.array(missionSite) })), ...errors } },
    },
    '/api/v1/audits/missions/{id}/sites/{siteId}': {
      put: { tags, summary: 'Add a site of the client to the mission, or change its days on site', parameters: [id, siteId], requestBody: body(missionSiteInput), responses: { 200: answer('The mission site', missionSite), ...errors } },
      delete: { tags, summary: 'Remove a site from the mission', parameters: [id, siteId], responses: { 204: { description: 'Removed' }, ...errors } },
    },
  };
}
