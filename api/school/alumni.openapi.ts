import { z } from 'zod';
import { alumniPage, alumniQuery, alumnetConnectionPut, careerCreate, alumnetConnectionView, connectionTestView, studentCareers, syncRunView } from '../../domain/school/alumni.schema';
import { answer, errors, ifMatch, itemsOf, jsonBody, preconditions, problem, queryParams, uuidPath, type Json } from '../openapi-parts';

/** The alumni and the Alumnet connection in the OpenAPI document (issue 18, ADR 0051). */
export function alumniOpenApiPaths(): Json {
  const tags = ['School alumni'];
  return {
    '/api/v1/school/alumni': {
      get: { tags, summary: 'Alumni with their current job, by name; filters promotion, accountId (a known company), company (an employer\'s name), city (of work), cursus, q (name); cursor paging', parameters: queryParams(alumniQuery), responses: { 200: answer('`items` and `nextCursor`', alumniPage), ...errors } },
    },
    '/api/v1/school/alumni/students/{id}/careers': {
      get: { tags, summary: 'A student\'s jobs, the current one first, and their Alumnet member id', parameters: [uuidPath()], responses: { 200: answer('The careers', studentCareers), ...errors } },
      post: { tags, summary: 'Record a job an alumnus told the school: it becomes the current one (the previous ends), the registry\'s employer follows; Alumnet\'s next word wins', parameters: [uuidPath()], requestBody: jsonBody(careerCreate), responses: { 201: answer('The careers', studentCareers), ...errors, 422: problem('Not an alumnus, or an unknown company') } },
    },
    '/api/v1/school/alumnet/connection': {
      get: { tags, summary: 'The Alumnet connection (the API key: only whether it is set) and its latest sync runs (ETag: its version)', responses: { 200: answer('The connection', alumnetConnectionView), ...errors } },
      put: { tags, summary: 'Set the connection: the sandbox or Alumnet (address and API key, write-only), enabled or not', parameters: [ifMatch(false)], requestBody: jsonBody(alumnetConnectionPut), responses: { 200: answer('The connection', alumnetConnectionView), ...errors, ...preconditions, 422: problem('Alumnet without an address or a key') } },
    },
    '/api/v1/school/alumnet/connection/test': {
      post: { tags, summary: 'Ask the network who we are: `ok`, or why not (unavailable, unexpected-response, misconfigured)', responses: { 200: answer('The test', connectionTestView), ...errors, 422: problem('No connection set up') } },
    },
    '/api/v1/school/alumnet/runs': {
      get: { tags, summary: 'The latest sync runs, newest first (a failed one with its reason)', responses: { 200: answer('`items`', itemsOf(syncRunView)), ...errors } },
    },
    '/api/v1/school/alumnet/sync': {
      post: { tags, summary: 'Start a sync now (the nightly one runs at 02:45, Paris)', responses: { 202: answer('The workflow started', z.object({ workflowId: z.string() })), ...errors, 409: problem('A sync is running'), 422: problem('No connection, or disabled') } },
    },
  };
}
