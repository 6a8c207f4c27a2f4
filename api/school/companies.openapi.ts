import { z } from 'zod';
import { companyListQuery, companySave, introductionCreate, introductionListQuery, introductionUpdate, INTRODUCTION_STATUSES, studentSmsRequest } from '../../domain/school/companies.schema';
import { answer, errors, ifMatch, itemsOf, jsonBody, problem, queryParams, uuidPath, type Json } from '../openapi-parts';

const person = z.object({ id: z.string(), firstName: z.string().nullable(), lastName: z.string() });
const company = z.object({
  id: z.string(), name: z.string(), siren: z.string().nullable(), siret: z.string().nullable(), nafCode: z.string().nullable(), externalRef: z.string().nullable(),
  addressLine1: z.string().nullable(), postalCode: z.string().nullable(), city: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(),
  contacts: z.array(person.extend({ jobTitle: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), mobile: z.string().nullable() })),
  students: z.array(person.extend({ status: z.string(), promotion: z.number().nullable() })),
  openIntroductions: z.number(),
});
const introduction = z.object({
  id: z.string(), studentId: z.string(), studentName: z.string().nullable(), accountId: z.string(), accountName: z.string(),
  contactId: z.string().nullable(), contactName: z.string().nullable(), purpose: z.string(), status: z.enum(INTRODUCTION_STATUSES), channel: z.string(),
  note: z.string().nullable(), messageId: z.string().nullable(), messageStatus: z.string().nullable().describe('The comms message\'s status (queued, delivered, refused…)'),
  createdByName: z.string().nullable(), createdAt: z.string(), statusChangedAt: z.string().nullable(), version: z.number(),
});
const importRow = z.object({
  row: z.number(), outcome: z.enum(['create', 'update', 'unchanged', 'rejected']), reason: z.string().optional(), reasonCode: z.string().optional(),
  values: z.object({ externalRef: z.string(), name: z.string(), addressLine1: z.string().nullable(), postalCode: z.string().nullable(), city: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
});
const importReport = z.object({ dryRun: z.boolean(), counts: z.object({ create: z.number(), update: z.number(), unchanged: z.number(), rejected: z.number() }), rows: z.array(importRow) });
const file = { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } } };

/** The school's companies area in the OpenAPI document (issue 18, ADR 0052). */
export function companiesOpenApiPaths(): Json {
  const tags = ['School companies'];
  return {
    '/api/v1/school/companies': {
      get: { tags, summary: 'The companies the school lists (accounts), each with its contacts, the students and alumni it employs and its open introductions. Staff only', parameters: queryParams(companyListQuery), responses: { 200: answer('`items`', itemsOf(company)), ...errors } },
      post: {
        tags, summary: '« Enregistrer » a company found in the registry (search: GET /api/v1/company-registry/search with nafCode, postalCode, workforce): asked again by its SIREN or SIRET, saved as an account with its head-office address, and the email and phone given. A company already listed (same SIREN) is answered as it is (200)',
        requestBody: jsonBody(companySave),
        responses: { 201: answer('Saved', z.object({ created: z.boolean(), account: z.looseObject({ id: z.string() }) })), 200: answer('Already listed', z.object({ created: z.boolean(), account: z.looseObject({ id: z.string() }) })), ...errors, 422: problem('Unknown to the registry'), 503: problem('The registry does not answer: nothing saved') },
      },
    },
    '/api/v1/school/companies/import': {
      post: {
        tags, summary: 'Import the legacy « Gestion des entreprises » table (CSV or .xlsx: id_entreprise, Nom de l\'entreprise, Adresse postale, Adresse mail, Numéro de téléphone): upsert on id_entreprise (accounts.external_ref), address split as case 1; `?dryRun=true` writes nothing',
        parameters: [{ name: 'dryRun', in: 'query', required: false, schema: { type: 'string', enum: ['true', 'false'] } }], requestBody: file,
        responses: { 200: answer('The report, every row', importReport), ...errors, 413: problem('File too large') },
      },
    },
    '/api/v1/school/introductions': {
      get: { tags, summary: 'Introductions of a student or a company, newest first', parameters: queryParams(introductionListQuery), responses: { 200: answer('`items`', itemsOf(introduction)), ...errors } },
      post: {
        tags, summary: '« Mettre en relation »: records the introduction and tells the student by SMS or mail through comms (template school.introduction); a message comms refuses (STOP) saves nothing (422)',
        requestBody: jsonBody(introductionCreate), responses: { 201: answer('The introduction (sent, with its message)', introduction), ...errors, 422: problem('Unknown student, company or contact; no phone or email; refused by comms') },
      },
    },
    '/api/v1/school/introductions/{id}': {
      get: { tags, summary: 'An introduction', parameters: [uuidPath()], responses: { 200: answer('The introduction', introduction), ...errors } },
      patch: { tags, summary: 'Moves an introduction on (accepted, declined, closed)', parameters: [uuidPath(), ifMatch(false)], requestBody: jsonBody(introductionUpdate), responses: { 200: answer('The introduction', introduction), ...errors, 422: problem('A move its life does not allow') } },
    },
    '/api/v1/school/students/sms': {
      post: {
        tags, summary: '« Envoyer un SMS » to chosen students or those a filter keeps (a promotion, a status, a cursus): a comms campaign of one of the school\'s SMS templates (marketing ones reach only consenting students; transactional ones every student with a mobile)',
        requestBody: jsonBody(studentSmsRequest),
        responses: { 202: answer('The campaign started (its report: GET /api/v1/comms/campaigns/{id})', z.object({ id: z.string(), workflowId: z.string(), total: z.number(), status: z.string(), selected: z.number(), withoutPhone: z.number() })), ...errors, 422: problem('No student, none with a mobile, or an unknown template') },
      },
    },
  };
}
