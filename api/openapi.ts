import { answer, errors as commonErrors, ifMatch, itemsOf, jsonBody, preconditions, problem, schemaOf, type Json } from './openapi-parts';
import { commsOpenApiPaths } from './comms/comms.openapi';
import { fieldGroups, recordKinds } from '../domain/modules/registry';
import type { ApiModule } from './api-module';
import { accountOnboardingOpenApiPaths } from './core/account-onboarding.openapi';
import { companyRegistryOpenApiPaths } from './core/company-registry.openapi';
import { decisionsOpenApiPaths } from './process/decisions.openapi';
import { processOpenApiPaths } from './process/process.openapi';
import { savedViewsOpenApiPaths } from './core/saved-views.openapi';
import type { RecordResource } from '../domain/core/record-resource';
import { loginRequest, refreshRequest, tokenPair } from '../domain/identity/auth.schema';
import { auditChainReportSchema } from '../domain/identity/audit-log';
import { z } from 'zod';
import { contactAssignment, contactAssignmentCreate } from '../domain/core/contact.schema';
import { bulkReport, documentView, searchHit, timeline } from '../domain/core/views.schema';
import { bulkBody } from './core/record.router';
import { meView } from '../domain/identity/me';
import {
  definitionListItem, definitionProblem, definitionReactivated, definitionRetired, definitionSaved, definitionVersion, processPlanView,
} from '../domain/process/definition.schema';
import { PROCESS_KEY } from '../domain/process/bpmn-model';
import { processCatalogueView } from './process/catalogue.router';
import { healthView } from './system/health.router';
import { smokeRunView, smokeStarted, startSmoke } from './system/smoke.router';

const problemResponse = problem;
const errors = {
  ...commonErrors,
  401: problemResponse('Missing, expired or invalid access token'),
  403: problemResponse('Your role does not grant this action'),
};
const json = (schema: Json) => ({ content: { 'application/json': { schema } } });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const keyParam = { name: 'key', in: 'path', required: true, schema: { type: 'string', pattern: PROCESS_KEY.source }, description: 'The process key (the BPMN process id)' };
const versionParam = (draft: boolean) => ({
  name: 'version', in: 'path', required: true, schema: { type: 'string', pattern: draft ? '^([1-9][0-9]{0,8}|latest|draft)$' : '^([1-9][0-9]{0,8}|latest)$' },
  description: draft ? 'A version number, "latest" or "draft"' : 'A version number or "latest"',
});
const idemKey = { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 }, description: 'Repeating a request with the same key returns the first answer and creates nothing more' };

/** A kind's own rules may refuse a change (an event already closed, an issued invoice: `detail` says what to do instead). */
const businessRule = problemResponse('A business rule of this kind of record refuses it; `errors` names the field');
const stateConflict = problemResponse('The record is in a state that no longer allows this (e.g. an issued invoice: issue a credit note), or a unique value is taken');

function name(res: RecordResource): string {
  return res.subject;
}

function resourcePaths(path: string, res: RecordResource): Json {
  const ref = { $ref: `#/components/schemas/${name(res)}` };
  const tag = [name(res)];
  return {
    [`/api/v1/${path}`]: {
      get: {
        tags: tag, summary: `List ${res.recordType} records you may read`,
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
          { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'nextCursor of the previous page' },
          { name: 'sort', in: 'query', schema: { type: 'string', enum: Object.keys(res.sorts) } },
          { name: 'q', in: 'query', schema: { type: 'string' }, description: 'Contains, ignoring case and accents' },
          ...Object.entries(res.filters).map(([f, how]) => ({ name: f, in: 'query', schema: { type: 'string' }, description: typeof how === 'string' ? 'Exact match; "null" for none' : 'See the guide: true/false, me, a user id or null' })),
        ],
        responses: { 200: { description: 'A page', ...json({ type: 'object', properties: { items: { type: 'array', items: ref }, nextCursor: { type: ['string', 'null'] } } }) }, ...errors },
      },
      post: {
        tags: tag, summary: `Create a ${res.recordType}`, parameters: [idemKey],
        requestBody: { required: true, ...json({ $ref: `#/components/schemas/${name(res)}Create` }) },
        responses: { 201: { description: 'Created', ...json(ref) }, ...errors, 422: businessRule },
      },
    },
    [`/api/v1/${path}/{id}`]: {
      get: { tags: tag, summary: `Read a ${res.recordType}`, parameters: [idParam], responses: { 200: { description: 'The record; ETag is its version', ...json(ref) }, ...errors } },
      patch: {
        tags: tag, summary: `Change some fields of a ${res.recordType}`, parameters: [idParam, ifMatch()],
        requestBody: { required: true, ...json({ $ref: `#/components/schemas/${name(res)}Update` }) },
        responses: { 200: { description: 'Updated', ...json(ref) }, ...errors, ...preconditions, 409: stateConflict, 422: businessRule },
      },
      delete: { tags: tag, summary: `Delete a ${res.recordType}`, parameters: [idParam, ifMatch(false)], responses: { 204: { description: 'Deleted' }, ...errors, 409: stateConflict, 412: preconditions[412] } },
    },
    [`/api/v1/${path}/bulk`]: {
      post: {
        tags: tag, summary: `Set one field on many ${res.recordType} records (ids, or the list's search and filters), each checked and changed as by PATCH`,
        requestBody: jsonBody(bulkBody), responses: { 200: answer('One line per record: changed, or refused and why', bulkReport(res.outputSchema)), ...errors },
      },
    },
    [`/api/v1/${path}/{id}/history`]: {
      get: { tags: tag, summary: 'Timeline of changes', parameters: [idParam], responses: { 200: answer('Newest first', timeline), ...errors } },
    },
  };
}

/** A record's fields in a field group (finance, margins…) are answered only to who may read the group: not required. */
function withoutGuardedFields(schema: Json, subject: string): Json {
  const guarded = Object.entries(fieldGroups()).filter(([, g]) => g.subject === subject);
  if (!guarded.length) return schema;
  const fields = new Set(guarded.flatMap(([, g]) => g.fields));
  const required = (schema.required as string[] | undefined)?.filter((f) => !fields.has(f));
  const note = `Left out unless the reader holds the field group: ${guarded.map(([key, g]) => `${key} (${g.fields.join(', ')})`).join('; ')}.`;
  return { ...schema, required, description: schema.description ? `${String(schema.description)} ${note}` : note };
}

/** Every operation that takes an Idempotency-Key may answer 409: the key was used for a different request. */
function withIdempotencyConflicts(paths: Json): Json {
  for (const item of Object.values(paths) as Array<Record<string, { parameters?: Array<{ name?: string }>; responses: Json }>>) {
    for (const operation of Object.values(item)) {
      if (operation.parameters?.some((p) => p.name === 'Idempotency-Key')) {
        operation.responses = { 409: problemResponse('This Idempotency-Key was already used for a different request: use a new key'), ...operation.responses };
      }
    }
  }
  return paths;
}

/** OpenAPI 3.1, generated from the same zod schemas the API validates with. */
export function openApiDocument(modules: readonly ApiModule[]): Json {
  const schemas: Json = {
    Problem: {
      type: 'object',
      properties: {
        type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
        errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
    DefinitionProblem: schemaOf(definitionProblem, 'output'),
    LoginRequest: schemaOf(loginRequest, 'input'),
    RefreshRequest: schemaOf(refreshRequest, 'input'),
    TokenPair: schemaOf(tokenPair, 'output'),
    AuditChainReport: schemaOf(auditChainReportSchema, 'output'),
  };
  let paths: Json = {
    '/api/v1/health': { get: { tags: ['System'], summary: 'State of the database and Temporal', security: [], responses: { 200: answer('Both up', healthView), 503: answer('One is down', healthView) } } },
    '/api/v1/auth/login': { post: { tags: ['Auth'], security: [], summary: 'Sign in. The refresh token is set as an httpOnly cookie (relais_refresh, Path=/api/v1/auth, SameSite=Strict) unless `tokenTransport` is "body" (API clients such as the CLI)', requestBody: { required: true, ...json({ $ref: '#/components/schemas/LoginRequest' }) }, responses: { 200: { description: 'Tokens (Cache-Control: no-store)', ...json({ $ref: '#/components/schemas/TokenPair' }) }, 401: errors[401], 409: problemResponse('Email in several organisations: send `tenant`'), 429: problemResponse('Too many failed attempts for this address and email (Retry-After says when to try again); successful sign-ins are not counted') } } },
    '/api/v1/auth/refresh': { post: { tags: ['Auth'], security: [], summary: 'Rotate a refresh token, sent in the body or as the relais_refresh cookie (then the body is `{}`); a reused one revokes its whole family', requestBody: { required: true, ...json({ $ref: '#/components/schemas/RefreshRequest' }) }, responses: { 200: { description: 'New tokens, in the transport the refresh token came in', ...json({ $ref: '#/components/schemas/TokenPair' }) }, 401: errors[401], 415: problemResponse('Not JSON: refresh and logout take application/json only (CSRF)') } } },
    '/api/v1/auth/logout': { post: { tags: ['Auth'], security: [], summary: 'Revoke a session (refresh token in the body or cookie) and the access token sent as Bearer, which stops working at once', requestBody: { required: true, ...json({ $ref: '#/components/schemas/RefreshRequest' }) }, responses: { 204: { description: 'Signed out; the cookie is cleared' }, 415: problemResponse('Not JSON') } } },
    '/api/v1/auth/me': { get: { tags: ['Auth'], summary: 'Who I am, my organisation and my permissions', responses: { 200: answer('Me', meView), 401: errors[401] } } },
    '/api/v1/search': { get: { tags: ['Search'], summary: 'Search every kind of record the caller may read (accounts, contacts, sites, and the verticals\' kinds)', parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 2, maxLength: 200 } }, { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 50, default: 20 } }], responses: { 200: answer('Hits, best first', itemsOf(searchHit)), ...errors } } },
    '/api/v1/contacts/{id}/assignments': {
      get: { tags: ['Contact'], summary: 'Where a contact is assigned', parameters: [idParam], responses: { 200: answer('Assignments', itemsOf(contactAssignment)), ...errors } },
      post: { tags: ['Contact'], summary: 'Assign a contact to a site, billing, support…', parameters: [idParam], requestBody: jsonBody(contactAssignmentCreate), responses: { 201: answer('Assigned', contactAssignment), ...errors, 422: problemResponse('The site or billing site is not one of the contact\'s account') } },
    },
    '/api/v1/contacts/{id}/assignments/{assignmentId}': {
      delete: { tags: ['Contact'], summary: 'Withdraw an assignment', parameters: [idParam, { ...idParam, name: 'assignmentId' }], responses: { 204: { description: 'Withdrawn' }, ...errors } },
    },
    '/api/v1/accounts/{id}/documents': {
      get: { tags: ['Document'], summary: 'Documents attached to an account', parameters: [idParam], responses: { 200: answer('Newest first', itemsOf(documentView)), ...errors } },
      post: {
        tags: ['Document'], summary: 'Attach a file (up to 20 MB)', parameters: [idParam],
        requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } } },
        responses: { 201: answer('Stored', documentView), ...errors, 413: problemResponse('File too large') },
      },
    },
    '/api/v1/documents/{id}/content': { get: { tags: ['Document'], summary: 'Download a document', parameters: [idParam], responses: { 200: { description: 'The file, as an attachment, with its own Content-Type', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } }, ...errors } } },
    '/api/v1/audit-log/verification': {
      get: {
        tags: ['System'], summary: 'Walk the organisation\'s hash-chained audit log and report the first broken link (a worker also verifies every chain each hour and alerts on a break)',
        responses: {
          200: { description: '`intact`, the rows checked and, when broken, the first broken row', ...json({ $ref: '#/components/schemas/AuditChainReport' }) },
          401: errors[401], 403: problemResponse('Needs identity.audit-log.read (administrators of the collaborators)'),
        },
      },
    },
    '/api/v1/smoke-runs': { post: { tags: ['System'], summary: 'Start the smoke workflow', parameters: [idemKey], requestBody: { required: false, ...json(schemaOf(startSmoke)) }, responses: { 202: answer('Started', smokeStarted), ...errors } } },
    '/api/v1/smoke-runs/{id}': { get: { tags: ['System'], summary: 'A smoke run and its workflow', parameters: [idParam], responses: { 200: answer('The run', smokeRunView), ...errors } } },
    '/api/v1/smoke-runs/{id}/proceed': { post: { tags: ['System'], summary: 'Signal a smoke run waiting for it', parameters: [idParam], responses: { 202: answer('Signalled', z.object({ id: z.string().uuid() })), ...errors } } },
    '/api/v1/process-definitions': {
      get: { tags: ['Process definition'], summary: 'Every process key: latest deployed version, number of versions, draft or not', responses: { 200: answer('`items`, by key', itemsOf(definitionListItem)), ...errors } },
      post: {
        tags: ['Process definition'], summary: 'Save a BPMN 2.0 file as the draft of its process key, or deploy it as the next version (?deploy=true)',
        parameters: [{ name: 'deploy', in: 'query', schema: { type: 'string', enum: ['true', 'false'], default: 'false' }, description: 'true: parse, lint, compile and store as version n+1' }, idemKey],
        requestBody: { required: true, content: { 'application/xml': { schema: { type: 'string', maxLength: 1048576 } }, 'text/xml': { schema: { type: 'string' } } } },
        responses: {
          201: answer(
            'Saved or deployed. `warnings` lists what Relais will ignore (extensions it does not read, a message end event that sends nothing…): they do not stop a deploy, show them to the process owner. A draft also lists its lint `problems` (what would refuse a deploy); a deploy lists the timer starts it scheduled (`scheduledStarts`) and the schedules it started (`startSchedules`: one scheduler workflow per timer start event with a cycle, replacing the previous version\'s).',
            definitionSaved,
          ),
          ...errors,
          413: problemResponse('The file is over 1 MB'), 415: problemResponse('The body is not application/xml or text/xml'),
          422: problemResponse('The file cannot be read or deployed: `problems` lists `{ elementId, rule, message }`'),
        },
      },
    },
    '/api/v1/process-definitions/{key}/versions': {
      get: { tags: ['Process definition'], summary: 'The draft and every deployed version of a key, newest first', parameters: [keyParam], responses: { 200: answer('`items`', itemsOf(definitionVersion)), ...errors } },
    },
    '/api/v1/process-definitions/{key}/versions/{version}/xml': {
      get: {
        tags: ['Process definition'], summary: 'The BPMN XML of a version',
        parameters: [keyParam, versionParam(true)],
        responses: { 200: { description: 'The file', content: { 'application/xml': { schema: { type: 'string' } } } }, ...errors },
      },
    },
    '/api/v1/process-definitions/{key}/versions/{version}/plan': {
      get: {
        tags: ['Process definition'], summary: 'The compiled plan of a deployed version (what the bpmnProcess workflow runs)',
        parameters: [keyParam, versionParam(false)],
        responses: { 200: answer('The plan', processPlanView), ...errors },
      },
    },
    '/api/v1/process-definitions/{key}/draft': {
      delete: { tags: ['Process definition'], summary: 'Delete the draft of a key (deployed versions stay)', parameters: [keyParam], responses: { 204: { description: 'Deleted' }, ...errors } },
    },
    '/api/v1/process-definitions/{key}/versions/{version}': {
      delete: {
        tags: ['Process definition'], summary: 'Delete the draft ("draft"); a deployed version is refused (409: retire the key instead)',
        parameters: [keyParam, versionParam(true)],
        responses: { 204: { description: 'Draft deleted' }, ...errors, 409: problemResponse('A deployed version is never deleted: retire the process') },
      },
    },
    '/api/v1/process-definitions/{key}/retire': {
      post: {
        tags: ['Process definition'], summary: 'Retire a key: no new instance (API start answers 409, message and timer starts do not fire, call activities open an incident); running instances continue',
        parameters: [keyParam],
        responses: { 200: answer('Retired; the timer starts taken back and the scheduler workflows terminated', definitionRetired), ...errors, 409: problemResponse('Only a draft: nothing to retire') },
      },
    },
    '/api/v1/process-definitions/{key}/reactivate': {
      post: {
        tags: ['Process definition'], summary: 'Let a retired key start instances again (timer starts its retirement took back are scheduled again)',
        parameters: [keyParam],
        responses: { 200: answer('Active again; schedules start again from now', definitionReactivated), ...errors, 409: problemResponse('Only a draft: nothing to reactivate') },
      },
    },
    '/api/v1/process-catalogue': { get: { tags: ['Process definition'], summary: 'For the modeler: activities (with their input fields), registered forms (with their JSON Schema) and the organisation\'s roles', responses: { 200: answer('Activities, forms and roles', processCatalogueView), ...errors } } },
  };
  for (const { path, resource: res } of recordKinds()) {
    schemas[name(res)] = withoutGuardedFields(schemaOf(res.outputSchema, 'output'), res.subject);
    schemas[`${name(res)}Create`] = schemaOf(res.createSchema, 'input');
    schemas[`${name(res)}Update`] = schemaOf(res.updateSchema, 'input');
    paths = { ...paths, ...resourcePaths(path, res) };
  }
  paths = { ...paths, ...processOpenApiPaths(), ...decisionsOpenApiPaths(), ...commsOpenApiPaths(), ...savedViewsOpenApiPaths(), ...accountOnboardingOpenApiPaths(), ...companyRegistryOpenApiPaths() };
  for (const module of modules) paths = { ...paths, ...module.openApiPaths?.() };
  paths = withIdempotencyConflicts(paths);
  return {
    openapi: '3.1.0',
    info: { title: 'Relais API', version: '1', description: 'Errors are application/problem+json (RFC 9457). Lists use cursor pagination. Updates need If-Match.' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }, schemas },
    paths,
  };
}
