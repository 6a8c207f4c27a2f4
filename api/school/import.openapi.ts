import { z } from 'zod';
import { importQuery, importSettingsInput, mappingInput, mappingSchema } from '../../domain/school/import-mapping.schema';
import { importReport as report, importRunSummary as run, reportRow as row } from '../../domain/school/import-report.schema';
import { answer, errors, itemsOf, jsonBody, problem, queryParams, uuidPath, type Json } from '../openapi-parts';

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
