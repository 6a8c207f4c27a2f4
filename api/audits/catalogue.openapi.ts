import { z } from 'zod';
import {
  catalogueQuery, checkPoint, checkPointCreate, checkPointUpdate, checksSelected, checksSelection, libraryFinding, libraryFindingCreate,
  libraryFindingUpdate, libraryImprove, libraryQuery, missionCheck, missionCheckAnswer,
} from '../../domain/audits/catalogue.schema';
import { progress } from '../../domain/audits/catalogue-rules';
import { answer, errors, ifMatch, itemsOf, jsonBody, preconditions, problem, queryParams, uuidPath, type Json } from '../openapi-parts';

const progressShape = z.object(Object.fromEntries(Object.keys(progress([])).map((k) => [k, z.number().int()])));

/** The control catalogue, the checklists and the finding library in the OpenAPI document (issue 16, ADR 0034). */
export function catalogueOpenApiPaths(): Json {
  const tags = ['Audits catalogue'];
  const id = uuidPath();
  return {
    '/api/v1/audits/catalogue': {
      get: { tags, summary: 'The control catalogue: current check points by scope and position, or matching `q` (French full text) best first; `retired=true` adds former versions, `code` one code\'s history', parameters: queryParams(catalogueQuery), responses: { 200: answer('`items`', itemsOf(checkPoint)), ...errors } },
      post: { tags, summary: 'A new check point (mission leads), version 1 of its code', requestBody: jsonBody(checkPointCreate), responses: { 201: answer('The check point', checkPoint), ...errors, 409: problem('The code is used by a current check point') } },
    },
    '/api/v1/audits/catalogue/{id}': {
      get: { tags, summary: 'A check point (any version)', parameters: [id], responses: { 200: answer('The check point', checkPoint), ...errors } },
      patch: {
        tags, summary: 'Edit a check point (mission leads): a changed text makes the next version under the same code (answered, with its new id in Location) and retires this one; missions keep the copy they selected; a new position alone is saved in place',
        parameters: [id, ifMatch()], requestBody: jsonBody(checkPointUpdate), responses: { 200: answer('The current version', checkPoint), ...errors, ...preconditions, 409: problem('This version is retired') },
      },
    },
    '/api/v1/audits/catalogue/{id}/retire': {
      post: { tags, summary: 'Retire a check point: no longer offered to new missions', parameters: [id, ifMatch(false)], responses: { 200: answer('The retired check point', checkPoint), ...errors, ...preconditions } },
    },
    '/api/v1/audits/missions/{id}/checks': {
      get: { tags, summary: 'The mission\'s checklist in the catalogue\'s order, with its progress (auditors: their missions only, 404 otherwise)', parameters: [id], responses: { 200: answer('`items` and `progress`', z.object({ items: z.array(missionCheck), progress: progressShape })), ...errors } },
      post: {
        tags, summary: 'Select checklists in bulk (mission leads): `{ scopes }` or `{ checkPointIds }`, optionally for one of its sites; each code once, those already there skipped (idempotent); 201 when some were added, 200 when none',
        parameters: [id], requestBody: jsonBody(checksSelection), responses: { 200: answer('Nothing added', checksSelected), 201: answer('Added', checksSelected), ...errors, 409: problem('The mission is delivered or anonymised'), 422: problem('Unknown or retired check points') },
      },
    },
    '/api/v1/audits/missions/{id}/checks/{checkId}': {
      patch: {
        tags, summary: 'Answer a check (`answer`, `observation`): the mission\'s lead and auditors; 412 with `current` when someone answered first',
        parameters: [id, uuidPath('checkId'), ifMatch()], requestBody: jsonBody(missionCheckAnswer), responses: { 200: answer('The check', missionCheck), ...errors, ...preconditions, 409: problem('The mission is delivered or anonymised') },
      },
    },
    '/api/v1/audits/findings-library': {
      get: { tags, summary: 'The finding library by title, or matching `q` best first', parameters: queryParams(libraryQuery), responses: { 200: answer('`items`', itemsOf(libraryFinding)), ...errors } },
      post: { tags, summary: 'A new library finding (mission leads)', requestBody: jsonBody(libraryFindingCreate), responses: { 201: answer('The library finding', libraryFinding), ...errors } },
    },
    '/api/v1/audits/findings-library/{id}': {
      get: { tags, summary: 'A library finding', parameters: [id], responses: { 200: answer('The library finding', libraryFinding), ...errors } },
      patch: { tags, summary: 'Edit a library finding (mission leads)', parameters: [id, ifMatch()], requestBody: jsonBody(libraryFindingUpdate), responses: { 200: answer('The library finding', libraryFinding), ...errors, ...preconditions } },
      delete: { tags, summary: 'Delete a library finding (mission leads); the missions\' findings keep their text', parameters: [id, ifMatch(false)], responses: { 204: { description: 'Deleted' }, ...errors, ...preconditions } },
    },
    '/api/v1/audits/findings-library/{id}/improve': {
      post: {
        tags, summary: 'Take a mission\'s finding back into the library: `findingId` (the capture\'s finding) or its texts; given texts replace the library\'s, references are added; counted as a use',
        parameters: [id, ifMatch(false)], requestBody: jsonBody(libraryImprove), responses: { 200: answer('The library finding', libraryFinding), ...errors, ...preconditions, 422: problem('Nothing new to take') },
      },
    },
  };
}
