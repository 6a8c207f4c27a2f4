import {
  finding, findingCreate, findingUpdate, inventoryCreate, inventoryItem, inventoryUpdate, listOf, MAX_UPLOAD_BYTES, observation, observationCreate, observationUpdate, upload,
} from '../../domain/audits/capture.schema';
import type { z } from 'zod';
import { answer, errors, ifMatch, jsonBody, preconditions, problem, uuidPath, type Json } from '../openapi-parts';

/** The capture's endpoints in the OpenAPI document (issue 16, ADR 0035). */
export function captureOpenApiPaths(): Json {
  const mission = uuidPath('missionId');
  const item = uuidPath('itemId');
  const closed = problem('The mission is delivered or anonymised: its capture no longer changes');
  const taken = problem('This id already names another item, with other content');
  const kinds: Array<[string, string, z.ZodType, z.ZodType, z.ZodType]> = [
    ['inventory', 'AuditInventoryItem', inventoryItem, inventoryCreate, inventoryUpdate],
    ['observations', 'AuditObservation', observation, observationCreate, observationUpdate],
    ['findings', 'AuditFinding', finding, findingCreate, findingUpdate],
  ];
  const paths: Json = {};
  for (const [kind, tag, shape, create, update] of kinds) {
    paths[`/api/v1/audits/missions/{missionId}/${kind}`] = {
      get: { tags: [tag], summary: 'The mission\'s items, their sealed fields masked (auditors on the mission, its lead, mission leads)', parameters: [mission], responses: { 200: answer('The items (masked: true)', listOf(shape)), ...errors } },
      post: {
        tags: [tag], summary: 'Capture an item under the id the client generated; the same request again answers the item (200), another content under that id 409',
        parameters: [mission], requestBody: jsonBody(create),
        responses: { 201: answer('Written', shape), 200: answer('Already written by this same request', shape), ...errors, 409: taken, 422: closed },
      },
    };
    paths[`/api/v1/audits/missions/{missionId}/${kind}/{itemId}`] = {
      get: { tags: [tag], summary: 'The item, its sealed fields in clear; ETag is its version', parameters: [mission, item], responses: { 200: answer('The item (masked: false)', shape), ...errors } },
      patch: {
        tags: [tag], summary: 'Change the item at the version you read', parameters: [mission, item, ifMatch()], requestBody: jsonBody(update),
        responses: { 200: answer('Changed', shape), ...errors, ...preconditions, 422: closed },
      },
      delete: { tags: [tag], summary: 'Delete the item (If-Match optional); deleted already: 404', parameters: [mission, item, ifMatch(false)], responses: { 204: { description: 'Deleted' }, ...errors, 412: preconditions[412], 422: closed } },
    };
  }
  const fields = { id: { type: 'string', format: 'uuid' }, siteId: { type: 'string', format: 'uuid' }, caption: { type: 'string', maxLength: 500 } };
  paths['/api/v1/audits/missions/{missionId}/uploads'] = {
    get: { tags: ['AuditUpload'], summary: 'The mission\'s photos and documents', parameters: [mission], responses: { 200: answer('The uploads', listOf(upload)), ...errors } },
    post: {
      tags: ['AuditUpload'], summary: `Upload a photo (JPEG, PNG, WebP, HEIC) or a PDF of at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB, its type read from its bytes; idempotent on \`id\``,
      parameters: [mission],
      requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: ['file', 'id', 'siteId'], properties: { file: { type: 'string', format: 'binary' }, ...fields } } } } },
      responses: {
        201: answer('Stored, sealed under the organisation\'s key', upload), 200: answer('Already stored by this same request', upload), ...errors,
        409: taken, 413: problem('The file is too large'), 415: problem('Neither an image nor a PDF'), 422: closed,
      },
    },
  };
  paths['/api/v1/audits/missions/{missionId}/uploads/{uploadId}'] = {
    get: {
      tags: ['AuditUpload'], summary: 'The file\'s bytes, opened', parameters: [mission, uuidPath('uploadId')],
      responses: { 200: { description: 'The file', content: { 'image/*': { schema: { type: 'string', format: 'binary' } }, 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, ...errors },
    },
    delete: { tags: ['AuditUpload'], summary: 'Delete the upload and its file; deleted already: 404', parameters: [mission, uuidPath('uploadId')], responses: { 204: { description: 'Deleted' }, ...errors, 422: closed } },
  };
  return paths;
}
