import { answerInput, extendInput, requestInput, requestListQuery, requestListView, requestView, subjectSearchQuery, subjectsView, verifyInput } from '../../domain/gdpr/requests.schema';
import { answer, errors, jsonBody, problem, queryParams, uuidPath, type Json } from '../openapi-parts';

const tags = ['Personal data'];
const conflict = { 409: problem('Not possible in the request\'s state (answered already, extended already, identity not verified)') };

/** The rights requests part of the OpenAPI document (api/gdpr/requests.router.ts, docs/adr/0023-rights-requests.md). */
export function requestsOpenApiPaths(): Json {
  return {
    '/api/v1/gdpr/requests': {
      get: {
        tags, summary: 'Rights requests by deadline (the data protection officer: all; anybody else: the ones they filed about themselves)',
        parameters: queryParams(requestListQuery), responses: { 200: answer('The requests', requestListView), ...errors },
      },
      post: {
        tags,
        summary: 'Records a rights request (access, erasure, portability, rectification, objection) about a person; answers it with `dueAt`, one month after receipt (GDPR art. 12.3), and starts its process. A signed-in person may file one about themselves with `subject: { kind: "user", id: <their id> }` (no requester needed: their identity is their sign-in)',
        requestBody: jsonBody(requestInput), responses: { 201: answer('The request', requestView), ...errors },
      },
    },
    '/api/v1/gdpr/requests/{id}': {
      get: { tags, summary: 'One request (the officer, or the person who filed it about themselves)', parameters: [uuidPath()], responses: { 200: answer('The request', requestView), ...errors } },
    },
    '/api/v1/gdpr/requests/{id}/verify': {
      post: { tags, summary: 'Records how the requester\'s identity was verified; the request moves in progress', parameters: [uuidPath()], requestBody: jsonBody(verifyInput), responses: { 200: answer('The request', requestView), ...errors, ...conflict } },
    },
    '/api/v1/gdpr/requests/{id}/extend': {
      post: { tags, summary: 'Extends the deadline once, to three months after receipt, with the reason the person is told (art. 12.3)', parameters: [uuidPath()], requestBody: jsonBody(extendInput), responses: { 200: answer('The request', requestView), ...errors, ...conflict } },
    },
    '/api/v1/gdpr/requests/{id}/erasure/undo': {
      post: {
        tags, summary: 'Undoes an erasure within its window (14 days by default): every erased value written back, the records\' history noting it (the data protection officer; 409 once the window closed)',
        parameters: [uuidPath()], responses: { 200: answer('The request', requestView), ...errors, ...conflict },
      },
    },
    '/api/v1/gdpr/requests/{id}/answer': {
      post: { tags, summary: 'Records the answer, or the refusal with its reason (art. 12.4); the process ends', parameters: [uuidPath()], requestBody: jsonBody(answerInput), responses: { 200: answer('The request', requestView), ...errors, ...conflict } },
    },
    '/api/v1/gdpr/requests/{id}/export': {
      get: {
        tags,
        summary: 'The export of an access or portability request once the identity is verified: a zip (donnees.json, tables/*.csv, resume.pdf in French) by default or with format=zip; the JSON alone with Accept: application/json or format=json. Everything the organisation holds about the person across its modules; the officer, or the person for their own request',
        parameters: [uuidPath(), { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['zip', 'json'] } }],
        responses: {
          200: { description: 'The archive, or its JSON', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } }, 'application/json': { schema: { type: 'object' } } } },
          ...errors, ...conflict,
        },
      },
    },
    '/api/v1/gdpr/subjects': {
      get: { tags, summary: 'The kinds of person a request can be about in the organisation, and the people of one kind matching the words typed (the officer)', parameters: queryParams(subjectSearchQuery), responses: { 200: answer('Kinds and people', subjectsView), ...errors } },
    },
  };
}
