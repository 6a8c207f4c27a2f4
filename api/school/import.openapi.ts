import { z } from 'zod';
import { importQuery, importSettingsInput, mappingInput, mappingSchema } from '../../domain/school/import-mapping.schema';
import { answer, errors, itemsOf, jsonBody, problem, queryParams, uuidPath, type Json } from '../openapi-parts';

const values = z.object({
  lastName: z.string().nullable(), firstName: z.string().nullable(), nir: z.string().nullable().describe('Masked: its last four characters only'),
  status: z.string().nullable(), address: z.string().nullable(), postalCode: z.string().nullable(), city: z.string().nullable(),
  personalPhone: z.string().nullable(), professionalPhone: z.string().nullable(), company: z.string().nullable(), cursus: z.string().nullable(),
});
const row = z.object({
  row: z.number(), outcome: z.enum(['create', 'update', 'unchanged', 'rejected']), reason: z.string().optional(), reasonCode: z.string().optional(),
  warnings: z.array(z.string()).optional(), changed: z.array(z.string()).optional(), values,
});
const counts = { total: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number() };
const report = z.object({ runId: z.string(), dryRun: z.boolean(), mapping: z.object({ id: z.string(), name: z.string(), version: z.number() }), counts: z.object(counts), rows: z.array(row) });
const run = z.object({
  id: z.string(), source: z.enum(['upload', 'schedule', 'cli']), fileName: z.string().nullable(), dryRun: z.boolean(), status: z.enum(['running', 'done', 'failed']),
  ...counts, mappingId: z.string().nullable(), mappingVersion: z.number().nullable(), errorCode: z.string().nullable(), runDay: z.string().nullable(),
  attempts: z.number(), startedAt: z.string(), finishedAt: z.string().nullable(),
});
const settings = importSettingsInput.extend({ updatedAt: z.string().nullable() });

/** The registry import in the OpenAPI document (issue 18, ADR 0050). */
export function importOpenApiPaths(): Json {
  const tags = ['School registry import'];
  return {
    '/api/v1/school/students/import': {
      post: {
        tags, summary: 'Import the student registry workbook (.xlsx, multipart field `file`): the four transformation cases, upsert on the NIR; `?dryRun=true` answers the diff (create / update with the changed fields / unchanged / rejected with the reason) and writes nothing. School office and its head',
        parameters: queryParams(importQuery),
        requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } } },
        responses: { 200: answer('The report, every row (NIRs masked)', report), ...errors, 422: problem('Wrong layout: the mapped headers missing, named; nothing written') },
      },
    },
    '/api/v1/school/imports': {
      get: { tags, summary: 'The import runs (uploads, CLI, the daily schedule), newest first', parameters: [{ name: 'limit', in: 'query', required: false, schema: { type: 'integer' } }], responses: { 200: answer('`items`', itemsOf(run)), ...errors } },
    },
    '/api/v1/school/imports/{id}': {
      get: { tags, summary: 'A run and its report (every row, NIRs masked)', parameters: [uuidPath()], responses: { 200: answer('The run', run.extend({ rows: z.array(row) })), ...errors } },
    },
    '/api/v1/school/import-mappings': {
      get: { tags, summary: 'The column mappings, every version (the default « Référentiel ACME » for the specification\'s headers included)', responses: { 200: answer('`items`', itemsOf(mappingSchema)), ...errors } },
      post: { tags, summary: 'Save a mapping: a new version of its name', requestBody: jsonBody(mappingInput), responses: { 201: answer('The mapping', mappingSchema), ...errors } },
    },
    '/api/v1/school/import-settings': {
      get: { tags, summary: 'The daily drop folder\'s settings', responses: { 200: answer('The settings', settings), ...errors } },
      put: { tags, summary: 'Set the daily drop folder (head of the student office)', requestBody: jsonBody(importSettingsInput), responses: { 200: answer('The settings', settings), ...errors } },
    },
  };
}
